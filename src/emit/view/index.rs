//! The portfolio index: every agreement with its documents, the service dependency graph
//! laid out in layers, and for each SLA the most credit it can cost in a month against
//! what the underpinning contracts behind it would pay back.

use super::document::Named;
use super::format::{amount, money, percent};
use super::{kind_short, stem, validity, Audience, Folder};
use crate::model::supporters::{coverage_index, supporters};
use crate::model::{AgreementKind, Credit, Dependency, Money, Portfolio, Terms};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Serialize)]
pub struct Index {
    pub today: String,
    pub agreements: Vec<Row>,
    /// The service dependency graph: internal only.
    pub graph: Option<Graph>,
    pub exposure: Vec<Exposure>,
}

#[derive(Serialize)]
pub struct Row {
    pub name: String,
    pub title: String,
    pub kind: &'static str,
    pub level: String,
    pub provider: String,
    pub customer: String,
    pub validity: String,
    pub documents: Vec<Named>,
}

#[derive(Serialize)]
pub struct Exposure {
    pub name: String,
    pub title: String,
    /// The most this SLA can credit in one month.
    pub most: String,
    pub ucs: Vec<UcCredit>,
    pub has_ucs: bool,
}

/// An underpinning contract behind an SLA and the most it pays back in a month.
#[derive(Serialize)]
pub struct UcCredit {
    pub name: String,
    pub title: String,
    pub most: String,
}

/// Nodes and edges with coordinates already computed; the template only draws.
#[derive(Serialize)]
pub struct Graph {
    pub node_w: i64,
    pub node_h: i64,
    pub width: i64,
    pub height: i64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

#[derive(Serialize)]
pub struct Node {
    pub name: String,
    pub title: String,
    pub x: i64,
    pub y: i64,
    pub tx: i64,
    pub ty: i64,
}

#[derive(Serialize)]
pub struct Edge {
    pub x1: i64,
    pub y1: i64,
    pub x2: i64,
    pub y2: i64,
    /// A member of an `any_of` group: one of them is enough.
    pub redundant: bool,
}

pub const NODE_W: i64 = 210;
pub const NODE_H: i64 = 34;
const GAP_X: i64 = 24;
const GAP_Y: i64 = 56;
const MARGIN: i64 = 12;

/// The index of one folder ([`super::folders`]): its agreements; for the internal folder
/// also the dependency graph and the credit exposure.
pub fn index(p: &Portfolio, today: NaiveDate, folder: &Folder) -> Index {
    let internal = folder.audience == Audience::Internal;
    let party = |r: Option<&crate::source::Sp<crate::model::Ref>>| {
        r.map_or_else(|| "–".into(), |r| p.parties[r.value.index].title.clone())
    };
    let agreements = folder
        .agreements
        .iter()
        .map(|&x| &p.agreements[x])
        .map(|a| Row {
            name: a.name.clone(),
            title: a.title.clone(),
            kind: kind_short(a.kind),
            level: if a.kind == AgreementKind::Sla {
                a.level.keyword().into()
            } else {
                String::new()
            },
            provider: party(a.terms.provider.as_ref()),
            customer: party(a.terms.customer.as_ref()),
            validity: validity(&a.terms),
            documents: a
                .variants()
                .map(|(v, _)| Named {
                    name: stem(a, v.map(|v| v.name.as_str())),
                    title: v.map_or_else(|| "contract".into(), |v| v.title.clone()),
                })
                .collect(),
        })
        .collect();
    let idx = coverage_index(p);
    let exposure = p
        .agreements
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            internal && a.kind == AgreementKind::Sla && a.level == crate::model::Level::Service
        })
        .map(|(x, a)| {
            let ucs: Vec<UcCredit> = supporters(p, &idx, x, &a.terms, None, today)
                .into_iter()
                .filter(|s| s.agreement.kind == AgreementKind::Uc)
                .map(|s| UcCredit {
                    name: s.agreement.name.clone(),
                    title: s.agreement.title.clone(),
                    most: most_credit(s.terms),
                })
                .collect();
            Exposure {
                name: a.name.clone(),
                title: a.title.clone(),
                most: most_credit(&a.terms),
                has_ucs: !ucs.is_empty(),
                ucs,
            }
        })
        .collect();
    Index {
        today: super::format::date(today),
        agreements,
        graph: internal.then(|| graph(p)),
        exposure,
    }
}

/// The largest credit of every penalty added up (a tiered penalty pays one tier; `each
/// breach` has no upper bound of its own), then limited by `cap`. Percentages become
/// money when there is a fee.
pub fn most_credit(t: &Terms) -> String {
    // Credits are counted per reporting period, a percentage of that period's fee.
    let period = crate::model::periods::reporting_period(t);
    let text = most_credit_in(t, period);
    if t.penalties.is_empty() || text.starts_with("unlimited") {
        text
    } else {
        format!("{text} per {}", period.word())
    }
}

fn most_credit_in(t: &Terms, period: crate::model::periods::PeriodKind) -> String {
    let fee = t
        .fee
        .as_ref()
        .map(|f| crate::model::periods::fee_basis(&f.value, period));
    let fee = fee.as_ref();
    let mut pct = Decimal::ZERO;
    let mut amounts: std::collections::BTreeMap<String, Decimal> =
        std::collections::BTreeMap::new();
    let mut unbounded = false;
    for pen in &t.penalties {
        if pen.each_breach.is_some() {
            unbounded = true;
        }
        let largest = pen
            .tiers
            .iter()
            .map(|t| &t.credit.value)
            .max_by(|a, b| value(a).cmp(&value(b)));
        match largest {
            Some(Credit::Percent(p)) => pct += p,
            Some(Credit::Amount(m)) => *amounts.entry(m.currency.clone()).or_default() += m.amount,
            None => {}
        }
    }
    if t.penalties.is_empty() {
        return "no service credits".into();
    }
    let cap = t.cap.as_ref().map(|c| c.value);
    if let Some(fee) = fee {
        if amounts.keys().all(|c| *c == fee.currency) {
            let total = fee.amount * pct / Decimal::ONE_HUNDRED
                + amounts.get(&fee.currency).copied().unwrap_or_default();
            return match cap {
                Some(c) => {
                    let limit = fee.amount * c / Decimal::ONE_HUNDRED;
                    if unbounded || total > limit {
                        format!(
                            "{} (the {} cap)",
                            money(&Money {
                                amount: limit,
                                currency: fee.currency.clone()
                            }),
                            percent(c)
                        )
                    } else {
                        money(&Money {
                            amount: total,
                            currency: fee.currency.clone(),
                        })
                    }
                }
                None if unbounded => "unlimited (credits per breach, no cap)".into(),
                None => money(&Money {
                    amount: total,
                    currency: fee.currency.clone(),
                }),
            };
        }
    }
    let mut parts = Vec::new();
    let pct = match cap {
        Some(c) if unbounded || pct > c => c,
        _ => pct,
    };
    if !pct.is_zero() || unbounded {
        parts.push(format!(
            "{} of the {} fee",
            percent(pct),
            period.adjective()
        ));
    }
    parts.extend(amounts.iter().map(|(c, a)| format!("{} {c}", amount(*a))));
    if unbounded && cap.is_none() {
        return "unlimited (credits per breach, no cap)".into();
    }
    parts.join(" + ")
}

/// Orders credits of one kind; amounts and percentages are never mixed in one penalty.
fn value(c: &Credit) -> Decimal {
    match c {
        Credit::Percent(p) => *p,
        Credit::Amount(m) => m.amount,
    }
}

/// The services that depend on each service (the graph's reverse edges), once.
fn dependents(p: &Portfolio) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); p.services.len()];
    for (q, svc) in p.services.iter().enumerate() {
        for d in svc.depends_on.iter().flat_map(Dependency::members) {
            if !out[d.value.index].contains(&q) {
                out[d.value.index].push(q);
            }
        }
    }
    out
}

/// The layer of a service: one below the deepest service that depends on it, so that
/// services nobody depends on (what customers buy) sit on top.
fn depth(up: &[Vec<usize>], s: usize, memo: &mut Vec<usize>, guard: usize) -> usize {
    if memo[s] != usize::MAX {
        return memo[s];
    }
    // The graph is acyclic (E0204); the guard only bounds the recursion against a bug.
    let v = if guard > up.len() {
        0
    } else {
        up[s]
            .iter()
            .map(|&q| depth(up, q, memo, guard + 1) + 1)
            .max()
            .unwrap_or(0)
    };
    memo[s] = v;
    v
}

/// A layered drawing: a service sits one layer below the deepest service that needs it,
/// so edges always point down; inside a layer, services are ordered by the mean
/// position of their dependents (one pass, ties by name), which keeps lines short and
/// the picture the same for the same input.
fn graph(p: &Portfolio) -> Graph {
    let n = p.services.len();
    let up = dependents(p);
    let mut layer_of = vec![usize::MAX; n];
    for s in 0..n {
        depth(&up, s, &mut layer_of, 0);
    }
    let deepest = layer_of.iter().copied().max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); deepest + 1];
    for s in 0..n {
        layers[layer_of[s]].push(s);
    }
    let mut x_of = vec![0i64; n];
    for layer in &mut layers {
        let key = |s: usize| {
            let parents: Vec<i64> = up[s].iter().map(|&q| x_of[q]).collect();
            let mean = if parents.is_empty() {
                i64::MAX
            } else {
                parents.iter().sum::<i64>() / parents.len() as i64
            };
            (mean, p.services[s].name.clone())
        };
        layer.sort_by_cached_key(|&s| key(s));
        for (i, &s) in layer.iter().enumerate() {
            x_of[s] = MARGIN + i as i64 * (NODE_W + GAP_X);
        }
    }
    let widest = layers.iter().map(Vec::len).max().unwrap_or(0) as i64;
    let mut y_of = vec![0i64; n];
    for (li, layer) in layers.iter().enumerate() {
        for &s in layer {
            y_of[s] = MARGIN + li as i64 * (NODE_H + GAP_Y);
        }
    }
    let nodes = (0..n)
        .map(|s| Node {
            name: p.services[s].name.clone(),
            title: shorten(&p.services[s].title),
            x: x_of[s],
            y: y_of[s],
            tx: x_of[s] + NODE_W / 2,
            ty: y_of[s] + NODE_H / 2 + 4,
        })
        .collect();
    let mut edges = Vec::new();
    for (s, svc) in p.services.iter().enumerate() {
        for d in &svc.depends_on {
            let redundant = matches!(d, Dependency::AnyOf(_));
            for m in d.members() {
                let t = m.value.index;
                edges.push(Edge {
                    x1: x_of[s] + NODE_W / 2,
                    y1: y_of[s] + NODE_H,
                    x2: x_of[t] + NODE_W / 2,
                    y2: y_of[t] - 2,
                    redundant,
                });
            }
        }
    }
    Graph {
        node_w: NODE_W,
        node_h: NODE_H,
        width: (2 * MARGIN + widest * NODE_W + (widest - 1).max(0) * GAP_X)
            .max(NODE_W + 2 * MARGIN),
        height: 2 * MARGIN
            + layers.len() as i64 * NODE_H
            + (layers.len() as i64 - 1).max(0) * GAP_Y,
        nodes,
        edges,
    }
}

/// Titles longer than a box are cut with an ellipsis; the full title is in the tooltip.
fn shorten(t: &str) -> String {
    const MAX: usize = 30;
    if t.chars().count() <= MAX {
        t.to_string()
    } else {
        let cut: String = t.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
