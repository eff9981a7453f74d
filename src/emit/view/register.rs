//! The register page (`internal/register.html`): the register's rows
//! ([`crate::model::register::rows`]) as text for the template, dates as `YYYY-MM-DD` so
//! that a column reads (and sorts) at a glance.

use super::format::money;
use crate::model::register::Row;
use crate::model::Money;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
pub struct Register {
    pub today: String,
    pub rows: Vec<RowView>,
}

#[derive(Serialize)]
pub struct RowView {
    pub name: String,
    pub title: String,
    /// The contract's file, relative to the register.
    pub href: String,
    /// `SLA (service)`, `OLA`, `UC`.
    pub kind: String,
    pub regions: String,
    pub provider: String,
    pub customer: String,
    pub status: &'static str,
    pub untracked: bool,
    /// `2, amends 1: Adds the latency objective`.
    pub version: String,
    pub requirements: String,
    pub proposed: String,
    /// `2025-12-01 by Claire Martin, Head of Service Management`.
    pub approved: String,
    /// `Globex Corporation 2025-12-15 (Walter Skinner, CIO)`, one per signature.
    pub signatures: Vec<String>,
    /// `not signed by acme`.
    pub missing: String,
    /// `2026-01-01 to 2026-12-31`.
    pub validity: String,
    /// `2026-06-30: reason`.
    pub terminated: String,
    pub in_force_until: String,
    pub next_review: String,
    pub days_to_expiry: String,
    /// In force no more (`days_to_expiry` below zero).
    pub ended: bool,
    pub package: String,
    /// `12,000 EUR per month`.
    pub fee: String,
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

pub fn register(rows: &[Row], today: NaiveDate) -> Register {
    Register {
        today: today.to_string(),
        rows: rows.iter().map(view).collect(),
    }
}

fn view(r: &Row) -> RowView {
    let title_of =
        |p: &Option<(String, String)>| p.as_ref().map_or_else(String::new, |p| p.1.clone());
    let signed = |who: &Option<(String, String)>, s: &Option<(NaiveDate, String)>| {
        who.as_ref()
            .zip(s.as_ref())
            .map(|((_, title), (on, by))| format!("{title} {on} ({by})"))
    };
    let mut version = r.version.to_string();
    if let Some(m) = r.amends {
        let _ = write!(version, ", amends {m}");
    }
    if let Some(s) = &r.version_summary {
        let _ = write!(version, ": {s}");
    }
    RowView {
        name: r.name.clone(),
        title: r.title.clone(),
        href: format!("html/{}.html", r.name),
        kind: match r.level {
            Some(level) => format!("{} ({level})", r.kind),
            None => r.kind.to_string(),
        },
        regions: r.regions.join(", "),
        provider: title_of(&r.provider),
        customer: title_of(&r.customer),
        status: r.status,
        untracked: !r.tracked,
        version,
        requirements: r.requirements.clone().unwrap_or_default(),
        proposed: day(r.proposed),
        approved: r
            .approved
            .map_or_else(String::new, |on| match &r.approved_by {
                Some(by) => format!("{on} by {by}"),
                None => on.to_string(),
            }),
        signatures: [
            signed(&r.provider, &r.provider_signed),
            signed(&r.customer, &r.customer_signed),
        ]
        .into_iter()
        .flatten()
        .collect(),
        missing: if r.not_signed_by.is_empty() {
            String::new()
        } else {
            format!("not signed by {}", r.not_signed_by.join(", "))
        },
        validity: match (r.valid_from, r.valid_to) {
            (Some(f), Some(t)) => format!("{f} to {t}"),
            (Some(f), None) => format!("from {f}"),
            _ => String::new(),
        },
        terminated: r
            .terminated
            .map_or_else(String::new, |on| match &r.termination_reason {
                Some(why) => format!("{on}: {why}"),
                None => on.to_string(),
            }),
        in_force_until: r
            .in_force_until
            .map_or_else(|| "open-ended".into(), |d| d.to_string()),
        next_review: day(r.next_review),
        days_to_expiry: r.days_to_expiry.map_or_else(String::new, |d| d.to_string()),
        ended: r.days_to_expiry.is_some_and(|d| d < 0),
        package: r.package.clone().unwrap_or_default(),
        fee: r
            .fee
            .as_ref()
            .map_or_else(String::new, |(amount, currency)| {
                format!(
                    "{} per {}",
                    money(&Money {
                        amount: *amount,
                        currency: currency.clone()
                    }),
                    r.fee_period().unwrap_or("month")
                )
            }),
    }
}
