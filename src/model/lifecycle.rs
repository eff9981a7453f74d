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
    match (to, terms.more.terminated) {
        (Some(t), Some(x)) => Some(t.min(x)),
        (t, x) => t.or(x),
    }
}

/// The calendar years an agreement is in force: from its `valid from` (today without
/// one) to its last day (`to`, cut at a termination: [`last_day`]), an open end
/// counting up to the end of the year after `today`. Documents list recurring closures
/// and allowances for these years; the lint for missing years (W0507) uses the same rule.
pub fn years_in_force(terms: &Terms, today: NaiveDate) -> (i32, i32) {
    use chrono::Datelike;
    let from = terms.valid.as_ref().map_or(today, |v| v.value.from);
    let to = last_day(terms);
    let last = to.map_or(today.year().saturating_add(1), |t| t.year());
    (from.year(), last.max(from.year()))
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

/// Whether the agreement's documents are a draft text: status draft or proposed, a
/// text nobody has agreed to yet. Every page carries a DRAFT mark and the signature
/// lines stay blank whatever is recorded. An approved text is not a draft: it is the
/// copy the parties sign (a DRAFT mark on it would be wrong on the signed paper), shown
/// with the signatures recorded so far and blank lines for the others; it binds once
/// every party has signed ([`Lifecycle::binding`](super::portfolio::Lifecycle::binding)).
/// The same line as E04's [`can_back`](super::portfolio::Lifecycle::can_back). An
/// untracked agreement (no `status`) is in force as written: not a draft.
pub fn draft_text(a: &Agreement) -> bool {
    matches!(a.lifecycle.status(), Some(Status::Draft | Status::Proposed))
}

/// Whether the monitoring backends (Prometheus, Alertmanager, `OpenSLO`) watch the
/// agreement on `today`: every agreement but a terminated one whose last day in force
/// is before `today` (a terminated agreement still in its notice period is in force and
/// watched to its last day). Drafts are monitored, so that a team can watch the targets
/// before they sign them. The one rule every monitoring backend asks (docs/monitoring.md).
pub fn monitored(a: &Agreement, today: NaiveDate) -> bool {
    match a.lifecycle.status() {
        Some(Status::Terminated) => a.lifecycle.terminated_on().is_some_and(|d| d >= today),
        _ => true,
    }
}
