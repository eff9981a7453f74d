//! E06xx — the lifecycle, the catalogue and the contract register.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    Explanation {
        code: Code::E0601,
        explanation: "An agreement whose status is `signed` or `terminated` lacks the signature of one of its parties. A contract binds once every party has signed it: the provider and the customer, after inheritance (a corporate SLA has no customer and needs only its provider's signature). The documents show who signed when, and an agreement signed by one side only would be presented as a contract the other side never agreed to. Add `signed DATE by PARTY \"Name, role\"` for each missing party, or set the status to what the agreement is until then (`approved`, waiting for signatures). A terminated agreement was signed before it was terminated, so it needs the signatures too.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
    },
    Explanation {
        code: Code::E0602,
        explanation: "The dates of an agreement's lifecycle are out of order. An agreement is proposed, then approved, then signed by each party, then (perhaps) terminated, so slac requires:\n\
\n\
* `proposed` no later than `approved`, and both no later than each signature;\n\
* each signature no later than `terminated`;\n\
* the versions in `history` signed in the order they are listed, and the current version signed no earlier than the versions before it;\n\
* nothing proposed, approved or signed after the validity ends (`valid … to`);\n\
* the termination date, the last day in force, within the validity: not before `valid from`, not after `valid … to` (an agreement that runs to its end is not terminated).\n\
\n\
A date out of order is almost always a typo, and the register, the documents and `slac status` would show a history that cannot have happened. Correct the date.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  proposed 2026-11-20
  approved 2025-12-01 by "Claire Martin, Head of Service Management"
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  proposed 2025-11-20
  approved 2025-12-01 by "Claire Martin, Head of Service Management"
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
    },
    Explanation {
        code: Code::E0603,
        explanation: "The status of an agreement contradicts the events written beside it:\n\
\n\
* `status terminated` without a `terminated DATE`, or a `terminated` date with another status;\n\
* `status approved` without an `approved DATE by …`;\n\
* signatures on a draft or a proposal (a draft is not signed: once every party has signed, the status is `signed`), an approval on a draft or a proposal, a proposal date on a draft;\n\
* events (`proposed`, `approved`, `signed`, `terminated`) on an agreement without a `status`.\n\
\n\
The status decides what an agreement means: whether it binds, whether it backs another (E04), whether it is monitored and evaluated after a date. When the events say otherwise, slac cannot tell which is right. A signed or terminated agreement needs no `approved` event. Set the status the events lead to, or remove the events that did not happen.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status terminated
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status terminated
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
  terminated 2027-03-31 "Globex moved the API in house"
}
"#,
    },
    Explanation {
        code: Code::E0604,
        explanation: "The version of an agreement or its history is malformed. An agreement without `version` is version 1; an amendment is `version N amends M \"what changed\"`, and `history { version M signed DATE \"…\" }` lists the versions before it. slac requires that `amends` name an earlier version (M below N) and, when there is a history, a version the history lists; that the history list only versions before the current one, each once, from the oldest; and that a version be a number from 1 to 9999. A version history that goes backwards cannot say which text the parties signed when. Number the current version after every version in its history.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  version 2 amends 1 "Adds the latency objective"
  history {
    version 1 signed 2025-12-16 "Original agreement"
    version 2 signed 2026-03-02 "Higher availability"
  }
  signed 2026-05-12 by globex "Walter Skinner, Chief Information Officer"
  signed 2026-05-13 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  version 3 amends 2 "Adds the latency objective"
  history {
    version 1 signed 2025-12-16 "Original agreement"
    version 2 signed 2026-03-02 "Higher availability"
  }
  signed 2026-05-12 by globex "Walter Skinner, Chief Information Officer"
  signed 2026-05-13 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
    },
    Explanation {
        code: Code::E0605,
        explanation: "A `signed … by PARTY` names a party that is neither the agreement's provider nor its customer (after inheritance). Only the parties to an agreement sign it; a signature by anyone else is usually the wrong name (a customer's SLA signed by another customer) and would make the documents show a contract between the wrong parties. Name the party that signed, or remove the signature.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
customer initech "Initech"
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
  signed 2025-12-16 by initech "Bill Lumbergh, Vice President"
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
    },
    Explanation {
        code: Code::E0606,
        explanation: "A catalogue lists its packages from the lowest to the best, and a better package costs less than one listed below it. A customer offered both would buy the better one for less, and the lesser one is never sold; usually two packages were swapped or a price was copied wrongly. Fees are compared per month, in the catalogue's one currency (E0107 otherwise). Raise the better package's fee, lower the other one, or reorder the packages.",
        wrong: r#"catalogue levels "Service levels" {
  package silver "Silver" {
    fee 8000 EUR per month
    availability 99.9% per month
  }
  package gold "Gold" {
    fee 6000 EUR per month
    availability 99.95% per month
  }
}
"#,
        right: r#"catalogue levels "Service levels" {
  package silver "Silver" {
    fee 6000 EUR per month
    availability 99.9% per month
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability 99.95% per month
  }
}
"#,
    },
    Explanation {
        code: Code::E0607,
        explanation: "A better package promises less than a package listed below it on some term: a lower target, a longer deadline, a longer window, smaller credits, a lower cap, more maintenance, or a commitment the lesser package makes and the better one does not make at all (an objective, a support deadline, service credits). Which way is less is the strictness table of `slac diff` and E0303 (docs/cli.md, `slac diff`); every pair of packages is compared, each finding reported once from the nearest lesser package. A term the better package sets looser is reported where it is written; what it lacks altogether is reported at its name. Tighten the better package, or reorder the packages.",
        wrong: r#"catalogue levels "Service levels" {
  package silver "Silver" {
    fee 4000 EUR per month
    availability 99.9% per month
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability 99.5% per month
  }
}
"#,
        right: r#"catalogue levels "Service levels" {
  package silver "Silver" {
    fee 4000 EUR per month
    availability 99.5% per month
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability 99.9% per month
  }
}
"#,
    },
    Explanation {
        code: Code::E0608,
        explanation: "`slac diff` found a change to the commitments of an agreement that is signed on the old side (status `signed`, or `terminated`: it was signed too) while its `version` stayed the same. A signed text is what the parties agreed to: changing a target, a deadline, a penalty, the validity or any other term in place rewrites a contract after the fact, and the documents would show the parties signing something they never saw. Every entry of the diff counts (tightened, loosened or changed), whether the agreement's own statements changed or what it inherits (its parent, its package); changes of the lifecycle itself do not (a signature added, the status changed, a termination). Write the change as a new version: `version 2 amends 1 \"what changed\"`, the signed version moved into `history`, and the status of the amendment (`draft`, `proposed`, `approved`, then `signed` with the new signatures). `slac diff` reports E0608 in every format and exits 1, with or without `--deny-weakening`. `slac check` cannot see it, since it needs the old side: the examples are the new side of `slac diff BEFORE NEW`, where BEFORE is the signed text shown first, and each checks clean on its own.",
        wrong: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.95% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
        right: r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.95% per month
  latency 99% within 200ms per month
  status signed
  version 2 amends 1 "Higher availability"
  history {
    version 1 signed 2025-12-16 "Original agreement"
  }
  approved 2026-05-04 by "Claire Martin, Head of Service Management"
  signed 2026-05-12 by globex "Walter Skinner, Chief Information Officer"
  signed 2026-05-13 by acme "Sophie Laurent, Chief Operating Officer"
}
"#,
    },
];

/// The old side of E0608's examples: the signed text, as committed. `slac diff` compares
/// it with `wrong` (E0608) and with `right` (nothing).
pub(super) const E0608_BEFORE: &str = r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-15 by globex "Walter Skinner, Chief Information Officer"
  signed 2025-12-16 by acme "Sophie Laurent, Chief Operating Officer"
}
"#;
