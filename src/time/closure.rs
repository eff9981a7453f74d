//! A dated closure: what a calendar's `closed` lines and recurring rules become.

use chrono::NaiveDate;

/// A local day off (`part: None`), or part of one: `[start, end)` in minutes,
/// `end` may be 1440.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Closure {
    pub date: NaiveDate,
    pub part: Option<(u16, u16)>,
}
