//! Calendar builders shared by the clock tests (`time.rs`, `check_clock.rs`).

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use slac::time::{Calendar, Closure, Instant, WeekInterval};

pub const PARIS: Tz = chrono_tz::Europe::Paris;
pub const NEW_YORK: Tz = chrono_tz::America::New_York;
pub const SYDNEY: Tz = chrono_tz::Australia::Sydney;
pub const LONDON: Tz = chrono_tz::Europe::London;

pub const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];
pub const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

pub fn hm(s: &str) -> u16 {
    let (h, m) = s.split_once(':').expect("HH:MM");
    h.parse::<u16>().expect("hour") * 60 + m.parse::<u16>().expect("minute")
}

pub fn days(ds: &[Weekday], start: &str, end: &str) -> Vec<WeekInterval> {
    ds.iter()
        .map(|&day| WeekInterval {
            day,
            start: hm(start),
            end: hm(end),
        })
        .collect()
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn closed(s: &str) -> Closure {
    Closure {
        date: date(s),
        part: None,
    }
}

pub fn closed_part(s: &str, start: &str, end: &str) -> Closure {
    Closure {
        date: date(s),
        part: Some((hm(start), hm(end))),
    }
}

/// A local wall time in `tz` (the earlier one if it happens twice).
pub fn local(tz: Tz, s: &str) -> Instant {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("datetime");
    Instant::from(tz.from_local_datetime(&naive).earliest().expect("exists"))
}

pub fn utc(s: &str) -> Instant {
    local(Tz::UTC, s)
}

pub fn office(tz: Tz, closures: &[Closure]) -> Calendar {
    Calendar::new(tz, &days(&WEEKDAYS, "09:00", "17:00"), closures)
}
