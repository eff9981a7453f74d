//! What `slac diff` reports: one entry per difference, its effect, and the summary.

use crate::model::strictness::Verdict;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Effect {
    Tightened,
    Loosened,
    Changed,
}

impl Effect {
    /// How a verdict of the strictness table is reported.
    pub(crate) fn of(v: Verdict) -> Effect {
        match v {
            Verdict::Tightened => Effect::Tightened,
            Verdict::Loosened => Effect::Loosened,
            Verdict::Same | Verdict::Mixed | Verdict::Unordered => Effect::Changed,
        }
    }

    pub(crate) fn word(self) -> &'static str {
        match self {
            Effect::Tightened => "tightened",
            Effect::Loosened => "loosened",
            Effect::Changed => "changed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Change {
    Added,
    Removed,
    Modified,
}

impl Change {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Modified => "modified",
        }
    }
}

/// One difference.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Entry {
    /// `sla`, `ola`, `uc`, `party`, `service` or `calendar`.
    pub subject: String,
    pub name: String,
    /// The region of an agreement; null for its base terms.
    pub region: Option<String>,
    /// Whether the subject is an SLA whose customer is a `customer` party.
    pub customer_facing: bool,
    /// What changed, e.g. `incident p1 resolve`.
    pub what: String,
    pub change: Change,
    pub effect: Effect,
    pub old: Option<String>,
    pub new: Option<String>,
    /// A commitment of an agreement (SLA, OLA or UC) that is looser in some respect.
    pub weakening: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub tightened: usize,
    pub loosened: usize,
    pub changed: usize,
    /// Weakenings of every kind of agreement.
    pub weakenings: usize,
    /// Weakenings of SLAs (of any customer, external or internal).
    pub sla_weakenings: usize,
    /// Changes that are errors whatever the flags ([`Violation`]).
    pub errors: usize,
}

/// Which weakenings `--deny-weakening` fails on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Deny {
    /// Of an SLA, external or internal customer alike.
    Sla,
    /// Of any agreement: SLAs, OLAs and UCs.
    All,
}

/// A change that is an error whatever the flags: E0608, a signed agreement whose
/// commitments changed without a new version.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Violation {
    pub code: &'static str,
    /// `sla`, `ola` or `uc`.
    pub subject: String,
    pub name: String,
    /// The version signed on the old side, unchanged on the new one.
    pub version: u32,
    pub message: String,
    pub help: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Report {
    pub changes: Vec<Entry>,
    pub errors: Vec<Violation>,
    pub summary: Summary,
}

impl Report {
    /// Whether a change is an error whatever the flags (E0608).
    pub(crate) fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Whether there is a weakening that `deny` fails on.
    pub(crate) fn denied(&self, deny: Deny) -> bool {
        match deny {
            Deny::Sla => self.summary.sla_weakenings > 0,
            Deny::All => self.summary.weakenings > 0,
        }
    }
}

/// One difference before it is attached to its subject.
pub(crate) struct Fact {
    pub what: String,
    pub change: Change,
    pub verdict: Verdict,
    pub old: Option<String>,
    pub new: Option<String>,
}
