//! Calendar construction: turning the user-facing weekly intervals and
//! closures into the merged millisecond tables the clock works on.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;

use super::closure::Closure;
use super::local::{merge, LocalSet};
use super::tz::{zone, Zone};
use super::units::{DAY, MINUTE};
use super::yearly::Recurring;

const DAY_MINUTES: u16 = 1440;

/// Open time on one day of the week, in minutes of the local day, half-open
/// `[start, end)`; `end` may be 1440 (24:00).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct WeekInterval {
    pub day: Weekday,
    pub start: u16,
    pub end: u16,
}

/// When something is open: a weekly pattern in a zone's local time, minus
/// closures. Cheap to query through `&self`, `Send + Sync`, cheap to clone.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub(crate) tz: Tz,
    weekly: Vec<WeekInterval>,
    closures: Vec<Closure>,
    recurring: Vec<Recurring>,
    /// Shared: recurring closures make it one entry per year of the range.
    pub(crate) local: Arc<LocalSet>,
    pub(crate) zone: Arc<Zone>,
    pub(crate) always: bool,
}

/// Days from 1970-01-01 to `date`.
fn epoch_days(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 719_163
}

fn closure_span(c: &Closure) -> (i64, i64) {
    let (s, e) = c.part.unwrap_or((0, DAY_MINUTES));
    let day = epoch_days(c.date) * DAY;
    let e = e.min(DAY_MINUTES);
    // An invalid part (start >= end) removes nothing rather than panicking.
    (
        day + i64::from(s.min(e)) * MINUTE,
        day + i64::from(e) * MINUTE,
    )
}

fn weekday_from_index(i: i64) -> Weekday {
    match i {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

impl Calendar {
    /// Builds a calendar. Overlapping or adjacent weekly intervals are merged,
    /// duplicate closures are dropped. Input is expected to be validated;
    /// an interval with `start >= end` is ignored and an `end` past 1440 is
    /// read as 1440, so bad input cannot make queries panic.
    pub fn new(tz: Tz, weekly: &[WeekInterval], closures: &[Closure]) -> Calendar {
        Calendar::with_recurring(tz, weekly, closures, &[])
    }

    /// Builds a calendar with closures that come back every year as well: each
    /// is one dated closure per year of the clock's range.
    pub fn with_recurring(
        tz: Tz,
        weekly: &[WeekInterval],
        closures: &[Closure],
        recurring: &[Recurring],
    ) -> Calendar {
        let week_ms = merge(
            weekly
                .iter()
                .map(|w| {
                    let day = i64::from(w.day.num_days_from_monday()) * DAY;
                    let end = w.end.min(DAY_MINUTES);
                    (
                        day + i64::from(w.start.min(end)) * MINUTE,
                        day + i64::from(end) * MINUTE,
                    )
                })
                .collect(),
        );
        let mut closures = closures.to_vec();
        closures.sort_unstable();
        closures.dedup();
        let mut recurring = recurring.to_vec();
        recurring.sort_unstable();
        recurring.dedup();
        let closed_ms = merge(
            closures
                .iter()
                .copied()
                .chain(recurring.iter().flat_map(|r| r.expand()))
                .map(|c| closure_span(&c))
                .collect(),
        );
        let local = Arc::new(LocalSet::new(&week_ms, &closed_ms));
        let always = local.full_week() && closed_ms.is_empty();
        Calendar {
            tz,
            weekly: split_by_day(&week_ms),
            closures,
            recurring,
            local,
            zone: zone(tz),
            always,
        }
    }

    /// Open all the time (UTC, no closures).
    pub fn always() -> Calendar {
        let all: Vec<WeekInterval> = (0..7)
            .map(|d| WeekInterval {
                day: weekday_from_index(d),
                start: 0,
                end: DAY_MINUTES,
            })
            .collect();
        Calendar::new(Tz::UTC, &all, &[])
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The weekly intervals, merged (an interval never crosses midnight here;
    /// runs that do are split at 24:00), sorted Monday first.
    pub fn weekly(&self) -> &[WeekInterval] {
        &self.weekly
    }

    /// The dated closures, sorted, without duplicates (overlaps are kept as given).
    pub fn closures(&self) -> &[Closure] {
        &self.closures
    }

    /// The recurring closures, sorted, without duplicates.
    pub fn recurring(&self) -> &[Recurring] {
        &self.recurring
    }

    /// Open at every instant: a full week with no closures, in any zone.
    pub fn is_always(&self) -> bool {
        self.always
    }

    /// Open minutes in a nominal week (no closures, no clock changes).
    pub fn week_open_minutes(&self) -> i64 {
        self.local.week_open() / MINUTE
    }
}

/// Week-relative merged runs back to per-day intervals.
fn split_by_day(runs: &[(i64, i64)]) -> Vec<WeekInterval> {
    let mut out = Vec::new();
    for &(s, e) in runs {
        let mut s = s;
        while s < e {
            let day = s / DAY;
            let day_end = (day + 1) * DAY;
            let end = e.min(day_end);
            out.push(WeekInterval {
                day: weekday_from_index(day),
                start: ((s - day * DAY) / MINUTE) as u16,
                end: ((end - day * DAY) / MINUTE) as u16,
            });
            s = end;
        }
    }
    out
}

impl PartialEq for Calendar {
    /// Same zone, same merged weekly pattern, same closures (dated and recurring).
    fn eq(&self, other: &Calendar) -> bool {
        self.tz == other.tz
            && self.weekly == other.weekly
            && self.closures == other.closures
            && self.recurring == other.recurring
    }
}

impl Eq for Calendar {}
