//! What a contract says about its lifecycle (docs/documents.md, "Status, signatures and
//! versions"): the DRAFT or terminated notice at the top, the status, version, approval
//! and requirements lines of the term section, the version history and the signatures
//! recorded. What each status means is asked of `model::lifecycle`, never decided here.

use super::content::SignedView;
use super::format::date;
use crate::model::lifecycle::{self, draft_text, last_day};
use crate::model::{Agreement, Portfolio, Status, Terms};
use serde::Serialize;
use std::fmt::Write as _;

/// The notice above everything else: a draft text, or a terminated agreement.
#[derive(Serialize, Clone, Debug)]
pub struct Notice {
    /// `DRAFT` or `Terminated`: the notice's first word, shown strong.
    pub word: &'static str,
    /// What follows the word: `in force until 30 June 2026 — …`.
    pub text: String,
    /// A draft's notice (repeated at the end of the Markdown, every printed page marked).
    pub draft: bool,
}

/// The lifecycle lines of a contract whose portfolio tracks its status.
#[derive(Serialize, Clone, Debug)]
pub struct LifecycleView {
    /// `Signed on 13 May 2026 by every party`, `Draft, not signed`, ….
    pub status: String,
    /// `2, amends version 1: Adds the latency and orders objectives`; `None` without a
    /// `version` statement.
    pub version: Option<String>,
    /// The version in force (1 without a `version` statement), for the cover line.
    pub number: u32,
    /// `requirements "…"`: the requirements specification the agreement answers.
    pub requirements: Option<String>,
    /// `1 December 2025 by Claire Martin, …`: the provider's approval, internal copies
    /// only (a customer reads the status, not who approved it inside the provider).
    pub approved: Option<String>,
    /// Earlier versions, then the current one; empty without history or version.
    pub history: Vec<HistoryRow>,
}

/// One row of the version history.
#[derive(Serialize, Clone, Debug)]
pub struct HistoryRow {
    /// `1`, `2 (this version)`.
    pub version: String,
    /// `16 December 2025`, or `not signed`.
    pub signed: String,
    pub changes: String,
}

/// The titles of the parties that must sign and have not, joined with `and`.
fn unsigned(p: &Portfolio, a: &Agreement, terms: &Terms) -> Vec<String> {
    lifecycle::signing_parties(terms)
        .into_iter()
        .filter(|r| !a.lifecycle.signed_by(&r.name))
        .map(|r| p.parties[r.index].title.clone())
        .collect()
}

fn and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The notice at the top of the contract: a draft text (draft or proposed) or a
/// terminated agreement; `None` otherwise.
pub(super) fn notice(a: &Agreement, terms: &Terms) -> Option<Notice> {
    const BINDS: &str = "binds no one until every party has signed it";
    let l = &a.lifecycle;
    if draft_text(a) {
        let text = match (l.status(), &l.proposed) {
            (Some(Status::Proposed), Some(d)) => {
                format!("this text was proposed on {} and {BINDS}", date(d.value))
            }
            (Some(Status::Proposed), None) => format!("this text is proposed and {BINDS}"),
            _ => format!("this text is a draft and {BINDS}"),
        };
        return Some(Notice {
            word: "DRAFT",
            text: format!("{text}."),
            draft: true,
        });
    }
    let t = l.terminated.as_ref()?;
    let until = last_day(terms).unwrap_or(t.on.value);
    let mut text = format!("in force until {} only", date(until));
    if let Some(r) = &t.reason {
        let _ = write!(text, " — {r}");
    }
    Some(Notice {
        word: "Terminated",
        text,
        draft: false,
    })
}

fn signed_line(l: &crate::model::Lifecycle) -> String {
    match l.signed_on() {
        Some(d) => format!("Signed by every party, the last on {}", date(d)),
        None => "Signed by every party".into(),
    }
}

/// The status line of the term section.
fn status(
    p: &Portfolio,
    a: &Agreement,
    terms: &Terms,
    status: Status,
    customer_copy: bool,
) -> String {
    let l = &a.lifecycle;
    match status {
        Status::Draft => "Draft, not signed".into(),
        Status::Proposed => match &l.proposed {
            Some(d) => format!("Proposed on {}, not signed", date(d.value)),
            None => "Proposed, not signed".into(),
        },
        Status::Approved => {
            // The internal copy says when and by whom on its own line (`Approved`).
            let mut out = match l.approved.as_ref().filter(|_| customer_copy) {
                Some(x) => format!("Approved on {}", date(x.on.value)),
                None => "Approved".into(),
            };
            let waiting = unsigned(p, a, terms);
            let all = lifecycle::signing_parties(terms).len();
            if waiting.len() == all {
                out.push_str(", not signed");
            } else {
                let _ = write!(out, ", not yet signed by {}", and(&waiting));
            }
            out
        }
        Status::Signed => signed_line(l),
        Status::Terminated => {
            let until = last_day(terms)
                .or_else(|| l.terminated_on())
                .map_or_else(String::new, |d| {
                    format!(": in force until {} only", date(d))
                });
            if l.signatures.is_empty() {
                format!("Terminated{until}")
            } else {
                format!("{}; terminated{until}", signed_line(l))
            }
        }
    }
}

/// The lifecycle lines; `None` for an agreement whose status is not tracked (its
/// document stays as it was before lifecycles).
pub(super) fn view(
    p: &Portfolio,
    a: &Agreement,
    terms: &Terms,
    customer_copy: bool,
) -> Option<LifecycleView> {
    let l = &a.lifecycle;
    let current = l.status()?;
    let version = (l.version.is_some() || l.amends.is_some() || l.summary.is_some()).then(|| {
        let mut v = l.version().to_string();
        if let Some(m) = &l.amends {
            let _ = write!(v, ", amends version {}", m.value);
        }
        if let Some(x) = &l.summary {
            let _ = write!(v, ": {x}");
        }
        v
    });
    let mut history: Vec<HistoryRow> = Vec::new();
    if !l.history.is_empty() || l.version.is_some() {
        let mut earlier: Vec<_> = l.history.iter().collect();
        earlier.sort_by_key(|e| e.version);
        history.extend(earlier.into_iter().map(|e| HistoryRow {
            version: e.version.to_string(),
            signed: date(e.signed),
            changes: e.summary.clone().unwrap_or_else(|| "–".into()),
        }));
        let signed = matches!(current, Status::Signed | Status::Terminated);
        history.push(HistoryRow {
            version: format!("{} (this version)", l.version()),
            signed: l
                .signed_on()
                .filter(|_| signed)
                .map_or_else(|| "not signed".into(), date),
            changes: l.summary.clone().unwrap_or_else(|| "–".into()),
        });
    }
    Some(LifecycleView {
        status: status(p, a, terms, current, customer_copy),
        version,
        number: l.version(),
        requirements: l.requirements.clone(),
        approved: l
            .approved
            .as_ref()
            .filter(|_| !customer_copy)
            .map(|x| format!("{} by {}", date(x.on.value), x.by)),
        history,
    })
}

/// The signature recorded for party `name`, unless the text is a draft (whose lines
/// stay blank); the latest if it signed twice.
pub(super) fn signed(a: &Agreement, name: &str) -> Option<SignedView> {
    if draft_text(a) {
        return None;
    }
    a.lifecycle
        .signatures
        .iter()
        .filter(|s| &*s.party.value.name == name)
        .max_by_key(|s| s.on.value)
        .map(|s| SignedView {
            by: s.by.clone(),
            on: date(s.on.value),
        })
}
