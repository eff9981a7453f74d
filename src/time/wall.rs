//! A calendar's openness over a bounded horizon as wall-clock arithmetic, for rule
//! languages without time zones (the Prometheus service-hours gate, docs/monitoring.md).
//!
//! It is the clock's own definition written out: an instant `t` is open when its local
//! time `t + offset(t)` lies in the weekly pattern (measured from a Monday 00:00) and in
//! no closure. Over the horizon the offset is a step function (the offset at its start,
//! then each change inside it), the weekly runs are the merged ones the clock uses, and
//! the closures are those that meet the horizon in local time. Outside the horizon the
//! first or last offset goes on and no closure is known: [`WallClock::is_open`] is the
//! calendar's answer inside the horizon only.

use super::calendar::Calendar;
use super::instant::Instant;
use super::units::{DAY, WEEK};

/// 1969-12-29, a Monday 00:00 three days before the epoch: `(l + MONDAY_SHIFT) mod WEEK`
/// is the position in the week of a local time `l` for every `l` from 1969-12-29 on, with
/// a non-negative dividend (`PromQL`'s `%` keeps the dividend's sign).
pub const MONDAY_SHIFT: i64 = 3 * DAY;

/// See the module docs. All values in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WallClock {
    /// The UTC offset (local minus UTC) at the horizon's start.
    pub offset: i64,
    /// Each change of offset inside the horizon: the instant (ms since the epoch) and
    /// the new offset, in order.
    pub changes: Vec<(i64, i64)>,
    /// The open runs of a week, ms since Monday 00:00 local, merged and in order.
    pub weekly: Vec<(i64, i64)>,
    /// The closures meeting the horizon, local ms since 1970-01-01T00:00 (local),
    /// merged and in order.
    pub closures: Vec<(i64, i64)>,
}

impl Calendar {
    /// The calendar over `[from, to)` as a [`WallClock`].
    pub fn wall_clock(&self, from: Instant, to: Instant) -> WallClock {
        // The clock's range, as every query (time outside it is never asked about).
        let (from, to) = (
            from.0.clamp(Instant::MIN.0, Instant::MAX.0),
            to.0.clamp(Instant::MIN.0, Instant::MAX.0),
        );
        let offset = self.zone.segment(from).offset;
        let mut changes = Vec::new();
        let mut t = from;
        let (mut lo, mut hi) = (offset, offset);
        while let Some((at, o)) = self.zone.next_transition(t, to) {
            changes.push((at, o));
            lo = lo.min(o);
            hi = hi.max(o);
            t = at;
        }
        let weekly = if self.always {
            vec![(0, WEEK)]
        } else {
            self.local.weekly_runs().collect()
        };
        let closures = self.local.closures_meeting(from + lo, to + hi).collect();
        WallClock {
            offset,
            changes,
            weekly,
            closures,
        }
    }
}

impl WallClock {
    /// The offset in force at `t` by the step function.
    pub fn offset_at(&self, t: i64) -> i64 {
        self.changes
            .iter()
            .take_while(|&&(at, _)| at <= t)
            .last()
            .map_or(self.offset, |&(_, o)| o)
    }

    /// Open at `t`, computed as the rule computes it.
    pub fn is_open(&self, t: Instant) -> bool {
        let l = t.0 + self.offset_at(t.0);
        let pos = (l + MONDAY_SHIFT).rem_euclid(WEEK);
        self.weekly.iter().any(|&(s, e)| s <= pos && pos < e)
            && !self.closures.iter().any(|&(s, e)| s <= l && l < e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Closure, WeekInterval, MINUTE};
    use chrono::{NaiveDate, Weekday};

    /// Every 7 minutes across a spring and an autumn clock change and closures, the
    /// arithmetic agrees with the clock.
    #[test]
    fn wall_clock_is_the_calendar_inside_its_horizon() {
        let tz: chrono_tz::Tz = "Europe/Paris".parse().expect("zone");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let mut weekly: Vec<WeekInterval> = [Weekday::Mon, Weekday::Tue, Weekday::Wed]
            .into_iter()
            .map(|day| WeekInterval {
                day,
                start: 9 * 60,
                end: 17 * 60,
            })
            .collect();
        weekly.push(WeekInterval {
            day: Weekday::Sun,
            start: 0,
            end: 1440,
        });
        weekly.push(WeekInterval {
            day: Weekday::Sat,
            start: 22 * 60,
            end: 1440,
        });
        let closures = [
            Closure {
                date: day(2026, 4, 6),
                part: None,
            },
            Closure {
                date: day(2026, 3, 29),
                part: Some((1, 4 * 60)),
            },
            Closure {
                date: day(2026, 10, 25),
                part: Some((120, 180)),
            },
        ];
        let cal = Calendar::new(tz, &weekly, &closures);
        for (from, to) in [
            (1_772_323_200_000, 1_777_593_600_000), // March–April 2026
            (1_790_000_000_000, 1_794_000_000_000), // October–November 2026
        ] {
            let w = cal.wall_clock(Instant(from), Instant(to));
            assert_eq!(w.changes.len(), 1, "{w:?}");
            let mut t = from;
            while t < to {
                assert_eq!(w.is_open(Instant(t)), cal.is_open(Instant(t)), "at {t}");
                t += 7 * MINUTE;
            }
        }
        // Past the horizon: the weekly hours at the last offset, no closure known.
        // Easter Monday 2026, 10:00 in Paris (08:00 UTC), after a horizon of March.
        let w = cal.wall_clock(Instant(1_772_323_200_000), Instant(1_775_001_600_000));
        let easter_monday = Instant(1_775_462_400_000);
        assert!(!cal.is_open(easter_monday) && w.is_open(easter_monday));
    }
}
