//! E0402/E0403 over long and far validities (issue 14): the skipping searches
//! of `time::compare` against the searches that look at every week (the
//! previous implementation, kept as the oracle), on random calendars over
//! years, across the daylight-saving changes and the end of chrono-tz's
//! tables in 2099; and whole portfolios valid to 9999-12-31 with closures in
//! 9999, whose diagnostics must be the expected ones.

use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;
use proptest::prelude::*;
use slac::diag::Code;
use slac::source::SourceMap;
use slac::time::compare::{
    first_deadline_breach, first_deadline_breach_unskipped, first_uncovered,
    first_uncovered_unskipped,
};
use slac::time::maintenance::first_counted_maintenance;
use slac::time::{Calendar, Closure, Instant, WeekInterval, DAY, HOUR, MINUTE};

use crate::calendars::*;
use crate::common::check_sources;

const ZONES: [Tz; 6] = [
    PARIS,
    NEW_YORK,
    SYDNEY,
    LONDON,
    Tz::UTC,
    chrono_tz::Asia::Kolkata,
];

/// A closure: days after the start, part of the day.
type Closed = (i64, Option<(u16, u16)>);

#[derive(Clone, Debug)]
struct Spec {
    zones: (usize, usize),
    /// (day mask, start minute, length in minutes) of ours.
    weekly: Vec<(u8, u16, u16)>,
    /// How much wider theirs is, before and after each interval, in minutes.
    widen: (u16, u16),
    /// Closures of each calendar: (days after the start, part of the day).
    closures: (Vec<Closed>, Vec<Closed>),
    our_dur: i64,
    /// Theirs is shorter by this many minutes.
    shorter: i64,
    /// The range: first day (days after 2026-01-01), length in days.
    start: i64,
    len: i64,
}

fn spec() -> impl Strategy<Value = Spec> {
    let closures = || {
        prop::collection::vec(
            (0..1500_i64, prop::option::of((0..1440_u16, 1..600_u16))),
            0..3,
        )
    };
    (
        prop_oneof![
            (0..ZONES.len()).prop_map(|z| (z, z)),
            (0..ZONES.len(), 0..ZONES.len())
        ],
        prop::collection::vec((1..128_u8, 0..1440_u16, 30..900_u16), 1..3),
        (0..180_u16, 0..180_u16),
        (closures(), closures()),
        prop_oneof![
            Just(0_i64),
            (1..600_i64).prop_map(|m| m * MINUTE),
            (1..5000_i64).prop_map(|m| m * MINUTE)
        ],
        0..120_i64,
        prop_oneof![
            0..400_i64,
            // Around the end of chrono-tz's tables (2099) and the clock's (9999).
            Just(26_663_i64),
            26_500..26_900_i64,
            Just(2_918_000_i64),
        ],
        200..1500_i64,
    )
        .prop_map(
            |(zones, weekly, widen, closures, our_dur, shorter, start, len)| Spec {
                zones,
                weekly,
                widen,
                closures,
                our_dur,
                shorter,
                start,
                len,
            },
        )
}

fn calendar(
    zone: Tz,
    weekly: &[(u8, u16, u16)],
    widen: (u16, u16),
    closures: &[Closed],
    first: NaiveDate,
) -> Calendar {
    let mut intervals = Vec::new();
    for &(mask, start, len) in weekly {
        for (i, &day) in ALL_DAYS.iter().enumerate() {
            if mask & (1 << i) != 0 {
                intervals.push(WeekInterval {
                    day,
                    start: start.saturating_sub(widen.0),
                    end: (start + len + widen.1).min(1440),
                });
            }
        }
    }
    let closures: Vec<Closure> = closures
        .iter()
        .filter_map(|&(off, part)| {
            Some(Closure {
                date: first.checked_add_days(chrono::Days::new(off as u64))?,
                part: part.map(|(s, l)| (s, (s + l).min(1440))),
            })
        })
        .collect();
    Calendar::new(zone, &intervals, &closures)
}

fn day_one(days: i64) -> NaiveDate {
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    base.checked_add_days(chrono::Days::new(days as u64))
        .unwrap_or(NaiveDate::from_ymd_opt(9995, 1, 1).expect("date"))
}

fn run(s: &Spec) -> Result<(), TestCaseError> {
    let first = day_one(s.start);
    let ours = calendar(ZONES[s.zones.0], &s.weekly, (0, 0), &s.closures.0, first);
    let theirs = calendar(ZONES[s.zones.1], &s.weekly, s.widen, &s.closures.1, first);
    let from =
        Instant::from(Tz::UTC.from_utc_datetime(&first.and_hms_opt(0, 0, 0).expect("midnight")));
    let to = from.saturating_add(s.len * DAY).min(Instant::MAX);
    let (a, b) = (s.our_dur, (s.our_dur - s.shorter * MINUTE).max(0));
    // From the start, then again a day after each breach: successive questions
    // reach the long backed stretches between the irregular weeks.
    let mut at = from;
    for _ in 0..4 {
        let expected = first_deadline_breach_unskipped(&ours, a, &theirs, b, at, to);
        prop_assert_eq!(
            first_deadline_breach(&ours, a, &theirs, b, at, to),
            expected,
            "deadline from {:?}",
            at
        );
        let gap = first_uncovered_unskipped(&ours, &theirs, at, to);
        prop_assert_eq!(
            first_uncovered(&ours, &theirs, at, to),
            gap,
            "cover from {:?}",
            at
        );
        match expected {
            Some(found) if found.opened < to => at = found.opened.saturating_add(DAY),
            _ => break,
        }
    }
    Ok(())
}

/// W0407 the way it was asked before: every interval of their maintenance outside
/// ours, listed, then tested in order.
fn maintenance_listed(
    maint: &Calendar,
    own: Option<&Calendar>,
    counted: &[&Calendar],
    from: Instant,
    to: Instant,
) -> Option<(Instant, usize)> {
    let pieces = match own {
        Some(own) => maint.uncovered_by(own, from, to),
        None => maint.open_intervals(from, to),
    };
    pieces.iter().find_map(|&(x0, x1)| {
        counted
            .iter()
            .position(|c| c.open_time(x0, x1) > 0)
            .map(|d| (x0, d))
    })
}

fn run_maintenance(s: &Spec, own: bool) -> Result<(), TestCaseError> {
    let first = day_one(s.start);
    // Their maintenance and ours on the same weekly pattern, in two zones, each with its
    // closures: theirs falls outside ours only on our closed days and in the weeks the
    // zones change clocks apart, months or years into the range.
    let maint = calendar(ZONES[s.zones.0], &s.weekly, s.widen, &s.closures.0, first);
    let own_cal = calendar(ZONES[s.zones.1], &s.weekly, s.widen, &s.closures.1, first);
    let counted_a = calendar(ZONES[s.zones.1], &s.weekly, (s.widen.1, 0), &[], first);
    let counted_b = office(ZONES[s.zones.0], &[]);
    let counted = [&counted_a, &counted_b];
    let from =
        Instant::from(Tz::UTC.from_utc_datetime(&first.and_hms_opt(0, 0, 0).expect("midnight")));
    let to = from.saturating_add(s.len * DAY).min(Instant::MAX);
    let own = own.then_some(&own_cal);
    prop_assert_eq!(
        first_counted_maintenance(&maint, own, &counted, from, to),
        maintenance_listed(&maint, own, &counted, from, to)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn skipping_agrees_with_searching_every_week(s in spec()) {
        run(&s)?;
    }

    #[test]
    fn maintenance_search_agrees_with_listing_every_interval(s in spec(), own in any::<bool>()) {
        run_maintenance(&s, own)?;
    }
}

#[test]
fn a_closure_in_9999_is_found_without_walking_the_years() {
    let ours = office(PARIS, &[closed("9999-12-24")]);
    let theirs = Calendar::new(
        NEW_YORK,
        &days(&WEEKDAYS, "02:00", "12:00"),
        &[closed("9999-12-27")],
    );
    let from = local(PARIS, "2026-01-01 00:00");
    let to = local(PARIS, "9999-12-31 00:00");
    // New York opens 02:00-12:00, which is Paris 08:00-18:00 or 07:00-17:00
    // in the weeks the two zones change clocks apart: backed until the
    // Christmas closure on the New York side, Monday 9999-12-27.
    let gap = first_uncovered(&ours, &theirs, from, to);
    assert_eq!(
        gap,
        Some((
            local(PARIS, "9999-12-27 09:00"),
            local(PARIS, "9999-12-27 17:00")
        ))
    );
    let near = local(PARIS, "9999-12-01 00:00");
    assert_eq!(gap, first_uncovered_unskipped(&ours, &theirs, near, to));
    let breach = first_deadline_breach(&ours, 4 * HOUR, &theirs, 2 * HOUR, from, to)
        .expect("the closed Monday breaches");
    assert_eq!(
        Some(breach),
        first_deadline_breach_unskipped(&ours, 4 * HOUR, &theirs, 2 * HOUR, near, to)
    );
    assert_eq!(breach.opened.in_tz(PARIS).map(|t| t.year()), Some(9999));
}

fn codes(text: String) -> Vec<Code> {
    let mut map = SourceMap::new();
    map.add("far.sla".to_string(), "far.sla", text);
    check_sources(&map).iter().map(|d| d.code).collect()
}

#[test]
fn far_future_closures_give_one_e0403_per_pair() {
    // Every pair is backed until the OLA's closure on 9999-12-27: one E0403
    // each (and no E0402 for the same calendars).
    let found = codes(slac::synth::far_pairs(3, true));
    assert_eq!(found, vec![Code::E0403; 3], "{found:?}");
}

#[test]
fn far_validities_without_closures_are_clean() {
    let found = codes(slac::synth::far_pairs(3, false));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn maintenance_outside_ours_only_in_9999_is_found() {
    // Their patch window is ours every Sunday until our closure on Sunday 9999-12-26.
    let text = r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Operations"
service api "API" { owner ops }
calendar patch "Patch" {
  timezone "America/New_York"
  sun 02:00-04:00
}
calendar own_patch "Own patch" {
  timezone "America/New_York"
  sun 02:00-04:00
  closed 9999-12-26 "Far"
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "America/New_York"
  valid from 2026-01-01 to 9999-12-31
  availability { target 99.9% window month }
  latency { target 99% within 300ms window month }
  maintenance { during own_patch }
}
ola ops_ola "Operations OLA" {
  provider ops
  customer ops
  services api
  timezone "America/New_York"
  valid from 2026-01-01 to 9999-12-31
  availability { target 99.95% window month }
  maintenance { during patch }
}
"#;
    let mut map = SourceMap::new();
    map.add("maint.sla".to_string(), "maint.sla", text.to_string());
    let diags = check_sources(&map);
    let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
    // W0507 too: `own_patch` lists a closure in 9999 and none for 2026 to 9998.
    assert_eq!(codes, vec![Code::W0507, Code::W0407], "{diags:?}");
    assert!(
        diags[1].message.contains("Sun 9999-12-26 02:00"),
        "{}",
        diags[1].message
    );
    assert!(
        diags[0]
            .message
            .contains("lists closures for 9999 but none for 2026 to 9998"),
        "{}",
        diags[0].message
    );
}
