//! Support process terms (language.md §5.1): how long a deadline is (open time or
//! business days), when it falls due, how it is said in words, and an escalation's stages
//! added up. One definition each, read by `slac due`, `slac eval`, the checks, the
//! contract, `portfolio.json` and `slac diff`.

use super::portfolio::{DeadlineTerm, Escalation, Support, Target};
use crate::time::{Calendar, Instant, Length};

impl DeadlineTerm {
    /// How long the deadline is: open time, or whole business days.
    pub fn length(&self) -> Length {
        match self.business_days {
            Some(n) => Length::BusinessDays(n),
            None => Length::Open(self.duration_ms.value),
        }
    }
}

impl Support {
    /// The escalation a target follows: its own, else the support block's.
    pub fn escalation_of<'a>(&'a self, target: &'a Target) -> Option<&'a Escalation> {
        target.escalation.as_deref().or(self.escalation.as_deref())
    }
}

impl Escalation {
    /// The open time of all the stages together.
    pub fn total_ms(&self) -> i64 {
        self.stages
            .iter()
            .fold(0i64, |a, s| a.saturating_add(s.duration_ms.value))
    }
}

/// The deadline of a ticket opened at `opened` (plus `rest_ns` nanoseconds, under a
/// millisecond) for a deadline of `days` business days on `cal`: the one definition
/// `slac due` and `slac eval` use. A deadline in business days is a closing time, so the
/// sub-millisecond rest only decides whether the ticket came after the first opening of
/// its day (it counts as the next millisecond).
pub fn business_due(cal: &Calendar, days: u32, opened: Instant, rest_ns: i64) -> Option<Instant> {
    let from = if rest_ns > 0 {
        opened.checked_add(1)?
    } else {
        opened
    };
    cal.business_deadline(from, days)
}

/// The deadline of a ticket opened at `opened` (plus `rest_ns` nanoseconds, under a
/// millisecond) for a deadline of `length` on `cal`, as a whole millisecond and the
/// nanoseconds after it: the one definition `slac due` prints and `slac lsp` shows. A
/// calendar opens and closes on whole seconds, so it is open or closed for all of a
/// millisecond: opened while closed, the clock starts at a whole millisecond; opened
/// inside an open one, the part of it before `opened` is owed at the end (the same rule as
/// the clock of `slac eval`). `None` past the year 9999 or on a calendar never open.
pub fn target_due(
    cal: &Calendar,
    length: Length,
    opened: Instant,
    rest_ns: i64,
) -> Option<(Instant, i64)> {
    match length {
        Length::Open(ms) => open_due(cal, opened, rest_ns, ms),
        Length::BusinessDays(n) => business_due(cal, n, opened, rest_ns)
            .filter(|&t| t < Instant::MAX)
            .map(|t| (t, 0)),
    }
}

fn open_due(cal: &Calendar, opened: Instant, rest_ns: i64, dur_ms: i64) -> Option<(Instant, i64)> {
    let due = cal.deadline(opened, dur_ms)?;
    // An always-open calendar is not bounded by the year 9999; the answer is.
    let within = |at: Instant, ns: i64| (at < Instant::MAX).then_some((at, ns));
    if rest_ns == 0 || !cal.is_open(opened) {
        return within(due, 0);
    }
    let start = if cal.is_open(due) {
        due
    } else {
        cal.next_change(due)?
    };
    within(start, rest_ns)
}

/// `1 business day`, `2 business days`: as written in `.sla` and as every document and
/// report says it.
pub fn business_days_words(n: u32) -> String {
    if n == 1 {
        "1 business day".to_string()
    } else {
        format!("{n} business days")
    }
}

/// A length as written in `.sla`: `4h`, `2 business days`.
pub fn length_written(len: Length) -> String {
    match len {
        Length::Open(ms) => crate::written::duration(ms),
        Length::BusinessDays(n) => business_days_words(n),
    }
}

/// What a business day is, in the words of the contract's definitions and of docs/clock.md.
pub const BUSINESS_DAY_MEANING: &str = "means a day on which the calendar of the support time is open at some time; a time of N Business Days ends when the Service Hours of the N-th Business Day close, and the day a ticket is raised counts as the first only if the ticket is raised before its Service Hours begin";
