//! `slac eval`: attainment, breaches and service credits of every SLA in force for one
//! period, from outage, ticket and measurement data (docs/cli.md, "eval").
//!
//! Pure: [`input`] parses CSV text it is handed, [`evaluate`] computes a [`Report`] from the
//! checked portfolio and the parsed inputs, [`report`] renders it. Times are integer
//! nanoseconds (RFC 3339 fractions are never rounded) and shares are exact fractions;
//! numbers become `f64` only in the JSON.

pub mod attainment;
pub mod clock;
pub mod credits;
pub mod input;
pub mod period;
pub mod report;
pub mod tickets;

use attainment::{Downtime, MaintenanceRules, OutageIndex, Rules, Share};
use credits::Basis;
use input::{Measurement, Nanos, Outage, Ticket, NS_PER_MS};
use period::local_midnight;
pub use period::Period;
pub use report::Report;
use report::{AgreementReport, ObjectiveReport};
use std::collections::HashMap;
use tickets::{TargetResult, TicketIndex};

use crate::model::{
    Agreement, AgreementKind, Money, Objective, ObjectiveKind, PenaltyOn, Portfolio, TargetKind,
    Terms, Validity, ALWAYS,
};

/// The parsed input files (each may be empty).
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub outages: Vec<Outage>,
    pub tickets: Vec<Ticket>,
    pub measurements: Vec<Measurement>,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub period: Period,
    /// Outages of a service also count against its dependents.
    pub propagate: bool,
}

/// Evaluates every SLA and regional variant whose validity overlaps the period.
pub fn evaluate(portfolio: &Portfolio, inputs: &Inputs, options: &Options) -> Report {
    let outages = OutageIndex::new(&inputs.outages);
    let tickets = TicketIndex::new(&inputs.tickets);
    let mut measured: HashMap<(&str, &str), (u64, u64)> = HashMap::new();
    for m in &inputs.measurements {
        let e = measured
            .entry((m.service.as_str(), m.objective.as_str()))
            .or_default();
        e.0 = e.0.saturating_add(m.good);
        e.1 = e.1.saturating_add(m.total);
    }
    let ctx = Context {
        portfolio,
        outages: &outages,
        tickets: &tickets,
        measured: &measured,
        options,
    };
    let mut agreements = Vec::new();
    for a in portfolio
        .agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::Sla)
    {
        for (variant, terms) in a.variants() {
            let tz = terms.tz();
            let period = options.period.bounds(tz);
            if in_force(terms.valid.as_ref().map(|v| v.value), tz, period) {
                agreements.push(ctx.variant(a, variant.map(|v| v.name.as_str()), terms, period));
            }
        }
    }
    Report {
        period: options.period.to_string(),
        agreements,
    }
}

/// Does the validity overlap the period? Without `valid` an agreement has no start and no
/// end; `to` is inclusive (through the end of that local day).
fn in_force(valid: Option<Validity>, tz: chrono_tz::Tz, (ps, pe): (Nanos, Nanos)) -> bool {
    let Some(v) = valid else { return true };
    let from = local_midnight(tz, v.from);
    let to =
        v.to.and_then(|d| d.succ_opt())
            .map_or(Nanos::MAX, |d| local_midnight(tz, d));
    from < pe && to > ps
}

struct Context<'a> {
    portfolio: &'a Portfolio,
    outages: &'a OutageIndex<'a>,
    tickets: &'a TicketIndex<'a>,
    measured: &'a HashMap<(&'a str, &'a str), (u64, u64)>,
    options: &'a Options,
}

/// One objective's exact result.
struct Evaluated {
    share: Share,
    met: bool,
}

impl Context<'_> {
    /// The services an agreement covers: its `services`; at customer level the customer's
    /// subscriptions; at corporate level every subscribed service.
    fn covered(&self, terms: &Terms) -> Vec<usize> {
        if let Some(s) = &terms.services {
            return s.value.iter().map(|r| r.value.index).collect();
        }
        let parties: Vec<_> = match &terms.customer {
            Some(c) => self
                .portfolio
                .parties
                .iter()
                .filter(|p| p.name == c.value.name)
                .collect(),
            None => self.portfolio.parties.iter().collect(),
        };
        let mut out: Vec<usize> = parties
            .iter()
            .flat_map(|p| p.subscribes.iter().map(|r| r.value.index))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn variant(
        &self,
        a: &Agreement,
        region: Option<&str>,
        terms: &Terms,
        period: (Nanos, Nanos),
    ) -> AgreementReport {
        let p = self.portfolio;
        let tz = terms.tz();
        let covered = self.covered(terms);
        let maintenance = terms.maintenance.as_ref().map(|m| {
            let m = &m.value;
            let cal = &p.calendars[m.during.as_ref().map_or(ALWAYS, |c| c.value.index)].clock;
            MaintenanceRules {
                window: clock::open_intervals(cal, period.0, period.1),
                notice: m
                    .notice_ms
                    .as_ref()
                    .map_or(0, |n| n.value.saturating_mul(NS_PER_MS)),
                max_per_month: m
                    .max_per_month_ms
                    .as_ref()
                    .map(|n| n.value.saturating_mul(NS_PER_MS)),
                months: self.options.period.month_bounds(tz),
            }
        });
        let rules = Rules {
            exclusions: terms.exclusions.iter().map(|e| e.id.as_str()).collect(),
            maintenance,
            period,
        };
        let mut downtime = Downtime::new(p, self.outages, &rules, self.options.propagate);

        let mut objectives = Vec::new();
        let mut shares: Vec<(&Objective, Share)> = Vec::new();
        for o in &terms.objectives {
            let services: Vec<usize> = match &o.service {
                Some(s) => vec![s.value.index],
                None => covered.clone(),
            };
            let target = o.target.as_ref().map(|t| t.value);
            let mut rep = ObjectiveReport::listed(o, target);
            let Some(target) = target.filter(|_| self.options.period.matches(o.window())) else {
                objectives.push(rep);
                continue;
            };
            let result = match o.kind {
                ObjectiveKind::Availability => {
                    let cal =
                        &p.calendars[o.during.as_ref().map_or(ALWAYS, |c| c.value.index)].clock;
                    let runs = clock::open_intervals(cal, period.0, period.1);
                    let worst = services
                        .iter()
                        .map(|&s| attainment::availability(cal, &runs, &downtime.of(s), period))
                        .max_by_key(|av| av.down);
                    worst.map(|av| {
                        rep.open_minutes = Some(minutes(av.open));
                        rep.downtime_minutes = Some(minutes(av.down));
                        Share {
                            num: i128::from(av.open - av.down),
                            den: i128::from(av.open),
                        }
                    })
                }
                ObjectiveKind::Latency | ObjectiveKind::Outcome => {
                    let mut worst: Option<(u64, u64)> = None;
                    for &s in &services {
                        let name = p.services[s].name.as_str();
                        if let Some(&(good, total)) = self.measured.get(&(name, o.id.as_str())) {
                            if total == 0 {
                                continue;
                            }
                            let better = worst.is_some_and(|(g, t)| {
                                u128::from(good).checked_mul(u128::from(t))
                                    >= u128::from(g).checked_mul(u128::from(total))
                            });
                            if !better {
                                worst = Some((good, total));
                            }
                        }
                    }
                    worst.map(|(good, total)| {
                        rep.good = Some(good);
                        rep.total = Some(total);
                        Share {
                            num: i128::from(good),
                            den: i128::from(total),
                        }
                    })
                }
            };
            if let Some(share) = result {
                let on = penalty_key(o);
                let tier_applies = terms
                    .penalties
                    .iter()
                    .filter(|pen| pen.on == on)
                    .any(|pen| credits::tier(&pen.tiers, &share).is_some());
                let e = Evaluated {
                    share,
                    met: share.cmp_percent(target) != std::cmp::Ordering::Less && !tier_applies,
                };
                rep.evaluated = true;
                rep.attainment = Some(if o.kind == ObjectiveKind::Availability {
                    share.percent_f64()
                } else {
                    100.0 * share.num as f64 / share.den as f64
                });
                rep.met = Some(e.met);
                shares.push((o, e.share));
            }
            objectives.push(rep);
        }

        let support: Vec<TargetResult> = terms.support.as_ref().map_or_else(Vec::new, |s| {
            let names: Vec<&str> = covered
                .iter()
                .map(|&i| p.services[i].name.as_str())
                .collect();
            let customer = terms.customer.as_ref().map(|c| c.value.name.as_str());
            let mine = self.tickets.matching(customer, region, &names, period);
            tickets::evaluate(p, s, &mine, period.1)
        });

        let months = rust_decimal::Decimal::from(self.options.period.months());
        let fee: Option<Money> = terms.fee.as_ref().map(|f| Money {
            amount: f.value.amount * months,
            currency: f.value.currency.clone(),
        });
        let lines: Vec<_> = terms
            .penalties
            .iter()
            .filter_map(|pen| {
                let basis = basis(&pen.on, &shares, &support)?;
                credits::credit(pen, basis, fee.as_ref())
            })
            .collect();
        let totals = credits::totals(terms, &lines, fee.as_ref());
        AgreementReport::new(a, region, objectives, &support, &lines, &totals)
    }
}

/// What `penalty on …` an objective's tiers are written under.
fn penalty_key(o: &Objective) -> PenaltyOn {
    match o.kind {
        ObjectiveKind::Availability => PenaltyOn::Availability,
        ObjectiveKind::Latency => PenaltyOn::Latency,
        ObjectiveKind::Outcome => PenaltyOn::Outcome { id: o.id.clone() },
    }
}

/// What a penalty looks at: the worst evaluated objective it is on, or its support
/// target's breaches and share met. `None` when nothing it is on was evaluated.
fn basis(
    on: &PenaltyOn,
    shares: &[(&Objective, Share)],
    support: &[TargetResult],
) -> Option<Basis> {
    match on {
        PenaltyOn::Incident { id, deadline } | PenaltyOn::Request { id, deadline } => {
            let kind = if matches!(on, PenaltyOn::Incident { .. }) {
                TargetKind::Incident
            } else {
                TargetKind::Request
            };
            let r = support
                .iter()
                .find(|r| r.kind == kind && r.class == *id && r.deadline == *deadline)?;
            Some(Basis::Support {
                share: (r.tickets() > 0).then(|| Share {
                    num: i128::from(r.met),
                    den: i128::from(r.tickets()),
                }),
                breaches: r.breached.len() as u64,
            })
        }
        _ => {
            let worst = shares
                .iter()
                .filter(|(o, _)| penalty_key(o) == *on)
                .map(|(_, s)| *s)
                .min_by(Share::cmp_share)?;
            Some(Basis::Share(worst))
        }
    }
}

/// Nanoseconds as minutes, rounded only once.
fn minutes(ns: i64) -> f64 {
    const NS_PER_MINUTE: i64 = 60_000_000_000;
    (ns / NS_PER_MINUTE) as f64 + (ns % NS_PER_MINUTE) as f64 / NS_PER_MINUTE as f64
}
