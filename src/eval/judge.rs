//! How one SLA or regional variant is judged at the end of a period: attainment of each
//! objective, support targets, and the credits its penalties owe.

use super::attainment::{Downtime, MaintenanceRules, OutageIndex, Rules, Share};
use super::credits::Basis;
use super::input::{Charge, NS_PER_MS};
use super::period::Period;
use super::report::{AgreementReport, ObjectiveReport};
use super::scope::Judge;
use super::tickets::{Measure, TargetResult, TicketIndex};
use super::{attainment, clock, credits, rates, report, tickets};
use std::collections::HashMap;

use crate::model::periods;
use crate::model::{
    CreditBasis, Fee, ItemKind, MeasuredBy, Money, Objective, ObjectiveKind, PenaltyOn, Portfolio,
    TargetKind, ALWAYS,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub period: Period,
    /// Outages of a service also count against its dependents.
    pub propagate: bool,
}

/// Good and total events of one (service, objective), summed exactly.
#[derive(Clone, Debug, Default)]
pub(super) struct Sums {
    pub(super) good: u128,
    pub(super) total: u128,
    pub(super) overflow: bool,
}

/// What the judges read at the end: the rows kept while streaming.
pub(super) struct Context<'a> {
    pub(super) portfolio: &'a Portfolio,
    pub(super) outages: Option<&'a OutageIndex<'a>>,
    /// requests.csv, for objectives whose downtime is defined by error rates.
    pub(super) requests: Option<&'a super::rates::RequestIndex<'a>>,
    pub(super) tickets: Option<&'a TicketIndex<'a>>,
    pub(super) measured: Option<&'a HashMap<(String, String), Sums>>,
    /// The charges kept (`--charges`); `None` when none were given.
    pub(super) charges: Option<&'a [Charge]>,
    pub(super) options: &'a Options,
}

/// Why an objective was not evaluated; the first two leave a penalty on it uncomputed.
enum NotEvaluated {
    Window(String),
    NoData(String),
    NothingJudged(String),
}

impl Context<'_> {
    pub(super) fn variant(&self, judge: &Judge<'_>) -> AgreementReport {
        let p = self.portfolio;
        let terms = judge.terms;
        let tz = terms.tz();
        let period = judge.period;
        // Outages and maintenance count only while the agreement is in force.
        let in_force = judge.in_force;
        let judged = judge.services();
        // The rules over a stretch of the period: all of the time in force, or the part
        // of it inside a rolling window that ends with the period.
        let rules_over = |span: clock::Interval| -> Rules<'_> {
            let maintenance = terms.maintenance.as_ref().map(|m| {
                let m = &m.value;
                let cal = &p.calendars[m.during.as_ref().map_or(ALWAYS, |c| c.value.index)].clock;
                MaintenanceRules {
                    window: clock::open_intervals(cal, span.0, span.1),
                    notice: m
                        .notice_ms
                        .as_ref()
                        .map_or(0, |n| n.value.saturating_mul(NS_PER_MS)),
                    max_per_month: m
                        .max_per_month_ms
                        .as_ref()
                        .map(|n| n.value.saturating_mul(NS_PER_MS)),
                    months: self
                        .options
                        .period
                        .month_bounds_from(tz, periods::fiscal_start(terms)),
                    max_per_year: m
                        .max_per_year_ms
                        .as_ref()
                        .map(|n| n.value.saturating_mul(NS_PER_MS)),
                }
            });
            Rules {
                exclusions: terms.exclusions.iter().map(|e| e.id.as_str()).collect(),
                maintenance,
                period: span,
                region: judge.region(),
                regions: judge
                    .agreement
                    .regions
                    .iter()
                    .map(|v| v.name.as_str())
                    .collect(),
            }
        };
        let rules = rules_over(in_force);
        let empty = OutageIndex::default();
        // The agreement's own `dependency outages` statement, else `--propagate`.
        let propagate = terms
            .more
            .dependency_outages
            .map_or(self.options.propagate, |d| d.value);
        let mut downtime = Downtime::new(p, self.outages.unwrap_or(&empty), &rules, propagate);

        // `fee from charges`: the charges of this agreement (`None` without --charges).
        let from_charges = matches!(terms.fee.as_ref().map(|f| &f.value), Some(Fee::Charges));
        let my_charges: Option<Vec<&Charge>> = self
            .charges
            .filter(|_| from_charges)
            .map(|all| all.iter().filter(|c| self.charge_of(judge, c)).collect());
        let currency = my_charges
            .as_ref()
            .and_then(|v| v.first().map(|c| c.currency.clone()))
            .or_else(|| credits::terms_currency(terms))
            .unwrap_or_default();
        // What was billed for `[from, to)` on some charges: the model's one rule.
        let bill = |rows: &[&Charge], from: i64, to: i64| Money {
            amount: periods::charges_between(
                rows.iter().map(|c| (c.period, &c.amount)),
                tz,
                from,
                to,
            ),
            currency: currency.clone(),
        };
        let mut item_results: HashMap<PenaltyOn, Vec<(String, attainment::Availability)>> =
            HashMap::new();

        // Sized once: a pushed-to list holds room for four reports of 300 bytes.
        let mut objectives = Vec::with_capacity(terms.objectives.len());
        let mut shares: Vec<(&Objective, Share)> = Vec::new();
        let mut skipped: Vec<(&Objective, NotEvaluated)> = Vec::new();
        for o in &terms.objectives {
            // The services this objective judges, with the time it judges each.
            let services: Vec<(usize, &[clock::Interval])> = judged
                .iter()
                .filter(|(s, _)| o.service.as_ref().is_none_or(|r| r.value.index == **s))
                .map(|(s, t)| (*s, t.as_slice()))
                .collect();
            let target = o.target.as_ref().map(|t| t.value);
            let mut rep = ObjectiveReport::listed(o, target);
            let Some(target) = target else {
                objectives.push(rep);
                continue;
            };
            // The stretch it is judged over: the period, or the rolling window ending
            // with it (language.md §4.1); each service's time cut to it.
            let span = judge.span(self.options.period, o.window());
            let rolling = matches!(o.window(), crate::model::Window::Rolling(_));
            let cut: Vec<(usize, Vec<clock::Interval>)> = span
                .map(|sp| {
                    services
                        .iter()
                        .map(|&(s, w)| (s, clock::intersect(w, &[sp])))
                        .filter(|(_, w)| !w.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let services: Vec<(usize, &[clock::Interval])> =
                cut.iter().map(|(s, w)| (*s, w.as_slice())).collect();
            let by_outages = o.kind == ObjectiveKind::Availability
                && (o.measured_by() == MeasuredBy::Outages
                    || o.downtime
                        .as_ref()
                        .is_some_and(|d| d.value.request_interval_ms().is_some()));
            let result = if span.is_none() && rolling {
                Err(NotEvaluated::Window(format!(
                    "measured {}, longer than {}: evaluate a period at least that long",
                    window_words(o.window()),
                    self.options.period
                )))
            } else if span.is_none() {
                Err(NotEvaluated::Window(format!(
                    "measured {}, not per {}",
                    window_words(o.window()),
                    self.options.period.kind_word()
                )))
            } else if rolling && !by_outages {
                // Measurements are sums without time: no window can be cut from them.
                Err(NotEvaluated::Window(format!(
                    "measured {}; measurements carry no times, so only availability is judged over a rolling window",
                    window_words(o.window())
                )))
            } else if services.is_empty() {
                Err(NotEvaluated::NothingJudged(
                    "no service it covers is judged by this agreement in the period".into(),
                ))
            } else if let Some(ms) = o
                .downtime
                .as_ref()
                .and_then(|d| d.value.request_interval_ms())
            {
                // Judged from the requests of each interval, never from outages.
                let own;
                let rules = match span {
                    Some(sp) if rolling => {
                        own = rules_over((sp.0.max(in_force.0), sp.1.min(in_force.1)));
                        &own
                    }
                    _ => &rules,
                };
                self.error_rates(o, ms, &services, rules, period, &mut rep)
            } else {
                // The source of truth the contract names (`measured by`).
                match (o.kind, o.measured_by()) {
                    (ObjectiveKind::Availability, MeasuredBy::Outages) => match span {
                        Some(sp) if rolling => {
                            let own = rules_over((sp.0.max(in_force.0), sp.1.min(in_force.1)));
                            let outages = self.outages.unwrap_or(&empty);
                            let mut d = Downtime::new(p, outages, &own, propagate);
                            self.availability(o, &services, &mut d, &own, &mut rep)
                        }
                        _ => self.availability(o, &services, &mut downtime, &rules, &mut rep),
                    },
                    _ => self.measured_share(o, &services, &mut rep),
                }
            };
            // `per service|region|instance`: each item on its own; the objective is met
            // when every item meets it, so its attainment is the worst item's.
            let per_item = terms
                .penalties
                .iter()
                .find(|pen| pen.on == penalty_key(o))
                .and_then(|pen| pen.per_item.as_ref().map(|i| i.value));
            let result = match (result, per_item) {
                (Ok(share), Some(kind))
                    if o.kind == ObjectiveKind::Availability
                        && o.measured_by() == MeasuredBy::Outages =>
                {
                    let items = self.items(
                        kind,
                        o,
                        &services,
                        &rules,
                        &mut downtime,
                        my_charges.as_deref().unwrap_or(&[]),
                    );
                    let worst = items.iter().map(|(_, av)| *av).max_by(|a, b| {
                        (i128::from(a.down) * i128::from(b.open))
                            .cmp(&(i128::from(b.down) * i128::from(a.open)))
                    });
                    item_results.insert(penalty_key(o), items);
                    match worst {
                        Some(av) if av.open > 0 => {
                            rep.open_minutes = Some(minutes(av.open));
                            rep.downtime_minutes = Some(minutes(av.down));
                            rep.open_seconds = Some(report::seconds(av.open));
                            rep.downtime_seconds = Some(report::seconds(av.down));
                            Ok(Share {
                                num: i128::from(av.open - av.down),
                                den: i128::from(av.open),
                            })
                        }
                        _ => Ok(share),
                    }
                }
                (r, _) => r,
            };
            match result {
                Ok(share) => {
                    let on = penalty_key(o);
                    let tier_applies = terms
                        .penalties
                        .iter()
                        .filter(|pen| pen.on == on)
                        .any(|pen| credits::tier(&pen.tiers, &share).is_some());
                    let met =
                        share.cmp_percent(target) != std::cmp::Ordering::Less && !tier_applies;
                    rep.evaluated = true;
                    rep.attainment = Some(if o.kind == ObjectiveKind::Availability {
                        share.percent_f64()
                    } else {
                        100.0 * share.num as f64 / share.den as f64
                    });
                    rep.share = Some(share);
                    rep.met = Some(met);
                    shares.push((o, share));
                }
                Err(why) => {
                    rep.reason = Some(match &why {
                        NotEvaluated::Window(r)
                        | NotEvaluated::NoData(r)
                        | NotEvaluated::NothingJudged(r) => r.clone(),
                    });
                    skipped.push((o, why));
                }
            }
            objectives.push(rep);
        }

        let support: Option<Vec<TargetResult>> = match (&terms.support, self.tickets) {
            (None, _) => Some(Vec::new()),
            (Some(_), None) => None,
            (Some(s), Some(tickets)) => {
                let mine = tickets.judged_by(p, judge);
                Some(tickets::evaluate(p, s, &mine, period.1))
            }
        };

        // A percentage is of the fee for the part of the period in force (the model's
        // one rule, `periods::fee_between`).
        let kind = self.options.period.kind;
        let fee: Option<Money> = match &my_charges {
            Some(rows) => Some(bill(rows, judge.in_force.0, judge.in_force.1)),
            None => terms.fee.as_ref().and_then(|f| {
                periods::fee_between_from(
                    &f.value,
                    kind,
                    tz,
                    periods::fiscal_start(terms),
                    judge.in_force.0,
                    judge.in_force.1,
                )
            }),
        };
        let mut not_computed = Vec::new();
        let mut lines = Vec::new();
        for pen in &terms.penalties {
            if let Some(why) = uncomputed(pen, &skipped, support.as_deref()) {
                not_computed.push(report::NotComputed {
                    on: pen.on.to_string(),
                    reason: why,
                });
                continue;
            }
            if let Some(items) = item_results.get(&pen.on) {
                let rows = my_charges.as_deref();
                let mut credited = Vec::new();
                for (name, av) in items {
                    let mine: Option<Vec<&Charge>> = pen.per_item.as_ref().and_then(|k| {
                        rows.map(|r| {
                            r.iter()
                                .copied()
                                .filter(|c| item_charge(k.value, c, p, name))
                                .collect()
                        })
                    });
                    let share = Share {
                        num: i128::from(av.open - av.down),
                        den: i128::from(av.open),
                    };
                    let fee_i = mine
                        .as_ref()
                        .map(|r| bill(r, judge.in_force.0, judge.in_force.1));
                    let of_i = mine.as_ref().and_then(|r| {
                        Self::basis_stretch(terms, pen, period).map(|(a, b)| bill(r, a, b))
                    });
                    let down_i = mine.as_ref().map(|r| {
                        Self::downtime_price(terms, period, i128::from(av.down), &|a, b| {
                            Some(bill(r, a, b))
                        })
                    });
                    let line = credits::credit(
                        pen,
                        Basis::Share(share),
                        credits::Fees {
                            period: fee_i.as_ref(),
                            basis: of_i.as_ref().or(fee_i.as_ref()),
                            downtime: down_i.flatten().as_ref(),
                        },
                    );
                    // An item billed nothing is owed nothing.
                    let amount = line.as_ref().and_then(|l| l.amount).or_else(|| {
                        fee_i
                            .as_ref()
                            .filter(|_| line.is_some())
                            .map(|_| Decimal::ZERO)
                    });
                    credited.push(credits::ItemCredit {
                        item: name.clone(),
                        share,
                        down: av.down,
                        charges: fee_i.as_ref().map(|f| f.amount),
                        percent: line.as_ref().and_then(|l| match &tier_credit(pen, &share) {
                            Some(crate::model::Credit::Percent(x)) => Some(*x),
                            _ => l.percent,
                        }),
                        amount,
                    });
                }
                if credited
                    .iter()
                    .any(|c| c.percent.is_some() || c.amount.is_some())
                {
                    let amount = match rows {
                        Some(_) => credited
                            .iter()
                            .map(|c| c.amount.unwrap_or(Decimal::ZERO))
                            .sum::<Decimal>()
                            .into(),
                        None => None,
                    };
                    let percent = amount
                        .zip(fee.as_ref().map(|f| f.amount).filter(|f| !f.is_zero()))
                        .map(|(a, f): (Decimal, Decimal)| a * Decimal::ONE_HUNDRED / f);
                    lines.push(credits::CreditLine {
                        on: pen.on.to_string(),
                        percent,
                        amount,
                        items: credited,
                    });
                }
                continue;
            }
            let Some(basis) = basis(&pen.on, &shares, support.as_deref().unwrap_or(&[])) else {
                continue;
            };
            let of = match &my_charges {
                Some(rows) => {
                    Self::basis_stretch(terms, pen, period).map(|(a, b)| bill(rows, a, b))
                }
                None => Self::basis_fee(terms, pen, period),
            };
            let downtime = match &my_charges {
                Some(rows) => worst_down(pen, &shares).and_then(|down| {
                    Self::downtime_price(terms, period, down, &|a, b| Some(bill(rows, a, b)))
                }),
                None => Self::downtime_fee(terms, pen, period, &shares),
            };
            let fees = credits::Fees {
                period: fee.as_ref(),
                basis: of.as_ref().or(fee.as_ref()),
                downtime: downtime.as_ref(),
            };
            lines.extend(credits::credit(pen, basis, fees));
        }
        let mut totals = credits::totals(terms, &lines, fee.as_ref());
        if from_charges && self.charges.is_none() && !terms.penalties.is_empty() {
            let why = "the fee is `from charges` and no --charges were given: credits are percentages of the charges, without amounts".to_string();
            totals.note = Some(
                totals
                    .note
                    .map_or_else(|| why.clone(), |n| format!("{n}; {why}")),
            );
        }
        AgreementReport::new(
            judge,
            objectives,
            support.as_deref(),
            &lines,
            &totals,
            not_computed,
        )
    }

    /// What a penalty's percentages are of when it says `of fees for …` (language.md
    /// §7.1); `None` for the period's fee. `slac eval` takes the claim as made when the
    /// period ends: the previous month is the period's last month, and the N days before
    /// the claim are the N days before its end.
    fn basis_fee(
        terms: &crate::model::Terms,
        pen: &crate::model::Penalty,
        period: (i64, i64),
    ) -> Option<Money> {
        let f = &terms.fee.as_ref()?.value;
        let tz = terms.tz();
        match pen.basis?.value {
            CreditBasis::Period => None,
            CreditBasis::PreviousMonth => {
                let last = chrono::DateTime::from_timestamp_nanos(period.1 - 1)
                    .with_timezone(&tz)
                    .date_naive();
                let month = periods::Period::containing(periods::PeriodKind::Month, last);
                periods::fee_in(f, month, tz)
            }
            CreditBasis::BeforeClaim(ms) => {
                let from = period.1.saturating_sub(ms.saturating_mul(NS_PER_MS));
                let start = periods::fiscal_start(terms);
                periods::fee_between_from(f, periods::fee_cycle(f), tz, start, from, period.1)
            }
        }
    }

    /// The stretch a penalty's `of fees for …` names, for `fee from charges`; `None` for
    /// the period's fee (as [`Self::basis_fee`]).
    fn basis_stretch(
        terms: &crate::model::Terms,
        pen: &crate::model::Penalty,
        period: (i64, i64),
    ) -> Option<(i64, i64)> {
        let tz = terms.tz();
        match pen.basis?.value {
            CreditBasis::Period => None,
            CreditBasis::PreviousMonth => {
                let last = chrono::DateTime::from_timestamp_nanos(period.1 - 1)
                    .with_timezone(&tz)
                    .date_naive();
                Some(periods::Period::containing(periods::PeriodKind::Month, last).bounds(tz))
            }
            CreditBasis::BeforeClaim(ms) => Some((
                period.1.saturating_sub(ms.saturating_mul(NS_PER_MS)),
                period.1,
            )),
        }
    }

    /// The fees for `down` nanoseconds of downtime under `fee from charges`: the charges
    /// of the month the judged period starts in, spread over its real time (months are
    /// the billing cycle of charges, `periods::fee_cycle`).
    fn downtime_price(
        terms: &crate::model::Terms,
        period: (i64, i64),
        down: i128,
        price: &dyn Fn(i64, i64) -> Option<Money>,
    ) -> Option<Money> {
        let down = i64::try_from(down).ok()?;
        let end = period.0.saturating_add(down).min(period.1);
        let (start, stop) = periods::Period::containing(
            periods::PeriodKind::Month,
            chrono::DateTime::from_timestamp_nanos(period.0)
                .with_timezone(&terms.tz())
                .date_naive(),
        )
        .bounds(terms.tz());
        let whole = price(start, stop)?;
        Some(Money {
            amount: whole.amount * Decimal::from(end - period.0) / Decimal::from(stop - start),
            currency: whole.currency,
        })
    }

    /// Is a kept charge this agreement's (its customer and service judged, its region)?
    fn charge_of(&self, judge: &Judge<'_>, c: &Charge) -> bool {
        let p = self.portfolio;
        let customer = p.parties.iter().position(|x| x.name == c.customer);
        let service = p.services.iter().position(|x| x.name == c.service);
        match (customer, service) {
            (Some(cu), Some(s)) => judge.takes_charge(cu, s, c.region.as_deref()),
            _ => false,
        }
    }

    /// The items of a `per …` penalty on an availability objective, each with its own
    /// open and counted downtime (the worst of its services): per service, each service
    /// judged; per region or instance, every region or item the charges or the outages
    /// name, an outage without one hitting them all.
    fn items(
        &self,
        kind: ItemKind,
        o: &Objective,
        services: &[(usize, &[clock::Interval])],
        rules: &Rules<'_>,
        downtime: &mut Downtime<'_, '_>,
        rows: &[&Charge],
    ) -> Vec<(String, attainment::Availability)> {
        let p = self.portfolio;
        if kind == ItemKind::Service {
            return services
                .iter()
                .map(|&(s, w)| {
                    (
                        p.services[s].name.clone(),
                        self.one(o, w, downtime.of(s), rules),
                    )
                })
                .collect();
        }
        let field = |r: Option<&String>, i: Option<&String>| match kind {
            ItemKind::Region => r.cloned(),
            _ => i.cloned(),
        };
        let mut names: BTreeSet<String> = rows
            .iter()
            .filter_map(|c| field(c.region.as_ref(), c.item.as_ref()))
            .collect();
        let empty = OutageIndex::default();
        let all = self.outages.unwrap_or(&empty);
        for &(s, _) in services {
            for out in all.of(&p.services[s].name) {
                if rules.sees(out) {
                    names.extend(field(out.region.as_ref(), out.item.as_ref()));
                }
            }
        }
        let propagate = downtime.propagates();
        names
            .into_iter()
            .filter_map(|name| {
                let idx = all.filtered(|out| {
                    field(out.region.as_ref(), out.item.as_ref()).is_none_or(|f| f == name)
                });
                let mut d = Downtime::new(p, &idx, rules, propagate);
                let worst = services
                    .iter()
                    .map(|&(s, w)| self.one(o, w, d.of(s), rules))
                    .max_by(|a, b| {
                        (i128::from(a.down) * i128::from(b.open))
                            .cmp(&(i128::from(b.down) * i128::from(a.open)))
                    })?;
                Some((name, worst))
            })
            .collect()
    }

    /// One service's open time and counted downtime over the time `window` it is judged.
    fn one(
        &self,
        o: &Objective,
        window: &[clock::Interval],
        down: Vec<clock::Interval>,
        rules: &Rules<'_>,
    ) -> attainment::Availability {
        let cal =
            &self.portfolio.calendars[o.during.as_ref().map_or(ALWAYS, |c| c.value.index)].clock;
        let runs = clock::open_intervals(cal, rules.period.0, rules.period.1);
        let open_runs = clock::intersect(&runs, window);
        attainment::Availability {
            open: window
                .iter()
                .map(|&(a, b)| clock::open_time(cal, a, b))
                .sum(),
            down: clock::measure(&clock::intersect(&counted(o, down), &open_runs)),
        }
    }

    /// The fees for the downtime of the objective a penalty is on, for `N times the fees
    /// for the downtime`: the period's fee spread over its real time, for as long as the
    /// service was down (`periods::fee_between` over a stretch that long).
    fn downtime_fee(
        terms: &crate::model::Terms,
        pen: &crate::model::Penalty,
        period: (i64, i64),
        shares: &[(&Objective, Share)],
    ) -> Option<Money> {
        let f = &terms.fee.as_ref()?.value;
        // The worst service's downtime: an availability share is (open − down) ÷ open,
        // in nanoseconds.
        let down = shares
            .iter()
            .filter(|(o, _)| {
                o.kind == ObjectiveKind::Availability
                    && o.measured_by() == MeasuredBy::Outages
                    // An average of error rates is no length of time.
                    && o.downtime.as_ref().is_none_or(|d| d.value.average_per_ms.is_none())
                    && penalty_key(o) == pen.on
            })
            .map(|(_, s)| s.den - s.num)
            .max()?;
        let down = i64::try_from(down).ok()?;
        // Priced in the fee period the judged period starts in (a second of a yearly fee
        // is the fee over the year's real time).
        let end = period.0.saturating_add(down).min(period.1);
        let cycle = periods::agreement_period(
            terms,
            periods::fee_cycle(f),
            chrono::DateTime::from_timestamp_nanos(period.0)
                .with_timezone(&terms.tz())
                .date_naive(),
        );
        let (start, stop) = periods::agreement_bounds(terms, &cycle);
        let fiscal = periods::fiscal_start(terms);
        let whole =
            periods::fee_between_from(f, periods::fee_cycle(f), terms.tz(), fiscal, start, stop)?;
        Some(Money {
            amount: whole.amount * rust_decimal::Decimal::from(end - period.0)
                / rust_decimal::Decimal::from(stop - start),
            currency: whole.currency,
        })
    }

    /// The worst service's availability over the time the agreement judges it.
    fn availability(
        &self,
        o: &Objective,
        services: &[(usize, &[clock::Interval])],
        downtime: &mut Downtime<'_, '_>,
        rules: &Rules<'_>,
        rep: &mut ObjectiveReport,
    ) -> Result<Share, NotEvaluated> {
        if self.outages.is_none() {
            return Err(NotEvaluated::NoData("no --outages given".into()));
        }
        let p = self.portfolio;
        let cal = &p.calendars[o.during.as_ref().map_or(ALWAYS, |c| c.value.index)].clock;
        let runs = clock::open_intervals(cal, rules.period.0, rules.period.1);
        let mut worst: Option<attainment::Availability> = None;
        for &(s, window) in services {
            let open_runs = clock::intersect(&runs, window);
            let av = attainment::Availability {
                open: window
                    .iter()
                    .map(|&(a, b)| clock::open_time(cal, a, b))
                    .sum(),
                down: clock::measure(&clock::intersect(&counted(o, downtime.of(s)), &open_runs)),
            };
            if worst.is_none_or(|w| {
                i128::from(av.down) * i128::from(w.open) > i128::from(w.down) * i128::from(av.open)
            }) {
                worst = Some(av);
            }
        }
        let av = worst.ok_or_else(|| NotEvaluated::NothingJudged("no service".into()))?;
        rep.open_minutes = Some(minutes(av.open));
        rep.downtime_minutes = Some(minutes(av.down));
        rep.open_seconds = Some(report::seconds(av.open));
        rep.downtime_seconds = Some(report::seconds(av.down));
        Ok(Share {
            num: i128::from(av.open - av.down),
            den: i128::from(av.open),
        })
    }

    /// An objective whose downtime is defined by error rates (language.md §4.1), judged
    /// from requests.csv: the intervals of `ms` cut from the start of the period that
    /// begin while the objective's calendar is open and the agreement judges the service.
    /// `errors above` gives a downtime (the failing intervals in full, then `at least`
    /// and the calendar, as for outages); `average error rate` 100% minus the mean of
    /// the intervals' rates. The worst service is reported.
    fn error_rates(
        &self,
        o: &Objective,
        ms: i64,
        services: &[(usize, &[clock::Interval])],
        rules: &Rules<'_>,
        period: clock::Interval,
        rep: &mut ObjectiveReport,
    ) -> Result<Share, NotEvaluated> {
        let Some(requests) = self.requests else {
            return Err(NotEvaluated::NoData(format!(
                "no --requests given (its downtime is defined by the error rates of {} intervals)",
                crate::written::duration(ms)
            )));
        };
        let d = ms.saturating_mul(NS_PER_MS);
        let p = self.portfolio;
        let def = o.downtime.as_ref().map(|d| &d.value);
        let threshold = def
            .and_then(|d| d.errors_above.as_ref())
            .map(|t| t.value.percent);
        let cal = &p.calendars[o.during.as_ref().map_or(ALWAYS, |c| c.value.index)].clock;
        let runs = clock::open_intervals(cal, rules.period.0, rules.period.1);
        let mut worst: Option<(Share, Option<attainment::Availability>, i64)> = None;
        for &(s, window) in services {
            let open_runs = clock::intersect(&runs, window);
            let rows = requests
                .of(&p.services[s].name)
                .iter()
                .copied()
                .filter(|r| {
                    attainment::region_sees(r.region.as_deref(), rules.region, &rules.regions)
                });
            let counts = rates::counts(rows, period.0, d, &open_runs);
            let n = rates::intervals_in(&open_runs, period.0, d);
            let (share, av) = match threshold {
                Some(percent) => {
                    let bad = rates::failing(&counts, d, period, percent);
                    let av = attainment::Availability {
                        open: window
                            .iter()
                            .map(|&(a, b)| clock::open_time(cal, a, b))
                            .sum(),
                        down: clock::measure(&clock::intersect(&counted(o, bad), &open_runs)),
                    };
                    let share = Share {
                        num: i128::from(av.open - av.down),
                        den: i128::from(av.open),
                    };
                    (share, Some(av))
                }
                None => match rates::average(&counts, n) {
                    Some(share) => (share, None),
                    None => continue,
                },
            };
            if worst.is_none_or(|(w, _, _)| share.cmp_share(&w) == std::cmp::Ordering::Less) {
                worst = Some((share, av, n));
            }
        }
        let (share, av, n) = worst.ok_or_else(|| {
            NotEvaluated::NothingJudged("no interval of its services is judged".into())
        })?;
        if let Some(av) = av {
            rep.open_minutes = Some(minutes(av.open));
            rep.downtime_minutes = Some(minutes(av.down));
            rep.open_seconds = Some(report::seconds(av.open));
            rep.downtime_seconds = Some(report::seconds(av.down));
        }
        rep.intervals = Some(n);
        Ok(share)
    }

    /// The worst service's good ÷ total events, summed exactly over its rows.
    fn measured_share(
        &self,
        o: &Objective,
        services: &[(usize, &[clock::Interval])],
        rep: &mut ObjectiveReport,
    ) -> Result<Share, NotEvaluated> {
        let Some(measured) = self.measured else {
            return Err(NotEvaluated::NoData("no --measurements given".into()));
        };
        let mut worst: Option<Share> = None;
        for &(s, _) in services {
            let name = self.portfolio.services[s].name.as_str();
            let Some(sums) = measured.get(&(name.to_string(), o.id.to_string())) else {
                continue;
            };
            let (Ok(num), Ok(den), false) = (
                i128::try_from(sums.good),
                i128::try_from(sums.total),
                sums.overflow,
            ) else {
                return Err(NotEvaluated::NoData(format!(
                    "the events of `{name}` add up to more than can be counted exactly"
                )));
            };
            if den == 0 {
                continue;
            }
            let share = Share { num, den };
            if worst.is_none_or(|w| share.cmp_share(&w) == std::cmp::Ordering::Less) {
                worst = Some(share);
            }
        }
        let share = worst.ok_or_else(|| {
            NotEvaluated::NoData(format!("no measurements of `{}` for its services", o.id))
        })?;
        rep.good = u128::try_from(share.num).ok();
        rep.total = u128::try_from(share.den).ok();
        Ok(share)
    }
}

/// Why a penalty cannot be computed: an objective it is on was not evaluated for want of
/// data or because it is measured over another kind of period, or no tickets were given.
fn uncomputed(
    pen: &crate::model::Penalty,
    skipped: &[(&Objective, NotEvaluated)],
    support: Option<&[TargetResult]>,
) -> Option<String> {
    match &pen.on {
        PenaltyOn::Incident { .. } | PenaltyOn::Request { .. } | PenaltyOn::Update { .. } => {
            support.is_none().then(|| "no --tickets given".to_string())
        }
        on => skipped.iter().find_map(|(o, why)| match why {
            NotEvaluated::Window(r) | NotEvaluated::NoData(r) if penalty_key(o) == *on => {
                Some(format!("{} not evaluated: {r}", o.id))
            }
            _ => None,
        }),
    }
}

/// "per quarter", "over a rolling 28d".
fn window_words(w: crate::model::Window) -> String {
    match w {
        crate::model::Window::Rolling(_) => format!("over a {w}"),
        _ => format!("per {w}"),
    }
}

use crate::model::periods::penalty_on as penalty_key;

/// What a penalty looks at: the worst evaluated objective it is on, or its support
/// target's breaches and share met. `None` when nothing it is on was evaluated.
fn basis(
    on: &PenaltyOn,
    shares: &[(&Objective, Share)],
    support: &[TargetResult],
) -> Option<Basis> {
    let which = |kind: TargetKind, id: &str, what: Measure| {
        support
            .iter()
            .find(|r| r.kind == kind && r.class == id && r.deadline == what)
    };
    match on {
        PenaltyOn::Incident { .. } | PenaltyOn::Request { .. } | PenaltyOn::Update { .. } => {
            let r = match on {
                PenaltyOn::Incident { id, deadline } => {
                    which(TargetKind::Incident, id, Measure::Deadline(*deadline))
                }
                PenaltyOn::Request { id, deadline } => {
                    which(TargetKind::Request, id, Measure::Deadline(*deadline))
                }
                PenaltyOn::Update { target, id } => which(*target, id, Measure::Update),
                _ => None,
            }?;
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

/// The downtime an objective counts: without `downtime { at least D }` all of it, with
/// it only the stretches of at least D (language.md §4.1).
fn counted(o: &Objective, down: Vec<clock::Interval>) -> Vec<clock::Interval> {
    match o
        .downtime
        .as_ref()
        .and_then(|d| d.value.at_least_ms.as_ref())
    {
        Some(min) => clock::at_least(down, min.value.saturating_mul(NS_PER_MS)),
        None => down,
    }
}

/// Nanoseconds as minutes, rounded only once.
fn minutes(ns: i64) -> f64 {
    const NS_PER_MINUTE: i64 = 60_000_000_000;
    (ns / NS_PER_MINUTE) as f64 + (ns % NS_PER_MINUTE) as f64 / NS_PER_MINUTE as f64
}

/// Is charge `c` billed for item `name` of a `per …` penalty?
fn item_charge(kind: ItemKind, c: &Charge, p: &Portfolio, name: &str) -> bool {
    let _ = p;
    match kind {
        ItemKind::Service => c.service == name,
        ItemKind::Region => c.region.as_deref() == Some(name),
        ItemKind::Instance => c.item.as_deref() == Some(name),
    }
}

/// The credit of the tier an item's attainment falls under.
fn tier_credit(pen: &crate::model::Penalty, share: &Share) -> Option<crate::model::Credit> {
    credits::tier(&pen.tiers, share).map(|t| t.credit.value.clone())
}

/// The worst service's downtime of the objective a penalty is on, nanoseconds.
fn worst_down(pen: &crate::model::Penalty, shares: &[(&Objective, Share)]) -> Option<i128> {
    shares
        .iter()
        .filter(|(o, _)| {
            o.kind == ObjectiveKind::Availability
                && o.measured_by() == MeasuredBy::Outages
                && penalty_key(o) == pen.on
        })
        .map(|(_, s)| s.den - s.num)
        .max()
}
