//! The clock comparisons behind E0402 and E0403, one agreement pair at a time.
//!
//! `cargo bench --bench e04_clock`: an office-hours SLA (Europe/Paris, mon-fri
//! 08:00-12:00 and 13:00-17:00, 20 holidays a year) against an OLA on another
//! office calendar (Europe/London) over a two-year overlap. The backed pair
//! has no breach, so the whole two years are examined: the worst case of a
//! check. The breached pair stops at its first breach, as the checker does.
//! Minute stepping over the same two years is there for scale.
//!
//! The far-future worst cases of issue 14: one pair valid from 2026 to
//! 9999-12-31 with closures in 9999 (8,000 years between), and whole
//! `slac check` runs of `slac::synth::far_pairs`: 20 such pairs in one file,
//! and 400 pairs on 800 distinct calendars.
//!
//! Recurring closures (issue 15.6): the eleven French public holidays every year
//! (`every MM-DD` and `easter+N`) on both calendars of a pair to 9999-12-31.

use std::hint::black_box;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use slac::time::compare::{first_deadline_breach, first_uncovered};
use slac::time::maintenance::first_counted_maintenance;
use slac::time::{Calendar, Closure, Instant, Recurring, WeekInterval, Yearly, DAY, HOUR, MINUTE};

/// 2026-01-01T00:00Z.
const START: i64 = 1_767_225_600_000;
const TWO_YEARS: i64 = 730 * DAY;

fn weekdays(tz: Tz, hours: &[(u16, u16)], holidays: &[Closure]) -> Calendar {
    let mut weekly = Vec::new();
    for day in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ] {
        for &(start, end) in hours {
            weekly.push(WeekInterval {
                day,
                start: start * 60,
                end: end * 60,
            });
        }
    }
    Calendar::new(tz, &weekly, holidays)
}

/// 20 weekday holidays a year, 2025 to 2029: every 18th day, moved off
/// weekends (the same set as the clock bench).
fn holidays() -> Vec<Closure> {
    let mut out = Vec::new();
    for year in 2025..2030 {
        for k in 0..20 {
            let Some(mut date) = NaiveDate::from_yo_opt(year, 1 + k * 18) else {
                continue;
            };
            while date.weekday().number_from_monday() > 5 {
                date = date.succ_opt().unwrap_or(date);
            }
            out.push(Closure { date, part: None });
        }
    }
    out
}

fn sla() -> Calendar {
    weekdays(chrono_tz::Europe::Paris, &[(8, 12), (13, 17)], &holidays())
}

/// London 07:00-18:00 is Paris 08:00-19:00 all year (both follow EU rules).
fn wide_ola() -> Calendar {
    weekdays(chrono_tz::Europe::London, &[(7, 18)], &[])
}

fn office_ola() -> Calendar {
    weekdays(chrono_tz::Europe::London, &[(8, 12), (13, 17)], &holidays())
}

fn window() -> (Instant, Instant) {
    (Instant(START), Instant(START + TWO_YEARS))
}

#[divan::bench]
fn deadline_backed_two_years(bencher: divan::Bencher) {
    let (ours, theirs) = (sla(), wide_ola());
    let (from, to) = window();
    assert_eq!(
        first_deadline_breach(&ours, 8 * HOUR, &theirs, 4 * HOUR, from, to),
        None
    );
    bencher.bench_local(|| {
        first_deadline_breach(
            black_box(&ours),
            black_box(8 * HOUR),
            black_box(&theirs),
            black_box(4 * HOUR),
            from,
            to,
        )
    });
}

#[divan::bench]
fn deadline_breached(bencher: divan::Bencher) {
    let (ours, theirs) = (sla(), office_ola());
    let (from, to) = window();
    assert!(first_deadline_breach(&ours, 4 * HOUR, &theirs, 4 * HOUR, from, to).is_some());
    bencher.bench_local(|| {
        first_deadline_breach(
            black_box(&ours),
            black_box(4 * HOUR),
            black_box(&theirs),
            black_box(4 * HOUR),
            from,
            to,
        )
    });
}

#[divan::bench]
fn uncovered_backed_two_years(bencher: divan::Bencher) {
    let (ours, theirs) = (sla(), wide_ola());
    let (from, to) = window();
    assert_eq!(first_uncovered(&ours, &theirs, from, to), None);
    bencher.bench_local(|| first_uncovered(black_box(&ours), black_box(&theirs), from, to));
}

/// What the check would cost stepping minute by minute (the test oracle).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn minute_stepping_backed_two_years(bencher: divan::Bencher) {
    let (ours, theirs) = (sla(), wide_ola());
    let (from, to) = window();
    bencher.bench_local(|| {
        let mut t = from.0;
        while t < to.0 {
            let a = ours.deadline(Instant(t), black_box(8 * HOUR));
            let b = theirs.deadline(Instant(t), black_box(4 * HOUR));
            if b > a {
                return Some(t);
            }
            t += MINUTE;
        }
        None
    });
}

/// One far-future pair: Paris office hours closed 9999-12-24 against New
/// York hours that cover them all year, closed 9999-12-27, from 2026-01-01
/// to 9999-12-31. E0403 finds the closed Monday; E0402 the first ticket that
/// runs into it.
fn far_pair() -> (Calendar, Calendar, Instant, Instant) {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let ours = weekdays(
        chrono_tz::Europe::Paris,
        &[(9, 17)],
        &[Closure {
            date: date(9999, 12, 24),
            part: None,
        }],
    );
    let theirs = weekdays(
        chrono_tz::America::New_York,
        &[(2, 12)],
        &[Closure {
            date: date(9999, 12, 27),
            part: None,
        }],
    );
    // 2026-01-01T00:00Z and 9999-12-31T00:00Z.
    (ours, theirs, Instant(START), Instant(253_402_214_400_000))
}

#[divan::bench]
fn far_future_pair_uncovered(bencher: divan::Bencher) {
    let (ours, theirs, from, to) = far_pair();
    assert!(
        first_uncovered(&ours, &theirs, from, to).is_some_and(|(a, _)| a.0 > 253_000_000_000_000)
    );
    bencher.bench_local(|| first_uncovered(black_box(&ours), black_box(&theirs), from, to));
}

#[divan::bench]
fn far_future_pair_deadline(bencher: divan::Bencher) {
    let (ours, theirs, from, to) = far_pair();
    let found = first_deadline_breach(&ours, 4 * HOUR, &theirs, 2 * HOUR, from, to);
    assert!(found.is_some_and(|b| b.opened.0 > 253_000_000_000_000));
    bencher.bench_local(|| {
        first_deadline_breach(
            black_box(&ours),
            black_box(4 * HOUR),
            black_box(&theirs),
            black_box(2 * HOUR),
            from,
            to,
        )
    });
}

/// E0402 with durations of about eleven years of office time (100,000 h
/// against 90,000 h) over the far-future overlap, the supporter open wider and
/// never closed: no breach, so every window is searched, each deadline decades
/// ahead.
#[divan::bench(sample_count = 10)]
fn far_future_pair_long_durations(bencher: divan::Bencher) {
    let (ours, _, from, to) = far_pair();
    let theirs = weekdays(chrono_tz::America::New_York, &[(2, 12)], &[]);
    let (a, b) = (100_000 * HOUR, 90_000 * HOUR);
    assert_eq!(first_deadline_breach(&ours, a, &theirs, b, from, to), None);
    bencher.bench_local(|| {
        first_deadline_breach(
            black_box(&ours),
            black_box(a),
            &theirs,
            black_box(b),
            from,
            to,
        )
    });
}

/// W0407 on a far-future pair: their patch window (New York, Sundays 02:00-04:00)
/// is ours every week until our closure on Sunday 9999-12-26, counted on `always`.
#[divan::bench]
fn far_future_maintenance(bencher: divan::Bencher) {
    let sunday = |closures: &[Closure]| {
        Calendar::new(
            chrono_tz::America::New_York,
            &[WeekInterval {
                day: Weekday::Sun,
                start: 120,
                end: 240,
            }],
            closures,
        )
    };
    let theirs = sunday(&[]);
    let ours = sunday(&[Closure {
        date: NaiveDate::from_ymd_opt(9999, 12, 26).expect("date"),
        part: None,
    }]);
    let always = Calendar::always();
    let (_, _, from, to) = far_pair();
    let counted = [&always];
    assert!(
        first_counted_maintenance(&theirs, Some(&ours), &counted, from, to)
            .is_some_and(|(at, _)| at.0 > 253_000_000_000_000)
    );
    bencher.bench_local(|| {
        first_counted_maintenance(black_box(&theirs), Some(&ours), &counted, from, to)
    });
}

fn check_far_pairs(bencher: divan::Bencher, pairs: usize) {
    let mut map = slac::source::SourceMap::new();
    map.add(
        "far.sla".to_string(),
        "far.sla",
        slac::synth::far_pairs(pairs, true),
    );
    let options = slac::compile::Options {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
    };
    bencher.bench_local(|| {
        let checked = slac::compile::check(black_box(&map), &options);
        assert_eq!(checked.diagnostics.len(), pairs);
        checked.diagnostics.len()
    });
}

/// `slac check` of a file of 20 far-future pairs (about 12 KB).
#[divan::bench(sample_count = 10)]
fn check_20_far_future_pairs(bencher: divan::Bencher) {
    check_far_pairs(bencher, 20);
}

/// `slac check` of 400 far-future pairs on 800 distinct calendars: every
/// pair is a question of its own, nothing is memoised across pairs.
#[divan::bench(sample_count = 5)]
fn check_400_pairs_distinct_calendars(bencher: divan::Bencher) {
    check_far_pairs(bencher, 400);
}

fn main() {
    divan::main();
}

/// The French public holidays, every year: eight fixed days and three from Easter.
fn french_holidays() -> Vec<Recurring> {
    let whole = |date| Recurring { date, part: None };
    let mut v: Vec<Recurring> = [
        (1, 1),
        (5, 1),
        (5, 8),
        (7, 14),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    ]
    .iter()
    .map(|&(month, day)| whole(Yearly::Fixed { month, day }))
    .collect();
    v.extend([1, 39, 50].map(|n| whole(Yearly::Easter(n))));
    v
}

/// Paris office hours against Paris weekdays around the clock, both closed on the
/// French public holidays every year, from 2026-01-01 to 9999-12-31: backed all along,
/// so every window is looked at; the holiday weeks recur in a few shapes.
fn recurring_pair() -> (Calendar, Calendar, Instant, Instant) {
    let days = |start, end| -> Vec<WeekInterval> {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .iter()
        .map(|&day| WeekInterval { day, start, end })
        .collect()
    };
    let paris = chrono_tz::Europe::Paris;
    let ours = Calendar::with_recurring(paris, &days(8 * 60, 17 * 60), &[], &french_holidays());
    let theirs = Calendar::with_recurring(paris, &days(0, 24 * 60), &[], &french_holidays());
    (ours, theirs, Instant(START), Instant(253_402_214_400_000))
}

#[divan::bench(sample_count = 5)]
fn recurring_holidays_to_9999_uncovered(bencher: divan::Bencher) {
    let (ours, theirs, from, to) = recurring_pair();
    assert!(first_uncovered(&ours, &theirs, from, to).is_none());
    bencher.bench_local(|| first_uncovered(black_box(&ours), black_box(&theirs), from, to));
}

#[divan::bench(sample_count = 5)]
fn recurring_holidays_to_9999_deadline(bencher: divan::Bencher) {
    let (ours, theirs, from, to) = recurring_pair();
    assert!(first_deadline_breach(&ours, 8 * HOUR, &theirs, 8 * HOUR, from, to).is_none());
    bencher.bench_local(|| {
        first_deadline_breach(
            black_box(&ours),
            black_box(8 * HOUR),
            black_box(&theirs),
            black_box(8 * HOUR),
            from,
            to,
        )
    });
}
