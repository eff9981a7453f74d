//! Business days: a support deadline counted in whole open days of a calendar rather than
//! in open time (docs/clock.md, "Business days").
//!
//! An *open day* is a local date (in the calendar's zone) on which the calendar is open at
//! some instant. A ticket's first business day is the first open day none of whose open
//! time lies before the ticket: the day it is opened counts when it is opened before that
//! day's first opening (or on a closed day), not when it is opened during or after that
//! day's open hours, because the rest of that day is not a whole business day. The
//! deadline of `N business days` is the end of the last open interval of the N-th open
//! day counted so: "within 2 business days" of a ticket opened on Monday at 10:00 is
//! Wednesday at closing time.

use super::calendar::Calendar;
use super::instant::Instant;
use chrono::{Days, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// How long a support deadline is: open time, or whole business days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Length {
    /// Milliseconds of open time on the target's calendar.
    Open(i64),
    /// Whole open days of the target's calendar.
    BusinessDays(u32),
}

impl Calendar {
    /// The deadline of `days` business days for a ticket opened at `from` (see the
    /// module): the closing time of the last open interval of the `days`-th open day
    /// counted from `from`. `days == 0` gives `from`. `None` if the calendar is never open
    /// again or the answer lies past [`Instant::MAX`].
    pub fn business_deadline(&self, from: Instant, days: u32) -> Option<Instant> {
        if days == 0 {
            return Some(from);
        }
        let tz = self.tz;
        let date = local_date(tz, from)?;
        // The day the ticket is opened counts only if none of its open time is past.
        let mut cursor = if self.open_time(day_start(tz, date)?, from) > 0 {
            day_start(tz, date.checked_add_days(Days::new(1))?)?
        } else {
            from
        };
        let mut count = 0;
        loop {
            let open = if self.is_open(cursor) {
                cursor
            } else {
                self.next_change(cursor)?
            };
            let day = local_date(tz, open)?;
            let next_day = day_start(tz, day.checked_add_days(Days::new(1))?)?;
            count += 1;
            if count == days {
                let end = self.open_runs(open, next_day).last()?.1;
                return (end <= Instant::MAX || self.always).then_some(end);
            }
            cursor = next_day;
        }
    }

    /// The first opening of each open day whose first opening lies in `[from, to)`, in
    /// order: the instants just after which a business-day deadline moves to the next day
    /// (`time::compare_days`).
    pub fn day_openings(&self, from: Instant, to: Instant) -> Vec<Instant> {
        let mut out = Vec::new();
        let tz = self.tz;
        let Some(mut date) = local_date(tz, from) else {
            return out;
        };
        while let Some(start) = day_start(tz, date) {
            if start >= to {
                break;
            }
            let Some(next) = date
                .checked_add_days(Days::new(1))
                .and_then(|d| day_start(tz, d))
            else {
                break;
            };
            let first = if self.is_open(start) {
                Some(start)
            } else {
                self.next_change(start).filter(|&t| t < next)
            };
            if let Some(f) = first.filter(|&f| f >= from && f < to) {
                out.push(f);
            }
            date = match date.checked_add_days(Days::new(1)) {
                Some(d) => d,
                None => break,
            };
        }
        out
    }
}

/// The local date of an instant in `tz`.
fn local_date(tz: Tz, t: Instant) -> Option<NaiveDate> {
    t.in_tz(tz).map(|d| d.date_naive())
}

/// The first real instant of a local date: its midnight, or where a clock change that
/// skips midnight lands (tzdb's gaps end on a quarter hour).
pub(crate) fn day_start(tz: Tz, date: NaiveDate) -> Option<Instant> {
    let mut local = date.and_time(NaiveTime::MIN);
    for _ in 0..=96 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return Some(Instant::from(t.with_timezone(&Utc)));
        }
        local = local.checked_add_signed(TimeDelta::minutes(15))?;
    }
    None
}
