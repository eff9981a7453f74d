//! Support: each target's tickets opened in the period, judged against their deadlines.

use super::clock;
use super::input::NS_PER_MS;
use super::input::{Nanos, Ticket};
use super::scope::Judge;
use crate::model::{Deadline, Portfolio, Support, Target, TargetKind};
use crate::time::{Calendar, Instant, Length};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Tickets grouped by (customer, service), so that each agreement reads only the
/// tickets of the pairs it covers: linear in the tickets, however many agreements.
#[derive(Debug, Default)]
pub struct TicketIndex<'a> {
    by_pair: HashMap<(&'a str, &'a str), Vec<&'a Ticket>>,
    by_service: HashMap<&'a str, Vec<&'a Ticket>>,
}

impl<'a> TicketIndex<'a> {
    pub fn new(tickets: &'a [Ticket]) -> TicketIndex<'a> {
        let mut index = TicketIndex::default();
        for t in tickets {
            index
                .by_pair
                .entry((t.customer.as_str(), t.service.as_str()))
                .or_default()
                .push(t);
            index
                .by_service
                .entry(t.service.as_str())
                .or_default()
                .push(t);
        }
        index
    }

    /// The tickets a variant judges: of a (customer, service) pair it covers, in its
    /// region, opened in the time it judges that pair. In input order.
    pub fn judged_by(&self, portfolio: &Portfolio, judge: &Judge<'_>) -> Vec<&'a Ticket> {
        let mut out: Vec<&Ticket> = Vec::new();
        for (&(customer, s), window) in &judge.pairs {
            let service = portfolio.services[s].name.as_str();
            let tickets = match customer {
                Some(c) => self
                    .by_pair
                    .get(&(portfolio.parties[c].name.as_str(), service)),
                // Any customer (a portfolio without customer parties).
                None => self.by_service.get(service),
            };
            out.extend(tickets.into_iter().flatten().copied().filter(|t| {
                judge.takes_region(t.region.as_deref())
                    && clock::overlaps(window, (t.opened, t.opened))
            }));
        }
        out.sort_by_key(|t| t.line);
        out.dedup_by_key(|t| t.line);
        out
    }
}

/// What a result judges: one deadline of a target, or its update frequency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Deadline(Deadline),
    /// `update every D`: every gap between updates at most D (language.md §5.1).
    Update,
}

impl Measure {
    /// `response`, `resolve`, `fulfil`, `update`: as written after `penalty on incident p1`.
    pub fn keyword(self) -> &'static str {
        match self {
            Measure::Deadline(d) => d.keyword(),
            Measure::Update => "update",
        }
    }
}

/// How one deadline (or the update frequency) of one target went in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetResult {
    pub kind: TargetKind,
    pub class: String,
    pub deadline: Measure,
    pub met: u64,
    pub breached: Vec<String>,
    pub pending: Vec<String>,
    /// Tickets that cannot be judged: for the update frequency, tickets.csv has no
    /// `updates` column. Neither met nor breached.
    pub unknown: Vec<String>,
    /// Percent of tickets that must meet the deadline.
    pub required: Decimal,
}

impl TargetResult {
    pub fn tickets(&self) -> u64 {
        self.met + self.breached.len() as u64
    }

    /// Is the share met at least the required share? (True without tickets.)
    pub fn ok(&self) -> bool {
        Decimal::from(self.met) * Decimal::ONE_HUNDRED
            >= self.required * Decimal::from(self.tickets())
    }

    /// `100 × met / tickets`; `None` without tickets.
    pub fn share_met(&self) -> Option<f64> {
        let n = self.tickets();
        (n > 0).then(|| 100.0 * self.met as f64 / n as f64)
    }
}

enum Outcome {
    Met,
    Breached,
    Pending,
}

/// The open time, in nanoseconds, a ticket has for a deadline of `length`: the length
/// itself, or for business days the open time from the opening to the close of the last
/// business day (`model::support::business_due`), so that a pause stops that clock as it
/// stops any other. `None`: never due.
fn open_time_for(cal: &Calendar, length: Length, t: &Ticket) -> Option<i64> {
    match length {
        Length::Open(ms) => Some(ms.saturating_mul(super::input::NS_PER_MS)),
        Length::BusinessDays(n) => {
            let (ms, rest) = (
                t.opened.div_euclid(NS_PER_MS),
                t.opened.rem_euclid(NS_PER_MS),
            );
            let due = crate::model::support::business_due(cal, n, Instant(ms), rest)?;
            let due = due.0.checked_mul(NS_PER_MS)?;
            Some(clock::open_time(cal, t.opened, due))
        }
    }
}

/// Met, breached or pending, by the ticket's deadline on `cal`.
fn judge(
    cal: &Calendar,
    length: Length,
    t: &Ticket,
    done: Option<Nanos>,
    period_end: Nanos,
) -> Outcome {
    let due = open_time_for(cal, length, t)
        .and_then(|d| clock::deadline_paused(cal, t.opened, d, &t.paused));
    match (done, due) {
        (Some(d), Some(due)) if d <= due => Outcome::Met,
        (Some(_), Some(_)) => Outcome::Breached,
        // A calendar that is never open again: never due.
        (Some(_) | None, None) => {
            if done.is_some() {
                Outcome::Met
            } else {
                Outcome::Pending
            }
        }
        (None, Some(due)) if due < period_end => Outcome::Breached,
        (None, Some(_)) => Outcome::Pending,
    }
}

/// The results of every deadline of every target, in the order written.
pub fn evaluate(
    portfolio: &Portfolio,
    support: &Support,
    tickets: &[&Ticket],
    period_end: Nanos,
) -> Vec<TargetResult> {
    let mut out = Vec::new();
    for target in &support.targets {
        let cal = &portfolio.calendars[clock_of(support, target)].clock;
        let mine: Vec<&&Ticket> = tickets
            .iter()
            .filter(|t| t.kind == target.kind && t.class == target.id)
            .collect();
        for (which, term) in target.deadlines() {
            let mut r = TargetResult {
                kind: target.kind,
                class: target.id.to_string(),
                deadline: Measure::Deadline(which),
                met: 0,
                breached: Vec::new(),
                pending: Vec::new(),
                unknown: Vec::new(),
                required: term.share(),
            };
            let length = term.length();
            for t in &mine {
                let done = match which {
                    Deadline::Response => t.responded,
                    Deadline::Resolve | Deadline::Fulfil => t.resolved,
                };
                match judge(cal, length, t, done, period_end) {
                    Outcome::Met => r.met += 1,
                    Outcome::Breached => r.breached.push(t.id.clone()),
                    Outcome::Pending => r.pending.push(t.id.clone()),
                }
            }
            out.push(r);
        }
        if let Some(every) = &target.update_every_ms {
            out.push(updates(cal, target, every.value, &mine, period_end));
        }
    }
    out
}

/// The update frequency of one target (`update every D`, language.md §5.1): a ticket
/// breaches it when a gap between consecutive updates to the customer, from the response
/// (the first update) to the resolution, is longer than D of open time on the target's
/// calendar, pauses stopping the clock as they stop the deadlines. A ticket still open
/// at the end of the period breaches it if its last update is more than D before the
/// end, else it is pending; a ticket not responded to is the response deadline's to
/// judge (pending here while open, met once resolved). Each ticket is one breach, however
/// many of its gaps are too long. Every ticket must be updated on time (100%).
fn updates(
    cal: &Calendar,
    target: &Target,
    every_ms: i64,
    tickets: &[&&Ticket],
    period_end: Nanos,
) -> TargetResult {
    let mut r = TargetResult {
        kind: target.kind,
        class: target.id.to_string(),
        deadline: Measure::Update,
        met: 0,
        breached: Vec::new(),
        pending: Vec::new(),
        unknown: Vec::new(),
        required: Decimal::ONE_HUNDRED,
    };
    let every = every_ms.saturating_mul(NS_PER_MS);
    for t in tickets {
        let Some(list) = &t.updates else {
            r.unknown.push(t.id.clone());
            continue;
        };
        let Some(first) = t.responded else {
            if t.resolved.is_some() {
                r.met += 1;
            } else {
                r.pending.push(t.id.clone());
            }
            continue;
        };
        // The gaps end at each later update and at the resolution (or the period's end).
        let mut last = first;
        let mut outcome = Outcome::Met;
        for &next in list.iter().chain(t.resolved.as_ref()) {
            if late(cal, t, last, every, next) {
                outcome = Outcome::Breached;
                break;
            }
            last = next;
        }
        if matches!(outcome, Outcome::Met) && t.resolved.is_none() {
            outcome = if late(cal, t, last, every, period_end) {
                Outcome::Breached
            } else {
                Outcome::Pending
            };
        }
        match outcome {
            Outcome::Met => r.met += 1,
            Outcome::Breached => r.breached.push(t.id.clone()),
            Outcome::Pending => r.pending.push(t.id.clone()),
        }
    }
    r
}

/// Is `next` more than `every` nanoseconds of open, unpaused time after `last`? The clock
/// functions of the deadlines (`clock::deadline_paused`): never, if the calendar is never
/// open again.
fn late(cal: &Calendar, t: &Ticket, last: Nanos, every: i64, next: Nanos) -> bool {
    clock::deadline_paused(cal, last, every, &t.paused).is_some_and(|due| next > due)
}

/// The target's calendar: its own `during`, else the support block's, else `always`.
fn clock_of(support: &Support, target: &Target) -> usize {
    target
        .during
        .as_ref()
        .or(support.during.as_ref())
        .map_or(crate::model::ALWAYS, |c| c.value.index)
}
