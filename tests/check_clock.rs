//! The clock core of E0402 and E0403 against a minute-by-minute brute force
//! from the definition, on worked cases and on random calendars around
//! daylight-saving transitions.

use chrono::{NaiveDate, TimeZone, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;
use slac::time::compare::{
    first_deadline_breach, first_uncovered, latest_start, DeadlineBreach, PairKey,
};
use slac::time::{Calendar, Closure, Instant, WeekInterval, DAY, HOUR, MINUTE};

use crate::calendars::*;

const ZONES: [Tz; 4] = [PARIS, NEW_YORK, SYDNEY, Tz::UTC];

fn breach_at(ours: &Calendar, a: i64, theirs: &Calendar, b: i64, t: i64) -> Option<DeadlineBreach> {
    let ours_due = ours.deadline(Instant(t), a)?;
    let theirs_due = theirs.deadline(Instant(t), b);
    theirs_due
        .is_none_or(|th| th > ours_due)
        .then_some(DeadlineBreach {
            opened: Instant(t),
            ours: ours_due,
            theirs: theirs_due,
        })
}

/// The definition, one minute after another.
fn oracle(
    ours: &Calendar,
    a: i64,
    theirs: &Calendar,
    b: i64,
    from: Instant,
    to: Instant,
) -> Option<DeadlineBreach> {
    let mut t = from.0.div_euclid(MINUTE) * MINUTE;
    if t < from.0 {
        t += MINUTE;
    }
    while t < to.0 {
        if let Some(found) = breach_at(ours, a, theirs, b, t) {
            return Some(found);
        }
        t += MINUTE;
    }
    None
}

/// Runs both and insists they agree, so that every named case is also an
/// oracle check.
fn check(
    ours: &Calendar,
    a: i64,
    theirs: &Calendar,
    b: i64,
    from: Instant,
    to: Instant,
) -> Option<DeadlineBreach> {
    let fast = first_deadline_breach(ours, a, theirs, b, from, to);
    assert_eq!(fast, oracle(ours, a, theirs, b, from, to));
    fast
}

#[test]
fn equal_calendars_and_durations_never_breach() {
    let ours = office(PARIS, &[closed("2026-05-01")]);
    // Built separately, closures given in another order: equal all the same.
    let theirs = office(PARIS, &[closed("2026-05-01"), closed("2026-05-01")]);
    let (from, to) = (
        local(PARIS, "2026-03-23 00:00"),
        local(PARIS, "2026-05-11 00:00"),
    );
    for d in [MINUTE, 4 * HOUR, 40 * HOUR] {
        assert_eq!(check(&ours, d, &theirs, d, from, to), None);
        assert_eq!(check(&ours, d, &theirs, d - MINUTE, from, to), None);
    }
}

#[test]
fn spec_example_same_office_4h_against_5h() {
    let cal = office(PARIS, &[]);
    let from = local(PARIS, "2026-06-08 09:00"); // Monday
    let to = from.saturating_add(14 * DAY);
    assert_eq!(
        check(&cal, 4 * HOUR, &cal, 5 * HOUR, from, to),
        Some(DeadlineBreach {
            opened: from,
            ours: local(PARIS, "2026-06-08 13:00"),
            theirs: Some(local(PARIS, "2026-06-08 14:00")),
        })
    );
    // A ticket opened while closed is late too: the window's first minute.
    let sat = local(PARIS, "2026-06-06 00:00");
    let found = check(&cal, 4 * HOUR, &cal, 5 * HOUR, Instant(sat.0 + 1), to);
    assert_eq!(found.map(|b| b.opened), Some(Instant(sat.0 + MINUTE)));
    assert_eq!(
        found.map(|b| (b.ours, b.theirs)),
        Some((
            local(PARIS, "2026-06-08 13:00"),
            Some(local(PARIS, "2026-06-08 14:00"))
        ))
    );
}

#[test]
fn saturday_hours_not_backed_by_a_weekday_supporter() {
    let ours = Calendar::new(PARIS, &days(&ALL_DAYS[..6], "08:00", "18:00"), &[]);
    let theirs = Calendar::new(PARIS, &days(&WEEKDAYS, "08:00", "18:00"), &[]);
    let from = local(PARIS, "2026-06-08 00:00"); // Monday
    let to = from.saturating_add(14 * DAY);
    // The first ticket late is not opened on Saturday but at Friday 17:01:
    // its last hour runs into Saturday under ours and into Monday under theirs.
    assert_eq!(
        check(&ours, HOUR, &theirs, HOUR, from, to),
        Some(DeadlineBreach {
            opened: local(PARIS, "2026-06-12 17:01"),
            ours: local(PARIS, "2026-06-13 08:01"),
            theirs: Some(local(PARIS, "2026-06-15 08:01")),
        })
    );
    // From Saturday on, the very first minute (due Saturday against Monday).
    let sat = local(PARIS, "2026-06-13 08:00");
    assert_eq!(
        check(&ours, HOUR, &theirs, HOUR, sat, to).map(|b| (b.opened, b.ours, b.theirs)),
        Some((
            sat,
            local(PARIS, "2026-06-13 09:00"),
            Some(local(PARIS, "2026-06-15 09:00"))
        ))
    );
    assert_eq!(
        first_uncovered(&ours, &theirs, from, to),
        Some((sat, local(PARIS, "2026-06-13 18:00")))
    );
}

#[test]
fn london_against_new_york_breaks_in_the_march_dst_gap() {
    let ours = Calendar::new(LONDON, &days(&WEEKDAYS, "09:00", "17:00"), &[]);
    let theirs = Calendar::new(NEW_YORK, &days(&WEEKDAYS, "04:00", "12:00"), &[]);
    let utc = |s| local(Tz::UTC, s);
    // Winter, and summer once both have changed: the same UTC hours.
    assert_eq!(
        check(
            &ours,
            4 * HOUR,
            &theirs,
            4 * HOUR,
            utc("2026-01-05 00:00"),
            utc("2026-03-07 00:00")
        ),
        None
    );
    assert_eq!(
        first_uncovered(
            &ours,
            &theirs,
            utc("2026-01-05 00:00"),
            utc("2026-03-07 00:00")
        ),
        None
    );
    assert_eq!(
        check(
            &ours,
            4 * HOUR,
            &theirs,
            4 * HOUR,
            utc("2026-03-30 00:00"),
            utc("2026-04-20 00:00")
        ),
        None
    );
    // 9-29 March: New York is on summer time, London not yet, so the
    // supporter closes at 16:00 UTC, an hour before us. A ticket at 12:01
    // UTC is due 16:01 for us and only at 08:01 the next day for them.
    let (from, to) = (utc("2026-02-02 00:00"), utc("2026-04-27 00:00"));
    assert_eq!(
        first_deadline_breach(&ours, 4 * HOUR, &theirs, 4 * HOUR, from, to),
        Some(DeadlineBreach {
            opened: utc("2026-03-09 12:01"),
            ours: utc("2026-03-09 16:01"),
            theirs: Some(utc("2026-03-10 08:01")),
        })
    );
    assert_eq!(
        first_uncovered(&ours, &theirs, from, to),
        Some((utc("2026-03-09 16:00"), utc("2026-03-09 17:00")))
    );
    // The autumn week (Europe back on 25 October, the US on 1 November).
    let found = check(
        &ours,
        4 * HOUR,
        &theirs,
        4 * HOUR,
        utc("2026-10-19 00:00"),
        utc("2026-11-09 00:00"),
    );
    assert_eq!(found.map(|b| b.opened), Some(utc("2026-10-26 12:01")));
}

#[test]
fn supporter_holiday_on_a_working_day() {
    let ours = office(PARIS, &[]);
    let theirs = office(PARIS, &[closed("2026-05-13")]); // a Wednesday
    let from = local(PARIS, "2026-05-04 00:00");
    let to = from.saturating_add(14 * DAY);
    // Tuesday afternoon tickets already run into the holiday.
    assert_eq!(
        check(&ours, 4 * HOUR, &theirs, 4 * HOUR, from, to),
        Some(DeadlineBreach {
            opened: local(PARIS, "2026-05-12 13:01"),
            ours: local(PARIS, "2026-05-13 09:01"),
            theirs: Some(local(PARIS, "2026-05-14 09:01")),
        })
    );
    assert_eq!(
        first_uncovered(&ours, &theirs, from, to),
        Some((
            local(PARIS, "2026-05-13 09:00"),
            local(PARIS, "2026-05-13 17:00")
        ))
    );
}

#[test]
fn always_open_supporter_with_a_shorter_clock_backs_anything() {
    // Sunday-night hours that daylight saving time shortens and lengthens.
    let mut weekly = days(&WEEKDAYS, "08:00", "18:00");
    weekly.extend(days(&[Weekday::Sun], "01:00", "04:00"));
    let ours = Calendar::new(PARIS, &weekly, &[closed("2026-10-26")]);
    let always = Calendar::always();
    for (from, to) in [
        (
            local(PARIS, "2026-03-23 00:00"),
            local(PARIS, "2026-04-06 00:00"),
        ),
        (
            local(PARIS, "2026-10-19 00:00"),
            local(PARIS, "2026-11-02 00:00"),
        ),
    ] {
        for d in [MINUTE, 3 * HOUR, 10 * HOUR] {
            assert_eq!(check(&ours, d, &always, d, from, to), None);
            assert_eq!(check(&ours, d, &always, d / 2, from, to), None);
        }
        // A longer one is late as soon as ours is in hours.
        assert!(check(&ours, HOUR, &always, 2 * HOUR, from, to).is_some());
    }
}

#[test]
fn degenerate_inputs() {
    let cal = office(PARIS, &[]);
    let never = Calendar::new(PARIS, &[], &[]);
    let from = local(PARIS, "2026-06-08 09:00");
    let to = from.saturating_add(DAY);
    // Nobody can be late against a clock that never runs out.
    assert_eq!(check(&never, HOUR, &cal, 2 * HOUR, from, to), None);
    // A supporter that never meets a deadline is late at once.
    assert_eq!(
        check(&cal, HOUR, &never, HOUR, from, to),
        Some(DeadlineBreach {
            opened: from,
            ours: local(PARIS, "2026-06-08 10:00"),
            theirs: None,
        })
    );
    assert_eq!(check(&cal, 0, &cal, 0, from, to), None);
    assert_eq!(check(&cal, 0, &never, 0, from, to), None);
    assert_eq!(check(&cal, HOUR, &cal, HOUR, to, from), None);
    assert_eq!(first_deadline_breach(&cal, -1, &cal, HOUR, from, to), None);
    assert_eq!(first_uncovered(&cal, &never, to, from), None);
    assert_eq!(first_uncovered(&never, &cal, from, to), None);
    // Near the end of the clock's range nothing panics.
    let end = Instant::MAX;
    let _ = first_deadline_breach(
        &cal,
        40 * HOUR,
        &never,
        HOUR,
        end.saturating_sub(3 * DAY),
        end,
    );
    let _ = first_deadline_breach(
        &cal,
        HOUR,
        &cal,
        40 * HOUR,
        Instant(i64::MAX - DAY),
        Instant(i64::MAX),
    );
}

#[test]
fn pair_keys_are_plain_values() {
    let key = PairKey::deadline(1_u32, HOUR, 2_u32, HOUR, Instant(0), Instant(DAY));
    let mut memo = std::collections::HashMap::new();
    memo.insert(key, None::<DeadlineBreach>);
    assert!(memo.contains_key(&PairKey::deadline(
        1,
        HOUR,
        2,
        HOUR,
        Instant(0),
        Instant(DAY)
    )));
    assert_ne!(key, PairKey::coverage(1, 2, Instant(0), Instant(DAY)));
}

#[test]
fn latest_start_inverts_the_deadline() {
    let cal = office(PARIS, &[closed("2026-03-30")]);
    let due = local(PARIS, "2026-03-31 10:00");
    // Four hours back from Tuesday 10:00 over a closed Monday: Friday 14:00.
    assert_eq!(
        latest_start(&cal, due, 4 * HOUR, local(PARIS, "2026-03-01 00:00")),
        Some(local(PARIS, "2026-03-27 14:00"))
    );
    assert_eq!(
        latest_start(&cal, due, 4 * HOUR, local(PARIS, "2026-03-31 00:00")),
        None
    );
}

// ---- random calendars against the oracle -------------------------------------------

#[derive(Clone, Debug)]
struct CalSpec {
    zone: usize,
    /// (day mask, start minute, length in minutes)
    weekly: Vec<(u8, u16, u16)>,
    /// (day offset from the window's start, part of the day)
    closures: Vec<(i64, Option<(u16, u16)>)>,
}

fn cal_spec() -> impl Strategy<Value = CalSpec> {
    // Starts near the hours clocks change at are the interesting ones.
    let start = prop_oneof![
        0..1440_u16,
        prop::sample::select(vec![0_u16, 60, 120, 150, 180, 1380])
    ];
    (
        0..4_usize,
        prop::collection::vec((1..128_u8, start, 1..900_u16), 1..4),
        prop::collection::vec(
            (-3..16_i64, prop::option::of((0..1440_u16, 1..600_u16))),
            0..3,
        ),
    )
        .prop_map(|(zone, weekly, closures)| CalSpec {
            zone,
            weekly,
            closures,
        })
}

fn build(spec: &CalSpec, zone: Tz, base: NaiveDate) -> Calendar {
    let mut weekly = Vec::new();
    for &(mask, start, len) in &spec.weekly {
        for (i, &day) in ALL_DAYS.iter().enumerate() {
            if mask & (1 << i) != 0 {
                weekly.push(WeekInterval {
                    day,
                    start,
                    end: (start + len).min(1440),
                });
            }
        }
    }
    let closures: Vec<Closure> = spec
        .closures
        .iter()
        .map(|&(off, part)| Closure {
            date: base + chrono::Duration::days(off),
            part: part.map(|(s, l)| (s, (s + l).min(1440))),
        })
        .collect();
    Calendar::new(zone, &weekly, &closures)
}

/// Sundays of the 2026 transitions in the four zones, and an ordinary week.
fn bases() -> Vec<NaiveDate> {
    [
        "2026-03-08",
        "2026-03-29",
        "2026-04-05",
        "2026-10-04",
        "2026-10-25",
        "2026-11-01",
        "2026-06-14",
    ]
    .iter()
    .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"))
    .collect()
}

#[derive(Clone, Debug)]
struct Case {
    ours: CalSpec,
    theirs: CalSpec,
    /// 0 independent, 1 ours in another zone, 2 ours with one more closure,
    /// 3 always.
    theirs_kind: u8,
    our_dur: i64,
    their_dur: i64,
    base: usize,
    /// Minutes before the base Sunday, and extra milliseconds.
    lead: i64,
    offset_ms: i64,
    len_days: i64,
}

fn case() -> impl Strategy<Value = Case> {
    let dur = prop_oneof![
        1 => Just(0_i64),
        5 => (1..600_i64).prop_map(|m| m * MINUTE),
        5 => (1..4000_i64).prop_map(|m| m * MINUTE),
        5 => (1..200_000_i64).prop_map(|s| s * 1000),
    ];
    (
        cal_spec(),
        cal_spec(),
        0..4_u8,
        dur,
        prop_oneof![Just(0_i64), -120..120_i64, (-3000..10_i64)],
        0..7_usize,
        0..(10 * 1440_i64),
        prop_oneof![Just(0_i64), 0..MINUTE],
        2..15_i64,
    )
        .prop_map(
            |(ours, theirs, theirs_kind, our_dur, delta, base, lead, offset_ms, len_days)| Case {
                ours,
                theirs,
                theirs_kind,
                our_dur,
                their_dur: (our_dur + delta * MINUTE).max(0),
                base,
                lead,
                offset_ms,
                len_days,
            },
        )
}

fn run_case(c: &Case) -> Result<(), TestCaseError> {
    let base = bases()[c.base];
    let ours = build(&c.ours, ZONES[c.ours.zone], base);
    let theirs = match c.theirs_kind {
        0 => build(&c.theirs, ZONES[c.theirs.zone], base),
        1 => build(&c.ours, ZONES[c.theirs.zone], base),
        2 => {
            let mut spec = c.ours.clone();
            spec.closures.extend(c.theirs.closures.first().copied());
            spec.closures.push((c.theirs.zone as i64, None));
            build(&spec, ZONES[c.ours.zone], base)
        }
        _ => Calendar::always(),
    };
    let base_utc =
        Instant::from(Tz::UTC.from_utc_datetime(&base.and_hms_opt(0, 0, 0).expect("midnight")));
    let from = Instant(base_utc.0 - c.lead * MINUTE + c.offset_ms);
    let to = from.saturating_add(c.len_days * DAY);
    let (a, b) = (c.our_dur, c.their_dur);

    // The whole breach map of the window, minute by minute.
    let first = from.0.div_euclid(MINUTE) * MINUTE + if from.0 % MINUTE == 0 { 0 } else { MINUTE };
    let minutes: Vec<i64> = (first..to.0).step_by(MINUTE as usize).collect();
    let map: Vec<Option<DeadlineBreach>> = minutes
        .iter()
        .map(|&t| breach_at(&ours, a, &theirs, b, t))
        .collect();

    // From the window's start, and again from just after each breach ends:
    // every stretch of backed minutes is a separate question.
    let mut starts = vec![(0, from)];
    for i in 1..minutes.len() {
        if map[i - 1].is_some() && map[i].is_none() && starts.len() < 12 {
            starts.push((i, Instant(minutes[i])));
        }
    }
    for (i, start) in starts {
        let expected = map[i..].iter().flatten().next().copied();
        let fast = first_deadline_breach(&ours, a, &theirs, b, start, to);
        prop_assert_eq!(fast, expected, "from {:?}", start);
    }
    prop_assert_eq!(
        first_uncovered(&ours, &theirs, from, to),
        ours.uncovered_by(&theirs, from, to).first().copied()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn agrees_with_minute_by_minute_oracle(c in case()) {
        run_case(&c)?;
    }

    #[test]
    fn latest_start_is_the_back_image_of_the_deadline(
        spec in cal_spec(), base in 0..7_usize, lead in 0..(7 * 1440_i64), d in 1..3000_i64,
    ) {
        let date = bases()[base];
        let cal = build(&spec, ZONES[spec.zone], date);
        let t = Instant::from(Tz::UTC.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))).saturating_sub(lead * MINUTE);
        let dur = d * MINUTE;
        let floor = t.saturating_sub(30 * DAY);
        if let Some(due) = cal.deadline(t, dur) {
            let back = latest_start(&cal, due, dur, floor).expect("t itself qualifies");
            prop_assert!(back >= t);
            prop_assert_eq!(cal.open_time(back, due), dur);
            prop_assert_eq!(cal.deadline(back, dur), Some(due));
            prop_assert!(cal.open_time(Instant(back.0 + 1), due) < dur);
        }
    }
}
