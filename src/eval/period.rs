//! Reporting periods: a calendar month, quarter or year, placed in an agreement's time
//! zone and measured in real time.

use super::input::Nanos;
use crate::model::Window;
use chrono::{Duration, LocalResult, NaiveDate, TimeZone};
use chrono_tz::Tz;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

/// `YYYY-MM`, `YYYY-Qn` or `YYYY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
    /// Month 1-12, quarter 1-4, or 1 for a year.
    pub index: u32,
}

impl std::str::FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Period, String> {
        let bad = || format!("expected a period such as 2026-11, 2026-Q4 or 2026, found `{s}`");
        let year = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1700..=2200).contains(y))
                .ok_or_else(bad)
        };
        match s.split_once('-') {
            None => Ok(Period {
                kind: PeriodKind::Year,
                year: year(s)?,
                index: 1,
            }),
            Some((y, q)) if q.starts_with('Q') || q.starts_with('q') => {
                let index = match &q[1..] {
                    "1" => 1,
                    "2" => 2,
                    "3" => 3,
                    "4" => 4,
                    _ => return Err(bad()),
                };
                Ok(Period {
                    kind: PeriodKind::Quarter,
                    year: year(y)?,
                    index,
                })
            }
            Some((y, m)) => {
                let index = (m.len() == 2)
                    .then(|| m.parse::<u32>().ok())
                    .flatten()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?;
                Ok(Period {
                    kind: PeriodKind::Month,
                    year: year(y)?,
                    index,
                })
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Month => write!(f, "{}-{:02}", self.year, self.index),
            PeriodKind::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            PeriodKind::Year => write!(f, "{}", self.year),
        }
    }
}

impl Period {
    /// How many months the period lasts (the fee for the period is this many monthly fees).
    pub fn months(&self) -> u32 {
        match self.kind {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    /// `month`, `quarter` or `year`.
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// Is `window` this kind of period?
    pub fn matches(&self, window: Window) -> bool {
        matches!(
            (self.kind, window),
            (PeriodKind::Month, Window::Month)
                | (PeriodKind::Quarter, Window::Quarter)
                | (PeriodKind::Year, Window::Year)
        )
    }

    /// The first day of each month of the period, then the first day after it.
    fn month_starts(&self) -> Vec<NaiveDate> {
        let first = match self.kind {
            PeriodKind::Month => self.index,
            PeriodKind::Quarter => (self.index - 1) * 3 + 1,
            PeriodKind::Year => 1,
        };
        (0..=self.months())
            .filter_map(|k| {
                let m0 = first - 1 + k;
                NaiveDate::from_ymd_opt(self.year + (m0 / 12) as i32, m0 % 12 + 1, 1)
            })
            .collect()
    }

    /// The real instants at which each month of the period starts in `tz`, then the end of
    /// the period: `months() + 1` instants.
    pub fn month_bounds(&self, tz: Tz) -> Vec<Nanos> {
        self.month_starts()
            .into_iter()
            .map(|d| local_midnight(tz, d))
            .collect()
    }

    /// `[start, end)` of the period in `tz`.
    pub fn bounds(&self, tz: Tz) -> (Nanos, Nanos) {
        let b = self.month_bounds(tz);
        (b[0], b[b.len() - 1])
    }
}

/// The instant at which `date` begins in `tz` (the first instant of the day when midnight
/// falls into a clock change's gap).
pub fn local_midnight(tz: Tz, date: NaiveDate) -> Nanos {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    let mut t = midnight;
    for _ in 0..=24 * 60 {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => {
                return saturating_nanos(x.timestamp_nanos_opt(), x.timestamp());
            }
            LocalResult::None => t += Duration::minutes(1),
        }
    }
    let utc = midnight.and_utc();
    saturating_nanos(utc.timestamp_nanos_opt(), utc.timestamp())
}

/// Nanoseconds since the epoch cover the years 1677 to 2262; dates outside (a validity
/// `from 0001-01-01` or `to 9999-12-31`) saturate on their own side of the epoch.
fn saturating_nanos(nanos: Option<i64>, seconds: i64) -> Nanos {
    nanos.unwrap_or(if seconds < 0 { i64::MIN } else { i64::MAX })
}
