//! Closures that come back every year: a fixed month and day, or a number of
//! days from Western (Gregorian) Easter. The clock sees them as one dated
//! closure per year of its range.

use chrono::{Days, NaiveDate};

use super::closure::Closure;

/// A day of the year, by rule.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Yearly {
    /// The same month and day every year (`every 12-25`); 02-29 only in leap years.
    Fixed { month: u32, day: u32 },
    /// Easter Sunday plus this many days (`easter+1`, `easter-2`).
    Easter(i32),
}

/// Western Easter Sunday of a Gregorian year: the anonymous algorithm
/// (Meeus/Jones/Butcher). None outside the years chrono can represent.
#[allow(clippy::many_single_char_names)] // the letters of the published algorithm
pub fn easter(year: i32) -> Option<NaiveDate> {
    let y = year;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

impl Yearly {
    /// The date of this rule in `year`, if it has one (02-29 in a common year
    /// has none). An Easter offset may cross into the next or previous year.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        match self {
            Yearly::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            Yearly::Easter(n) => {
                let e = easter(year)?;
                let days = Days::new(u64::from(n.unsigned_abs()));
                if n >= 0 {
                    e.checked_add_days(days)
                } else {
                    e.checked_sub_days(days)
                }
            }
        }
    }

    /// The dates of this rule whose rule year lies in `from..=to`, in order.
    pub fn dates(self, from: i32, to: i32) -> impl Iterator<Item = NaiveDate> {
        (from..=to).filter_map(move |y| self.in_year(y))
    }

    /// The rule as written: `every 12-25`, `easter`, `easter+1`, `easter-2`.
    pub fn text(self) -> String {
        match self {
            Yearly::Fixed { month, day } => format!("every {month:02}-{day:02}"),
            Yearly::Easter(0) => "easter".into(),
            Yearly::Easter(n) => format!("easter{n:+}"),
        }
    }
}

/// A closure that comes back every year: the whole local day, or `part` of it
/// (`[start, end)` in minutes, `end` may be 1440), like [`Closure`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Recurring {
    pub date: Yearly,
    pub part: Option<(u16, u16)>,
}

/// The first and last rule years a calendar expands recurring closures for:
/// the clock's whole range (0001 to 9999) and a year either side, which an
/// Easter offset may reach from.
pub(crate) const YEARS: (i32, i32) = (0, 10_000);

impl Recurring {
    /// One dated closure per year of the clock's range.
    pub(crate) fn expand(self) -> impl Iterator<Item = Closure> {
        let part = self.part;
        self.date
            .dates(YEARS.0, YEARS.1)
            .map(move |date| Closure { date, part })
    }
}
