//! What an objective allows, in plain time. People misread "99.9%": the documents say
//! how much downtime that is, computed exactly (decimal arithmetic, rounded down to whole
//! seconds) over the real length of the window, or over the open time of the objective's
//! `during` calendar when downtime only counts in service hours.

use super::format::{allowance_ms, duration, percent, period};
use crate::model::{Calendar, Objective, ObjectiveKind, Window};
use crate::time::{Instant, DAY, WEEK};
use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;
use rust_decimal::Decimal;

/// "per month", "over any rolling 28 days".
pub fn window_words(w: Window) -> String {
    match w {
        Window::Week => "per week".into(),
        Window::Month => "per month".into(),
        Window::Quarter => "per quarter".into(),
        Window::Year => "per year".into(),
        Window::Rolling(ms) => format!("over any rolling {}", period(ms)),
    }
}

/// The sentence after "99.9% per month: ".
pub fn allows(o: &Objective, cal: &Calendar, tz: Tz, year: i32) -> String {
    let Some(target) = o.target.as_ref().map(|t| t.value) else {
        return "no target stated".into();
    };
    let rest = Decimal::ONE_HUNDRED - target;
    match o.kind {
        ObjectiveKind::Availability if cal.clock.is_always() => always(target, o.window()),
        ObjectiveKind::Availability => in_hours(target, o.window(), cal, tz, year),
        ObjectiveKind::Latency => {
            let within = o
                .within_ms
                .as_ref()
                .map_or_else(String::new, |w| duration(w.value));
            format!(
                "at least {} of requests are served within {within}; at most {} may take longer",
                percent(target),
                percent(rest.normalize())
            )
        }
        ObjectiveKind::Outcome => format!(
            "at least {} of “{}” succeed; at most {} may fail",
            percent(target),
            o.id,
            percent(rest.normalize())
        ),
    }
}

/// Downtime that counts at any hour: the window's real lengths.
fn always(target: Decimal, w: Window) -> String {
    let at = |days: i64| duration(allowance_ms(target, days * DAY));
    match w {
        Window::Month => format!(
            "at most {} of downtime in a 30-day month, {} in a 31-day month",
            at(30),
            at(31)
        ),
        Window::Quarter => format!(
            "at most {} of downtime in a 90-day quarter, {} in a 92-day quarter",
            at(90),
            at(92)
        ),
        Window::Year => format!(
            "at most {} of downtime in a 365-day year, {} in a leap year",
            at(365),
            at(366)
        ),
        Window::Week => format!("at most {} of downtime in a week", at(7)),
        Window::Rolling(ms) => format!(
            "at most {} of downtime in any {} window",
            duration(allowance_ms(target, ms)),
            period(ms)
        ),
    }
}

fn midnight(tz: Tz, d: NaiveDate) -> Instant {
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&local).earliest().map_or_else(
        || Instant(local.and_utc().timestamp_millis()),
        Instant::from,
    )
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

/// Downtime that counts only while `cal` is open: the allowance is a share of the open
/// time, which differs month by month (closures, weekdays, clock changes). The documents
/// show the least and the most over the periods of the reference year, naming them.
fn in_hours(target: Decimal, w: Window, cal: &Calendar, tz: Tz, year: i32) -> String {
    let open =
        |from: NaiveDate, to: NaiveDate| cal.clock.open_time(midnight(tz, from), midnight(tz, to));
    let hours = |ms: i64| duration(ms - ms % 60_000);
    let spread = |periods: Vec<(String, i64)>, noun: &str| {
        let (lo, hi) = least_and_most(&periods);
        let first = format!(
            "{} of downtime in {} ({} of service hours)",
            duration(allowance_ms(target, lo.1)),
            lo.0,
            hours(lo.1)
        );
        if lo.1 == hi.1 {
            format!("at most {first}, the same in every {noun} of {year}")
        } else {
            format!(
                "at most {first} and {} in {} ({}), the {noun}s of {year} with the fewest and the most service hours",
                duration(allowance_ms(target, hi.1)),
                hi.0,
                hours(hi.1)
            )
        }
    };
    match w {
        Window::Month => {
            let months = (1..=12)
                .map(|m| {
                    let from = first_of(year, m);
                    let to = if m == 12 {
                        first_of(year + 1, 1)
                    } else {
                        first_of(year, m + 1)
                    };
                    (from.format("%B %Y").to_string(), open(from, to))
                })
                .collect();
            spread(months, "month")
        }
        Window::Quarter => {
            let quarters = (0..4)
                .map(|q| {
                    let from = first_of(year, q * 3 + 1);
                    let to = if q == 3 {
                        first_of(year + 1, 1)
                    } else {
                        first_of(year, q * 3 + 4)
                    };
                    (format!("Q{} {year}", q + 1), open(from, to))
                })
                .collect();
            spread(quarters, "quarter")
        }
        Window::Year => {
            let from = first_of(year, 1);
            spread(
                vec![(year.to_string(), open(from, first_of(year + 1, 1)))],
                "year",
            )
        }
        Window::Week => {
            let week = cal.clock.week_open_minutes() * 60_000;
            format!(
                "at most {} of downtime in a week without closures ({} of service hours)",
                duration(allowance_ms(target, week)),
                hours(week)
            )
        }
        Window::Rolling(ms) => {
            // A typical stretch: the weekly hours pro rata, closures left out.
            let open = i64::try_from(
                i128::from(cal.clock.week_open_minutes() * 60_000) * i128::from(ms)
                    / i128::from(WEEK),
            )
            .unwrap_or(i64::MAX);
            format!(
                "at most {} of downtime in a {} window without closures (about {} of service hours)",
                duration(allowance_ms(target, open)),
                period(ms),
                hours(open)
            )
        }
    }
}

/// The first period with the least and the first with the most open time.
fn least_and_most(periods: &[(String, i64)]) -> (&(String, i64), &(String, i64)) {
    let mut lo = &periods[0];
    let mut hi = &periods[0];
    for p in periods {
        if p.1 < lo.1 {
            lo = p;
        }
        if p.1 > hi.1 {
            hi = p;
        }
    }
    (lo, hi)
}

/// The year the business-hours allowance is shown for: the first year of validity, else
/// the year of `--today`.
pub fn reference_year(valid_from: Option<NaiveDate>, today: NaiveDate) -> i32 {
    valid_from.unwrap_or(today).year()
}
