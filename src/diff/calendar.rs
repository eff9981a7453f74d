//! Calendars compared by the time they are open: hours and closures as sets of minutes.

use super::report::{Change, Fact};
use crate::model::strictness::{Term, Verdict};
use crate::model::{Calendar, Portfolio};
use crate::written::WEEKDAYS;
use std::collections::{BTreeMap, BTreeSet};

/// How the open time of one calendar compares with another's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Open {
    Same,
    More,
    Less,
    Different,
}

impl Open {
    fn and(self, other: Open) -> Open {
        match (self, other) {
            (Open::Same, x) | (x, Open::Same) => x,
            (a, b) if a == b => a,
            _ => Open::Different,
        }
    }

    /// The verdict of the strictness table on a calendar of `term` (an objective's or
    /// support's clock, or maintenance windows) that is open as `self` says.
    pub(super) fn verdict(self, term: Term) -> Verdict {
        match self {
            Open::Same => Verdict::Same,
            Open::More => term.sides(true, false),
            Open::Less => term.sides(false, true),
            Open::Different => term.sides(true, true),
        }
    }
}

/// `mon` → 0 … `sun` → 6 (0 for anything else).
fn day_index(day: &str) -> usize {
    WEEKDAYS.iter().position(|d| d.short == day).unwrap_or(0)
}

fn minutes(hhmm: &str) -> usize {
    let (h, m) = hhmm.split_once(':').unwrap_or(("0", "0"));
    h.parse::<usize>().unwrap_or(0) * 60 + m.parse::<usize>().unwrap_or(0)
}

fn weekly(c: &Calendar) -> BTreeSet<usize> {
    let mut set = BTreeSet::new();
    for h in &c.hours {
        let day = day_index(&h.day);
        for m in minutes(&h.start)..minutes(&h.end).min(1440) {
            set.insert(day * 1440 + m);
        }
    }
    set
}

/// The closed minutes of one day, as a bit set.
type DayMinutes = [u64; 23];

/// Closed minutes per date. A closure that comes back every year is taken over a whole
/// Gregorian cycle from 2000 (where a fixed day repeats) and every year with a dated
/// closure of either calendar (`years`).
fn closed(c: &Calendar, years: (i32, i32)) -> BTreeMap<chrono::NaiveDate, DayMinutes> {
    let mut map: BTreeMap<chrono::NaiveDate, DayMinutes> = BTreeMap::new();
    let recurring = c.recurring.iter().flat_map(|r| r.dated(years.0, years.1));
    for d in c.closures.iter().cloned().chain(recurring) {
        let (a, b) = match (&d.start, &d.end) {
            (Some(s), Some(e)) => (minutes(s), minutes(e).min(1440)),
            _ => (0, 1440),
        };
        let day = map.entry(d.date).or_insert([0; 23]);
        for m in a..b {
            day[m / 64] |= 1 << (m % 64);
        }
    }
    map
}

/// The years over which two calendars' recurring closures are compared.
fn closure_years(old: &Calendar, new: &Calendar) -> (i32, i32) {
    use chrono::Datelike;
    let dated = old
        .closures
        .iter()
        .chain(&new.closures)
        .map(|d| d.date.year());
    let lo = dated.clone().min().unwrap_or(2000).min(2000);
    let hi = dated.max().unwrap_or(2000).max(2399);
    (lo, hi)
}

/// How the closed minutes `a` stand to `b`: `More` when `a` is a subset of `b`.
fn closed_subset(
    a: &BTreeMap<chrono::NaiveDate, DayMinutes>,
    b: &BTreeMap<chrono::NaiveDate, DayMinutes>,
) -> Open {
    let within = |x: &BTreeMap<chrono::NaiveDate, DayMinutes>,
                  y: &BTreeMap<chrono::NaiveDate, DayMinutes>| {
        x.iter().all(|(d, m)| {
            y.get(d)
                .is_some_and(|n| m.iter().zip(n).all(|(p, q)| p & !q == 0))
        })
    };
    match (a == b, within(a, b), within(b, a)) {
        (true, _, _) => Open::Same,
        (_, true, _) => Open::More,
        (_, _, true) => Open::Less,
        _ => Open::Different,
    }
}

fn subset<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> Open {
    match (a == b, a.is_subset(b), b.is_subset(a)) {
        (true, _, _) => Open::Same,
        (_, true, _) => Open::More,
        (_, _, true) => Open::Less,
        _ => Open::Different,
    }
}

/// How `new` is open compared with `old`.
pub(super) fn compare(old: &Calendar, new: &Calendar) -> Open {
    if old.timezone != new.timezone {
        return Open::Different;
    }
    let hours = subset(&weekly(old), &weekly(new));
    // More closures is less open time.
    let years = closure_years(old, new);
    let closures = closed_subset(&closed(new, years), &closed(old, years));
    hours.and(closures)
}

fn hours_text(c: &Calendar) -> String {
    let mut by_day: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for h in &c.hours {
        let day = day_index(&h.day);
        by_day
            .entry(day)
            .or_default()
            .push(format!("{}-{}", h.start, h.end));
    }
    by_day
        .iter()
        .map(|(d, v)| format!("{} {}", WEEKDAYS[*d].short, v.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn closure_text(d: &crate::model::ClosureDef) -> String {
    match (&d.start, &d.end) {
        (Some(s), Some(e)) => format!("{} {s}-{e}", d.date),
        _ => d.date.to_string(),
    }
}

/// `every 12-25`, `easter+1 13:00-17:00`.
fn recurring_text(r: &crate::model::RecurringDef) -> String {
    match (&r.start, &r.end) {
        (Some(s), Some(e)) => format!("{} {s}-{e}", r.rule),
        _ => r.rule.clone(),
    }
}

/// Dated closures, then recurring ones, as written.
fn closures_text(c: &Calendar) -> Vec<String> {
    c.closures
        .iter()
        .map(closure_text)
        .chain(c.recurring.iter().map(recurring_text))
        .collect()
}

/// Portfolio-level changes to calendar definitions (their effect on each agreement is
/// reported with the agreement).
pub(super) fn calendars(old: &Portfolio, new: &Portfolio) -> Vec<(String, Vec<Fact>)> {
    let mut out = Vec::new();
    let fact = |what: &str, change, old: Option<String>, new: Option<String>| Fact {
        what: what.to_string(),
        change,
        verdict: Verdict::Unordered,
        old,
        new,
    };
    for n in new.calendars.iter().filter(|c| !c.builtin) {
        let mut facts = Vec::new();
        match old.calendars.iter().find(|c| c.name == n.name) {
            None => facts.push(fact("calendar", Change::Added, None, Some(n.name.clone()))),
            Some(o) => {
                if o.timezone != n.timezone {
                    facts.push(fact(
                        "timezone",
                        Change::Modified,
                        Some(o.timezone.clone()),
                        Some(n.timezone.clone()),
                    ));
                }
                if weekly(o) != weekly(n) {
                    facts.push(fact(
                        "hours",
                        Change::Modified,
                        Some(hours_text(o)),
                        Some(hours_text(n)),
                    ));
                }
                let oc = closures_text(o);
                let nc = closures_text(n);
                for c in nc.iter().filter(|c| !oc.contains(c)) {
                    facts.push(fact("closed", Change::Added, None, Some(c.clone())));
                }
                for c in oc.iter().filter(|c| !nc.contains(c)) {
                    facts.push(fact("closed", Change::Removed, Some(c.clone()), None));
                }
            }
        }
        if !facts.is_empty() {
            out.push((n.name.clone(), facts));
        }
    }
    for o in old.calendars.iter().filter(|c| !c.builtin) {
        if new.calendars.iter().all(|c| c.name != o.name) {
            out.push((
                o.name.clone(),
                vec![fact(
                    "calendar",
                    Change::Removed,
                    Some(o.name.clone()),
                    None,
                )],
            ));
        }
    }
    out
}
