//! The registry of diagnostic codes: the one source of truth for codes, severities and
//! titles, read by the renderers, `slac explain` and docs/checks.md.

use super::severity::Severity;
use serde::Serialize;

macro_rules! codes {
    ($($variant:ident $sev:ident $title:literal;)*) => {
        /// A stable diagnostic code. Codes never change meaning once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One line: what the code is about.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    E0100 Error "syntax error";
    E0101 Error "percentage outside 0–100%";
    E0102 Error "time of day outside 00:00–24:00";
    E0103 Error "date that does not exist";
    E0104 Error "interval whose end is not after its start";
    E0105 Error "unknown time zone";
    E0106 Error "malformed duration";
    E0107 Error "unknown or mixed currency";
    E0108 Error "statement given twice";
    E0109 Error "statement not allowed here";
    W0110 Warning "overlapping intervals in one calendar";
    W0111 Warning "bidirectional control character in a string or comment";
    E0110 Error "slac.toml is not valid TOML";
    E0111 Error "unknown key or wrong type in slac.toml";
    E0112 Error "value slac.toml cannot use";
    W0120 Warning "allowed warning that nothing reports";
    W0121 Warning "`# slac: allow` comment that allows nothing";
    E0201 Error "name defined twice";
    E0202 Error "unknown name";
    E0203 Error "name of the wrong kind";
    E0204 Error "cycle in `depends_on`";
    E0205 Error "cycle in `extends`";
    E0206 Error "redefinition of the built-in calendar `always`";
    E0207 Error "more recurring closures than slac expands";
    E0301 Error "required statement missing";
    E0302 Error "`extends` across kinds or levels";
    E0303 Error "child loosens what its parent set";
    E0304 Error "malformed penalty tiers";
    E0305 Error "penalty on a target the agreement does not have";
    E0306 Error "validity starts after it ends";
    E0307 Error "malformed indicator";
    E0308 Error "resolve shorter than response";
    W0308 Warning "SLA does not extend its provider's corporate SLA";
    W0309 Warning "credit tier larger than the cap";
    E0310 Error "objective measured by a source it does not have";
    E0311 Error "credit computed from fees the agreement does not state";
    E0312 Error "credit for the downtime on a penalty without downtime";
    E0313 Error "per-item credits without per-item charges";
    E0314 Error "credit basis the penalty cannot use";
    E0320 Error "malformed downtime definition";
    E0321 Error "conflicting downtime definitions";
    E0322 Error "`k of` dependency that cannot be met";
    E0323 Error "maintenance allowance longer than its period";
    E0324 Error "fiscal year that does not start on the first of a month";
    E0330 Error "business days out of range";
    E0331 Error "update interval longer than the resolve";
    E0332 Error "escalation stages longer than the target";
    E0333 Error "escalation stages against a deadline in business days";
    E0601 Error "signed agreement without every party's signature";
    E0602 Error "lifecycle dates out of order";
    E0603 Error "status contradicts the lifecycle";
    E0604 Error "malformed version or history";
    E0605 Error "signature by a party not in the agreement";
    E0606 Error "better package costs less than a lesser one";
    E0607 Error "better package promises less than a lesser one";
    E0608 Error "signed agreement changed without a new version";
    E0401 Error "availability not backed by supporters";
    E0402 Error "deadline not backed by a supporter";
    E0403 Error "support hours not covered by a supporter";
    E0404 Error "validity not covered by supporters";
    E0405 Error "supporter lacks a target";
    W0406 Warning "supporter measures availability over a longer window";
    W0407 Warning "supporter's maintenance counts against the agreement";
    W0408 Warning "dependency not covered by any OLA or UC";
    E0409 Error "subscribed service not covered by an SLA";
    E0420 Error "escalation chain not backed within the target";
    E0421 Error "escalation stage carried by an agreement that does not support it";
    E0422 Error "escalation stage carried by a deadline in business days";
    W0501 Warning "review overdue";
    W0502 Warning "availability is the only objective (watermelon effect)";
    W0503 Warning "`d` or `w` duration on a business-hours clock";
    W0504 Warning "item never referenced";
    W0505 Warning "agreement has expired";
    W0506 Warning "agreement in UTC while its calendars keep another zone";
    W0507 Warning "calendar has no closures for a year the agreement is in force";
    W0508 Warning "SLA with service credits and no claim window";
    W0509 Warning "objective burn-rate alerts cannot watch";
}

impl Code {
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
