//! `slac report`'s model: the eval reports of consecutive periods laid side by side, per
//! agreement and objective (docs/report.md). Nothing is judged here: every figure is the
//! one `slac eval --period` prints for that period (the report runs the same evaluation
//! per period), only gathered into series; the budget used is
//! [`model::periods::budget_used`](crate::model::periods::budget_used) of eval's exact
//! share.

// `k` of `n` periods, `a` an agreement's report, `s` its series, `o` an objective: the
// names the loops over them read best with.
#![allow(clippy::many_single_char_names)]

use crate::eval::report::{AgreementReport, ObjectiveReport};
use crate::eval::{Period, Report};
use crate::model::{AgreementKind, Portfolio};
use serde::Serialize;
use std::collections::BTreeMap;

/// One period's evaluations: the SLAs (what `slac eval --period` reports) and the OLAs
/// and UCs, judged apart by the same rules.
pub struct PeriodEval {
    pub period: Period,
    pub slas: Report,
    pub underpinning: Report,
}

/// Who a report is for (as the documents: docs/documents.md, "Audience").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// The provider: every agreement, credits owed and recoverable.
    Internal,
    /// One customer (a party index): its own SLAs only.
    Customer(usize),
}

#[derive(Clone, Debug, Serialize)]
pub struct Series {
    /// `internal` or `customer`.
    pub audience: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The customer's title, `Umbrella Corporation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_title: Option<String>,
    pub from: String,
    pub to: String,
    /// The periods, in order; every `points` array below has one entry per period, `null`
    /// where the agreement was not in force (or not judged).
    pub periods: Vec<String>,
    pub agreements: Vec<AgreementSeries>,
    /// Per period: the credits the SLAs owe and (internal only) the credits the OLAs and
    /// UCs would pay back, summed per currency.
    pub credits: Vec<PeriodCredits>,
    /// Early warning for the last period (`--forecast`, internal only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Vec<super::forecast::Forecast>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgreementSeries {
    pub agreement: String,
    pub title: String,
    /// `sla`, `ola` or `uc`.
    pub kind: &'static str,
    pub region: Option<String>,
    pub objectives: Vec<ObjectiveSeries>,
    pub support: Vec<SupportSeries>,
    pub credits: Vec<Option<CreditPoint>>,
    /// Missed objectives and support targets not met, over all periods.
    pub breaches: u64,
    /// The periods in which availability was met while an outcome objective or a
    /// support target was not: green outside, red inside.
    pub watermelons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveSeries {
    pub kind: &'static str,
    pub name: String,
    pub target: Option<f64>,
    pub points: Vec<Option<Point>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Point {
    pub evaluated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attainment: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// The share of the error budget used (1.0: all of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_used: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SupportSeries {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub class: String,
    pub target: &'static str,
    pub required_share: f64,
    pub points: Vec<Option<SupportPoint>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SupportPoint {
    pub tickets: u64,
    pub met: u64,
    pub pending: u64,
    pub share_met: Option<f64>,
    pub ok: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct CreditPoint {
    pub percent: Option<f64>,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    /// False when a penalty could not be computed: the credit may be higher.
    pub complete: bool,
    /// A larger credit of the same agreement (its base or another region) is paid instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_under: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeriodCredits {
    pub period: String,
    pub owed: Vec<Amount>,
    /// Absent from a customer's report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recoverable: Option<Vec<Amount>>,
    /// False when some credit could not be computed or is a percentage without a fee.
    pub complete: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Amount {
    pub currency: String,
    pub amount: f64,
}

fn kind_word(k: AgreementKind) -> &'static str {
    match k {
        AgreementKind::Sla => "sla",
        AgreementKind::Ola => "ola",
        AgreementKind::Uc => "uc",
    }
}

/// The series of every agreement `reader` may see, in portfolio order (base, then
/// regions), over `evals` (consecutive periods).
pub fn build(portfolio: &Portfolio, evals: &[PeriodEval], reader: Reader) -> Series {
    let n = evals.len();
    let order: BTreeMap<&str, usize> = portfolio
        .agreements
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.as_str(), i))
        .collect();
    let visible = |a: &AgreementReport| -> bool {
        let Some(&i) = order.get(a.agreement.as_str()) else {
            return false;
        };
        let ag = &portfolio.agreements[i];
        match reader {
            Reader::Internal => true,
            Reader::Customer(c) => {
                ag.kind == AgreementKind::Sla
                    && ag
                        .terms
                        .customer
                        .as_ref()
                        .is_some_and(|r| r.value.index == c)
            }
        }
    };
    // (portfolio index, region) → series.
    let mut by_key: BTreeMap<(usize, Option<String>), AgreementSeries> = BTreeMap::new();
    let mut credits = Vec::with_capacity(n);
    for (k, e) in evals.iter().enumerate() {
        let mut owed: BTreeMap<String, f64> = BTreeMap::new();
        let mut back: BTreeMap<String, f64> = BTreeMap::new();
        let mut complete = true;
        let sides = [(&e.slas, true), (&e.underpinning, false)];
        for (report, is_sla) in sides {
            if !is_sla && reader != Reader::Internal {
                continue;
            }
            for a in report.agreements.iter().filter(|a| visible(a)) {
                let i = order[a.agreement.as_str()];
                let ag = &portfolio.agreements[i];
                let s = by_key
                    .entry((i, a.region.clone()))
                    .or_insert_with(|| AgreementSeries {
                        agreement: a.agreement.clone(),
                        title: ag.title.clone(),
                        kind: kind_word(ag.kind),
                        region: a.region.clone(),
                        objectives: Vec::new(),
                        support: Vec::new(),
                        credits: vec![None; n],
                        breaches: 0,
                        watermelons: Vec::new(),
                    });
                add(s, a, k, n, &e.period);
                let sum = if is_sla { &mut owed } else { &mut back };
                match (a.total_amount, &a.currency) {
                    (Some(x), Some(c)) => *sum.entry(c.clone()).or_default() += x,
                    // A percentage with nothing to take it of: not a figure to add up.
                    _ => complete &= a.total_percent.is_none_or(|p| p == 0.0),
                }
                complete &= a.complete;
            }
        }
        let amounts = |m: BTreeMap<String, f64>| -> Vec<Amount> {
            m.into_iter()
                .map(|(currency, amount)| Amount {
                    currency,
                    amount: round_cents(amount),
                })
                .collect()
        };
        credits.push(PeriodCredits {
            period: e.period.to_string(),
            owed: amounts(owed),
            recoverable: (reader == Reader::Internal).then(|| amounts(back)),
            complete,
        });
    }
    Series {
        audience: match reader {
            Reader::Internal => "internal",
            Reader::Customer(_) => "customer",
        },
        customer: match reader {
            Reader::Internal => None,
            Reader::Customer(c) => portfolio.parties.get(c).map(|p| p.name.clone()),
        },
        customer_title: match reader {
            Reader::Internal => None,
            Reader::Customer(c) => portfolio.parties.get(c).map(|p| p.title.clone()),
        },
        from: evals
            .first()
            .map_or(String::new(), |e| e.period.to_string()),
        to: evals.last().map_or(String::new(), |e| e.period.to_string()),
        periods: evals.iter().map(|e| e.period.to_string()).collect(),
        agreements: by_key.into_values().collect(),
        credits,
        forecast: None,
    }
}

/// Sums of credits are shown to the cent: `f64` additions must not print `0.30000000004`.
fn round_cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Adds one period's eval report of an agreement (variant) as point `k` of `n`.
fn add(s: &mut AgreementSeries, a: &AgreementReport, k: usize, n: usize, period: &Period) {
    let mut availability_met = None::<bool>;
    let mut inside_missed = false;
    for o in &a.objectives {
        let found = s
            .objectives
            .iter()
            .position(|x| x.kind == o.kind && x.name == o.name);
        let at = found.unwrap_or_else(|| {
            s.objectives.push(ObjectiveSeries {
                kind: o.kind,
                name: o.name.clone(),
                target: o.target,
                points: vec![None; n],
            });
            s.objectives.len() - 1
        });
        s.objectives[at].points[k] = Some(point(o));
        if o.met == Some(false) {
            s.breaches += 1;
        }
        match (o.kind, o.met) {
            ("availability", Some(m)) => {
                availability_met = Some(availability_met.unwrap_or(true) && m);
            }
            ("outcome", Some(false)) => inside_missed = true,
            _ => {}
        }
    }
    for t in &a.support {
        let found = s
            .support
            .iter()
            .position(|x| x.kind == t.kind && x.class == t.class && x.target == t.target);
        let at = found.unwrap_or_else(|| {
            s.support.push(SupportSeries {
                kind: t.kind,
                class: t.class.clone(),
                target: t.target,
                required_share: t.required_share,
                points: vec![None; n],
            });
            s.support.len() - 1
        });
        s.support[at].points[k] = Some(SupportPoint {
            tickets: t.tickets,
            met: t.met,
            pending: t.pending,
            share_met: t.share_met,
            ok: t.ok,
        });
        if !t.ok {
            s.breaches += 1;
            inside_missed = true;
        }
    }
    if availability_met == Some(true) && inside_missed {
        s.watermelons.push(period.to_string());
    }
    s.credits[k] = Some(CreditPoint {
        percent: a.total_percent,
        amount: a.total_amount,
        currency: a.currency.clone(),
        complete: a.complete,
        paid_under: a.credit_paid_under.clone(),
    });
}

fn point(o: &ObjectiveReport) -> Point {
    Point {
        evaluated: o.evaluated,
        reason: o.reason.clone(),
        attainment: o.attainment,
        met: o.met,
        budget_used: match (o.share, o.target) {
            (Some(sh), Some(t)) => {
                crate::model::periods::budget_used(t, sh.den - sh.num, sh.den).map(|b| {
                    // Four decimals: a share of a budget, not a measurement.
                    (b * 10_000.0).round() / 10_000.0
                })
            }
            _ => None,
        },
    }
}
