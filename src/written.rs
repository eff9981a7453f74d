//! How a value is written: the one place that knows the duration units, the weekday
//! names, times of day and percentages, both to read them (`syntax`) and to print them
//! (check messages, `emit`, `diff`, `eval`, the CLI). Below `syntax` in the layering: it
//! imports only std, chrono and `rust_decimal`, so every module may use it.
//!
//! Other languages stay with the backend that speaks them: the contract's prose durations
//! (`4 h`, `43 min 12 s`: `emit::view::format::duration`), `OpenSLO`'s window shorthand
//! (`1M`, `1Q`: `emit::openslo`) and the words of a syntax error's did-you-mean.

use chrono::Weekday;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The units of `.sla` durations, largest first: read by [`parse_duration`], printed by
/// [`duration`] (and by [`duration_in`] with a slice of it, e.g. `PromQL` without weeks).
pub(crate) const DURATION_UNITS: [(&str, i64); 6] = [
    ("w", 7 * 86_400_000),
    ("d", 86_400_000),
    ("h", 3_600_000),
    ("m", 60_000),
    ("s", 1_000),
    ("ms", 1),
];

/// The longest duration accepted: 10,000 years keeps every sum of instants in range.
pub const MAX_DURATION_MS: i64 = 10_000 * 366 * 86_400_000;

/// Why a duration's text is not one (`syntax::values` says it in words, E0106).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DurationError {
    /// No unit where one is expected.
    NotADuration,
    /// The unit appears twice.
    Repeated(&'static str),
    /// The unit comes after a smaller one.
    OutOfOrder(&'static str),
    /// A number too long to read (or none before a unit).
    NumberTooLong,
    /// Longer than [`MAX_DURATION_MS`].
    TooLong,
    /// All parts zero.
    Zero,
}

/// `1h30m` → milliseconds. Units strictly descending, none repeated, total > 0.
pub(crate) fn parse_duration(text: &str) -> Result<i64, DurationError> {
    let mut rest = text;
    let mut total: i64 = 0;
    let mut last_rank: Option<usize> = None;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (num, after) = rest.split_at(digits);
        // `ms` must be tried before `m`.
        let (rank, unit, factor) = DURATION_UNITS
            .iter()
            .enumerate()
            .filter(|(_, (u, _))| after.starts_with(u))
            .max_by_key(|(_, (u, _))| u.len())
            .map(|(i, (u, f))| (i, *u, *f))
            .ok_or(DurationError::NotADuration)?;
        if let Some(prev) = last_rank {
            if rank == prev {
                return Err(DurationError::Repeated(unit));
            }
            if rank < prev {
                return Err(DurationError::OutOfOrder(unit));
            }
        }
        last_rank = Some(rank);
        let n: i64 = num.parse().map_err(|_| DurationError::NumberTooLong)?;
        total = n
            .checked_mul(factor)
            .and_then(|v| total.checked_add(v))
            .filter(|v| *v <= MAX_DURATION_MS)
            .ok_or(DurationError::TooLong)?;
        rest = &after[unit.len()..];
    }
    if total == 0 {
        return Err(DurationError::Zero);
    }
    Ok(total)
}

/// A duration as people write it in `.sla` files: `1h30m`, `2d`, `300ms` (`0s` for
/// nothing).
pub(crate) fn duration(ms: i64) -> String {
    duration_in(ms, &DURATION_UNITS)
}

/// Milliseconds in the largest-first `units` given (`0s` for nothing).
pub(crate) fn duration_in(ms: i64, units: &[(&str, i64)]) -> String {
    if ms <= 0 {
        return "0s".into();
    }
    let mut rest = ms;
    let mut out = String::new();
    for &(unit, size) in units {
        if rest >= size {
            let _ = write!(out, "{}{unit}", rest / size);
            rest %= size;
        }
    }
    out
}

/// One weekday's names: as written in `.sla` files (`mon`), in full lower case
/// (Alertmanager's `monday`) and as a title (`Monday`, documents).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DayNames {
    pub day: Weekday,
    pub short: &'static str,
    pub long: &'static str,
    pub title: &'static str,
}

/// The weekdays from Monday.
pub(crate) const WEEKDAYS: [DayNames; 7] = [
    DayNames {
        day: Weekday::Mon,
        short: "mon",
        long: "monday",
        title: "Monday",
    },
    DayNames {
        day: Weekday::Tue,
        short: "tue",
        long: "tuesday",
        title: "Tuesday",
    },
    DayNames {
        day: Weekday::Wed,
        short: "wed",
        long: "wednesday",
        title: "Wednesday",
    },
    DayNames {
        day: Weekday::Thu,
        short: "thu",
        long: "thursday",
        title: "Thursday",
    },
    DayNames {
        day: Weekday::Fri,
        short: "fri",
        long: "friday",
        title: "Friday",
    },
    DayNames {
        day: Weekday::Sat,
        short: "sat",
        long: "saturday",
        title: "Saturday",
    },
    DayNames {
        day: Weekday::Sun,
        short: "sun",
        long: "sunday",
        title: "Sunday",
    },
];

/// The names of `d`.
pub(crate) fn day_names(d: Weekday) -> DayNames {
    WEEKDAYS[d.num_days_from_monday() as usize]
}

/// `Weekday::Mon` → `mon`.
pub(crate) fn weekday(d: Weekday) -> &'static str {
    day_names(d).short
}

/// `mon` → `Weekday::Mon`; `None` for anything else.
pub(crate) fn parse_weekday(s: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|n| n.short == s).map(|n| n.day)
}

/// Minutes of a day → `08:00`; 1440 → `24:00`.
pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A percentage exactly as written (`99.90%` keeps its zero): documents quote the
/// agreement.
pub fn percent(p: Decimal) -> String {
    format!("{p}%")
}

/// A percentage without trailing zeros (`99.90` → `99.9%`). Kept apart from [`percent`]
/// on purpose: a change report compares values, so `99.90%` and `99.9%` must read alike.
pub(crate) fn percent_normalized(p: Decimal) -> String {
    format!("{}%", p.normalize())
}

/// "1 file", "3 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_written() {
        assert_eq!(duration(5_400_000), "1h30m");
        assert_eq!(duration(300), "300ms");
        assert_eq!(duration(90_500), "1m30s500ms");
        assert_eq!(duration(14 * 86_400_000), "2w");
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(-5), "0s");
        assert_eq!(duration_in(28 * 86_400_000, &DURATION_UNITS[1..]), "28d");
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000));
        assert_eq!(parse_duration("300ms"), Ok(300));
        assert_eq!(parse_duration("1m30s500ms"), Ok(90_500));
        assert_eq!(parse_duration("30m1h"), Err(DurationError::OutOfOrder("h")));
        assert_eq!(parse_duration("1h1h"), Err(DurationError::Repeated("h")));
        assert_eq!(parse_duration("0m"), Err(DurationError::Zero));
        assert_eq!(parse_duration("5x"), Err(DurationError::NotADuration));
        assert_eq!(
            parse_duration("99999999999999999999w"),
            Err(DurationError::NumberTooLong)
        );
        assert_eq!(
            parse_duration(&format!("{}ms", MAX_DURATION_MS + 1)),
            Err(DurationError::TooLong)
        );
    }

    #[test]
    fn durations_round_trip() {
        // Every combination of units, and a spread of awkward values up to the limit.
        let mut values: Vec<i64> = Vec::new();
        for mask in 1u32..64 {
            let mut ms = 0;
            for (i, (_, size)) in DURATION_UNITS.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    ms += size * (i as i64 + 1);
                }
            }
            values.push(ms);
        }
        let mut x: i64 = 1;
        while x < MAX_DURATION_MS {
            values.extend([x, x + 1, x * 7 - 1, x * 13 + 999]);
            x = x * 3 + 17;
        }
        values.extend([1, 999, 1000, 59_999, 60_000, 604_799_999, MAX_DURATION_MS]);
        for ms in values
            .into_iter()
            .filter(|v| (1..=MAX_DURATION_MS).contains(v))
        {
            let text = duration(ms);
            assert_eq!(parse_duration(&text), Ok(ms), "{ms} printed as {text}");
            // Printing what was read gives the same text back.
            assert_eq!(duration(parse_duration(&text).unwrap()), text);
        }
    }

    #[test]
    fn weekdays_both_ways() {
        let mut d = Weekday::Mon;
        for (i, n) in WEEKDAYS.iter().enumerate() {
            assert_eq!(n.day, d);
            assert_eq!(d.num_days_from_monday() as usize, i);
            assert_eq!(weekday(d), n.short);
            assert_eq!(parse_weekday(n.short), Some(d));
            assert_eq!(day_names(d).long, n.long);
            assert!(n.long.starts_with(n.short));
            assert_eq!(n.title.to_lowercase(), n.long);
            d = d.succ();
        }
        assert_eq!(parse_weekday("monday"), None);
        assert_eq!(parse_weekday("Mon"), None);
    }

    #[test]
    fn times_and_percentages() {
        assert_eq!(hhmm(0), "00:00");
        assert_eq!(hhmm(8 * 60 + 5), "08:05");
        assert_eq!(hhmm(1440), "24:00");
        let p: Decimal = "99.90".parse().unwrap();
        assert_eq!(percent(p), "99.90%");
        assert_eq!(percent_normalized(p), "99.9%");
        assert_eq!(percent_normalized(Decimal::ONE_HUNDRED), "100%");
    }
}
