//! The catalogue page: each catalogue's packages side by side, one row per term any of
//! them sets, in the words of the contracts (docs/documents.md, "Catalogue").

use super::format::{duration, length, money, percent, period};
use super::objectives::window_words;
use crate::model::{Credit, Deadline, ObjectiveKind, Package, Portfolio, Terms, TierOp};
use serde::Serialize;

#[derive(Serialize)]
pub struct CataloguePage {
    pub heading: String,
    pub today: String,
    pub catalogues: Vec<CatalogueView>,
}

#[derive(Serialize)]
pub struct CatalogueView {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    /// From the lowest package to the best.
    pub packages: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct Column {
    pub name: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Row {
    pub term: String,
    /// One per package; `—` where the package does not set the term.
    pub cells: Vec<String>,
}

/// The page, or `None` for a portfolio without catalogues.
pub fn page(p: &Portfolio, today: chrono::NaiveDate) -> Option<CataloguePage> {
    if p.catalogues.is_empty() {
        return None;
    }
    let catalogues = p
        .catalogues
        .iter()
        .map(|c| {
            let packages: Vec<&Package> = c.packages.iter().map(|&i| &p.packages[i]).collect();
            CatalogueView {
                name: c.name.clone(),
                title: c.title.clone(),
                description: c.description.clone(),
                packages: packages
                    .iter()
                    .map(|pk| Column {
                        name: pk.name.clone(),
                        title: pk.title.clone(),
                    })
                    .collect(),
                rows: rows(p, &packages),
            }
        })
        .collect();
    Some(CataloguePage {
        heading: "Service catalogue".into(),
        today: super::format::long_date(today),
        catalogues,
    })
}

/// Every term any package sets, in the order the packages first set it.
fn rows(p: &Portfolio, packages: &[&Package]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let n = packages.len();
    let mut put = |term: String, i: usize, value: String| {
        let at = if let Some(at) = rows.iter().position(|r| r.term == term) {
            at
        } else {
            rows.push(Row {
                term,
                cells: vec!["—".to_string(); n],
            });
            rows.len() - 1
        };
        rows[at].cells[i] = value;
    };
    for (i, pk) in packages.iter().enumerate() {
        terms(p, &pk.terms, &mut |term, value| put(term, i, value));
    }
    rows
}

fn terms(p: &Portfolio, t: &Terms, put: &mut dyn FnMut(String, String)) {
    if let Some(f) = &t.fee {
        put("Fee".into(), crate::emit::view::format::fee_words(&f.value));
    }
    for o in &t.objectives {
        let Some(target) = &o.target else { continue };
        let name = o.title.as_deref().map_or_else(
            || match o.kind {
                ObjectiveKind::Availability => "Availability".into(),
                ObjectiveKind::Latency => "Latency".into(),
                ObjectiveKind::Outcome => format!("Outcome {}", o.id),
            },
            str::to_string,
        );
        let value = match (o.kind, &o.within_ms) {
            (ObjectiveKind::Latency, Some(w)) => format!(
                "{} within {} {}",
                percent(target.value),
                duration(w.value),
                window_words(o.window())
            ),
            _ => format!("{} {}", percent(target.value), window_words(o.window())),
        };
        put(name, value);
    }
    if let Some(s) = &t.support {
        if let Some(d) = &s.during {
            put("Support hours".into(), p.calendar(&d.value).title.clone());
        }
        for target in &s.targets {
            let what = target.title.as_deref().map_or_else(
                || capitalized(&format!("{} {}", target.kind.keyword(), target.id)),
                str::to_string,
            );
            for which in [Deadline::Response, Deadline::Resolve, Deadline::Fulfil] {
                let Some(d) = target.deadline(which) else {
                    continue;
                };
                let share = d.at.as_ref().map_or_else(String::new, |a| {
                    format!(" ({} of tickets)", percent(a.value))
                });
                put(
                    format!("{what}: {}", deadline_word(which)),
                    format!("{}{share}", length(d.length())),
                );
            }
        }
    }
    if let Some(m) = &t.maintenance {
        if let Some(max) = &m.value.max_per_month_ms {
            put(
                "Scheduled maintenance".into(),
                format!("at most {} per month", duration(max.value)),
            );
        }
        if let Some(n) = &m.value.notice_ms {
            put("Maintenance notice".into(), period(n.value));
        }
    }
    for pen in &t.penalties {
        let tiers: Vec<String> = pen
            .tiers
            .iter()
            .map(|tier| {
                let op = match tier.op {
                    TierOp::Below => "below",
                    TierOp::AtOrBelow => "at or below",
                };
                format!(
                    "{} {op} {}",
                    credit(&tier.credit.value),
                    percent(tier.threshold.value)
                )
            })
            .chain(
                pen.each_breach
                    .as_ref()
                    .map(|c| format!("{} each breach", credit(&c.value))),
            )
            .collect();
        put(format!("Service credits on {}", pen.on), tiers.join("; "));
    }
    if let Some(c) = &t.cap {
        put(
            "Credits capped at".into(),
            format!("{} of the fee", percent(c.value)),
        );
    }
    if let Some(w) = &t.claim_within_ms {
        put("Claim credits within".into(), period(w.value));
    }
}

fn deadline_word(d: Deadline) -> &'static str {
    match d {
        Deadline::Response => "response",
        Deadline::Resolve => "resolution",
        Deadline::Fulfil => "fulfilment",
    }
}

fn credit(c: &Credit) -> String {
    match c {
        Credit::Percent(x) => percent(*x),
        Credit::Amount(m) => money(m),
        Credit::Proportional(n) => format!("{} times the fees for the downtime", n.normalize()),
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
