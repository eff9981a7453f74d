//! What needs action in a portfolio on a day (`slac status`, docs/register.md): reviews,
//! expiries, approvals, signatures and drafts backing binding agreements, read from the
//! register's rows so that `slac status` and the register cannot disagree. Agreements
//! whose lifecycle is not tracked (no `status`) are left out: the portfolio says nothing
//! about where they stand; they appear only as the binding agreement that a tracked
//! draft would have to back.

use super::lifecycle::{awaiting_approval, Action};
use super::portfolio::{Agreement, Portfolio, Status};
use super::register::{rows, Row};
use super::supporters::{coverage_index, is_checked, supporters, unagreed};
use chrono::NaiveDate;
use serde::Serialize;

/// One thing to act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    pub action: Action,
    pub agreement: String,
    /// The regional variant, for [`Action::DraftBacking`] only.
    pub region: Option<String>,
    pub title: String,
    /// `SLA`, `OLA` or `UC`.
    pub kind: &'static str,
    pub status: &'static str,
    /// The date the action turns on: the review due, the last day in force, the
    /// proposal or approval, the first day (from today) the agreement lacks agreed backing.
    pub date: Option<NaiveDate>,
    /// Days from today to `date`: negative when it has passed.
    pub days: Option<i64>,
    /// [`Action::AwaitingSignature`]: the parties that have not signed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// [`Action::DraftBacking`]: the draft or proposed agreements that would back it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub backing: Vec<String>,
    /// [`Action::DraftBacking`]: the services only those drafts cover.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// One sentence on what is due.
    pub detail: String,
}

/// Everything that needs action on `today` looking `until` ahead (inclusive), by urgency:
/// the groups in the order of [`Action`], each by its date (the earliest first, no date
/// last), then by name.
pub fn actions(p: &Portfolio, today: NaiveDate, until: NaiveDate) -> Vec<Item> {
    let mut out = Vec::new();
    let rows = rows(p, today);
    for r in rows.iter().filter(|r| r.tracked) {
        let a = &p.agreements[r.index];
        let ended = r.in_force_until.is_some_and(|end| end < today);
        let item = |action, date: Option<NaiveDate>, detail: String| Item {
            action,
            agreement: r.name.clone(),
            region: None,
            title: r.title.clone(),
            kind: r.kind,
            status: r.status,
            date,
            days: date.map(|d| (d - today).num_days()),
            parties: Vec::new(),
            backing: Vec::new(),
            services: Vec::new(),
            detail,
        };
        if let Some(due) = r.next_review.filter(|_| !ended) {
            // W0501's rule: overdue once the day it was due has passed.
            if due < today {
                out.push(item(
                    Action::ReviewOverdue,
                    Some(due),
                    format!("review was due by {due}"),
                ));
            } else if due <= until {
                out.push(item(
                    Action::ReviewDue,
                    Some(due),
                    format!("review due by {due}"),
                ));
            }
        }
        if let Some(end) = r.in_force_until {
            if !awaiting_approval(a) && today <= end && end <= until {
                let detail = match r.terminated.filter(|t| *t == end) {
                    Some(_) => format!(
                        "terminated: last day in force {end}{}",
                        r.termination_reason
                            .as_ref()
                            .map_or_else(String::new, |why| format!(" ({why})"))
                    ),
                    None => format!("expires: last day in force {end}; renew it or let it end"),
                };
                out.push(item(Action::Expiring, Some(end), detail));
            }
        }
        if awaiting_approval(a) {
            let detail = match (a.lifecycle.status(), r.proposed) {
                (Some(Status::Proposed), Some(on)) => {
                    format!("proposed on {on}, waiting for approval")
                }
                (Some(Status::Proposed), None) => "proposed, waiting for approval".into(),
                _ => "draft, waiting to be proposed and approved".into(),
            };
            out.push(item(Action::AwaitingApproval, r.proposed, detail));
        }
        if awaits_signatures(a, r) {
            let mut it = item(
                Action::AwaitingSignature,
                r.approved,
                format!(
                    "waiting for the signature of {}",
                    r.not_signed_by.join(", ")
                ),
            );
            it.parties.clone_from(&r.not_signed_by);
            out.push(it);
        }
    }
    draft_backing(p, &rows, today, &mut out);
    out.sort_by(|x, y| {
        (x.action, x.date.is_none(), x.date, &x.agreement, &x.region).cmp(&(
            y.action,
            y.date.is_none(),
            y.date,
            &y.agreement,
            &y.region,
        ))
    });
    out
}

/// Whether an agreement waits for signatures: approved (or marked signed) while a party
/// whose signature is expected (`register::expects_signatures`) has not signed.
fn awaits_signatures(a: &Agreement, r: &Row) -> bool {
    matches!(
        a.lifecycle.status(),
        Some(Status::Approved | Status::Signed)
    ) && !r.not_signed_by.is_empty()
}

/// Binding agreements (service-level SLAs and OLAs, each variant) that, for some service,
/// are backed only by a draft or proposed OLA or UC (`supporters::unagreed`) and by no
/// agreed one.
fn draft_backing(p: &Portfolio, rows: &[Row], today: NaiveDate, out: &mut Vec<Item>) {
    let index = coverage_index(p);
    for (x, a) in p.agreements.iter().enumerate() {
        if !is_checked(a) || !a.lifecycle.binding() {
            continue;
        }
        let r = &rows[x];
        // An agreement that has ended needs no backing any more.
        if r.in_force_until.is_some_and(|end| end < today) {
            continue;
        }
        for (v, terms) in a.variants() {
            let region = v.map(|v| v.name.as_str());
            let drafts = unagreed(p, &index, x, terms, region, today);
            if drafts.is_empty() {
                continue;
            }
            let agreed: Vec<usize> = supporters(p, &index, x, terms, region, today)
                .iter()
                .flat_map(|s| s.covers.iter().copied())
                .collect();
            let mut only: Vec<usize> = drafts
                .iter()
                .flat_map(|s| s.covers.iter().copied())
                .filter(|c| !agreed.contains(c))
                .collect();
            only.sort_unstable();
            only.dedup();
            if only.is_empty() {
                continue;
            }
            let backing: Vec<String> = drafts
                .iter()
                .filter(|s| s.covers.iter().any(|c| only.contains(c)))
                .map(|s| s.agreement.name.clone())
                .collect();
            let services: Vec<String> = only.iter().map(|&s| p.services[s].name.clone()).collect();
            let from = drafts
                .iter()
                .filter(|s| s.covers.iter().any(|c| only.contains(c)))
                .map(|s| s.overlap.from)
                .min()
                // Already under way: it needs agreed backing from today.
                .map(|d| d.max(today));
            let words: Vec<String> = drafts
                .iter()
                .filter(|s| backing.contains(&s.agreement.name))
                .map(|s| {
                    format!(
                        "{} ({})",
                        s.agreement.name,
                        s.agreement.lifecycle.status().map_or("", |st| st.keyword())
                    )
                })
                .collect();
            out.push(Item {
                action: Action::DraftBacking,
                agreement: a.name.clone(),
                region: region.map(str::to_string),
                title: a.title.clone(),
                kind: r.kind,
                status: r.status,
                date: from,
                days: from.map(|d| (d - today).num_days()),
                parties: Vec::new(),
                detail: format!(
                    "{}: backed only by {}, not yet agreed",
                    services.join(", "),
                    words.join(", ")
                ),
                backing,
                services,
            });
        }
    }
}
