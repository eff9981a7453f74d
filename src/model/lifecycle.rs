//! The agreement lifecycle (language.md, "Lifecycle"): what the status, versions,
//! approvals, signatures and termination mean. Every backend asks these functions
//! (whether an agreement is binding, backs another, is in force on a day, needs action),
//! so they cannot disagree. The types are in portfolio.rs.

use super::portfolio::{Agreement, Ref, Status, Terms};
use chrono::NaiveDate;
use serde::Serialize;

/// The parties whose signatures a signed agreement needs: its provider and customer
/// (after inheritance).
pub fn signing_parties(terms: &Terms) -> Vec<&Ref> {
    [&terms.provider, &terms.customer]
        .into_iter()
        .flatten()
        .map(|r| &r.value)
        .collect()
}

/// The last day an agreement is in force: its `valid … to`, cut at its termination.
/// `None`: open-ended. The one rule eval, E04, the register and the documents use.
pub fn last_day(terms: &Terms) -> Option<NaiveDate> {
    let to = terms.valid.as_ref().and_then(|v| v.value.to);
    match (to, terms.terminated) {
        (Some(t), Some(x)) => Some(t.min(x)),
        (t, x) => t.or(x),
    }
}

/// What needs action on `today` (for `slac status` and the register), by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A review is overdue (W0501's rule).
    ReviewOverdue,
    /// A review falls due within the horizon.
    ReviewDue,
    /// Expires (or ends by termination) within the horizon: renew or let it end.
    Expiring,
    /// A draft or proposal waiting for approval.
    AwaitingApproval,
    /// Approved or signed by some parties, waiting for the other signatures.
    AwaitingSignature,
    /// A binding SLA (or OLA) backed, for some service, only by a draft or proposed OLA
    /// or UC.
    DraftBacking,
}

/// The date a review falls due: `reviewed` (else `valid from`) plus `review every N
/// months`. `None` without a cadence.
pub fn next_review(terms: &Terms) -> Option<NaiveDate> {
    let every = terms.review_every_months.as_ref()?.value;
    let since = terms
        .reviewed
        .map(|r| r.value)
        .or_else(|| terms.valid.as_ref().map(|v| v.value.from))?;
    since.checked_add_months(chrono::Months::new(every))
}

/// Whether an agreement is a draft waiting for approval.
pub fn awaiting_approval(a: &Agreement) -> bool {
    matches!(a.lifecycle.status(), Some(Status::Draft | Status::Proposed))
}
