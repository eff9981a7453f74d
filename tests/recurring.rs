//! Closures that come back every year (`closed every 12-25`, `closed easter+1`):
//! Easter against a second algorithm for every Gregorian year, the clock against a
//! minute-by-minute brute force that reads the rules from their definition, and the
//! skipping E04 searches against the searches that look at every week.

use chrono::{Datelike, Days, NaiveDate, TimeZone, Timelike, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;
use slac::source::SourceMap;
use slac::time::compare::{
    first_deadline_breach, first_deadline_breach_unskipped, first_uncovered,
    first_uncovered_unskipped,
};
use slac::time::maintenance::first_counted_maintenance;
use slac::time::{easter, Calendar, Instant, Recurring, WeekInterval, Yearly, DAY, HOUR, MINUTE};

use crate::calendars::*;
use crate::common::{check_sources, Slac};

/// Gauss's Easter algorithm for the Gregorian calendar, with its two exceptions: a
/// second, independent computation.
#[allow(clippy::many_single_char_names)] // the letters of the published algorithm
fn gauss_easter(y: i32) -> NaiveDate {
    let (a, b, c) = (y % 19, y % 4, y % 7);
    let k = y / 100;
    let p = (13 + 8 * k) / 25;
    let q = k / 4;
    let m = (15 - p + k - q).rem_euclid(30);
    let n = (4 + k - q).rem_euclid(7);
    let d = (19 * a + m) % 30;
    let e = (2 * b + 4 * c + 6 * d + n) % 7;
    let (month, day) = if d == 29 && e == 6 {
        (4, 19)
    } else if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
        (4, 18)
    } else if 22 + d + e <= 31 {
        (3, 22 + d + e)
    } else {
        (4, d + e - 9)
    };
    NaiveDate::from_ymd_opt(y, month as u32, day as u32).expect("a date")
}

#[test]
fn easter_agrees_with_gauss_for_every_gregorian_year_and_known_dates() {
    for y in 1583..=9999 {
        assert_eq!(easter(y), Some(gauss_easter(y)), "{y}");
        assert_eq!(easter(y).map(|d| d.weekday()), Some(Weekday::Sun));
    }
    for (y, d) in [
        (1818, "1818-03-22"),
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2011, "2011-04-24"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter(y), Some(date(d)), "{y}");
    }
    assert_eq!(Yearly::Easter(1).in_year(2026), Some(date("2026-04-06")));
    assert_eq!(Yearly::Easter(-2).in_year(2026), Some(date("2026-04-03")));
    assert_eq!(Yearly::Easter(39).in_year(2027), Some(date("2027-05-06")));
    let leap = Yearly::Fixed { month: 2, day: 29 };
    assert_eq!(leap.in_year(2027), None);
    assert_eq!(leap.in_year(2028), Some(date("2028-02-29")));
    assert_eq!(leap.text(), "every 02-29");
    assert_eq!(Yearly::Easter(-2).text(), "easter-2");
    assert_eq!(Yearly::Easter(0).text(), "easter");
}

/// Closed by a rule, read from its definition: the same month and day, or `n` days
/// after Easter Sunday of the year of that day.
fn brute_closed(rules: &[Recurring], day: NaiveDate, minute: u16) -> bool {
    rules.iter().any(|r| {
        let hit = match r.date {
            Yearly::Fixed { month, day: d } => day.month() == month && day.day() == d,
            Yearly::Easter(n) => {
                let sunday = if n >= 0 {
                    day.checked_sub_days(Days::new(n as u64))
                } else {
                    day.checked_add_days(Days::new(n.unsigned_abs().into()))
                };
                sunday.is_some_and(|s| s == gauss_easter(s.year()))
            }
        };
        hit && r.part.is_none_or(|(s, e)| s <= minute && minute < e)
    })
}

fn brute_is_open(tz: Tz, weekly: &[WeekInterval], rules: &[Recurring], t: Instant) -> bool {
    let wall = t.in_tz(tz).expect("in range").naive_local();
    let minute = (wall.hour() * 60 + wall.minute()) as u16;
    let open = weekly
        .iter()
        .any(|w| w.day == wall.date().weekday() && w.start <= minute && minute < w.end);
    open && !brute_closed(rules, wall.date(), minute)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WINDOW: usize = 8 * 24 * 60;

#[test]
fn recurring_closures_agree_with_minute_by_minute_brute_force() {
    let zones = [PARIS, NEW_YORK, SYDNEY, Tz::UTC];
    let mut rng = Rng(0x0EA5_7E12);
    for case in 0..60 {
        let tz = zones[case % zones.len()];
        let mut weekly = days(&WEEKDAYS, "08:00", "17:00");
        if rng.below(2) == 0 {
            weekly.push(WeekInterval {
                day: Weekday::Sun,
                start: (rng.below(10) * 30) as u16,
                end: 1440,
            });
        }
        // Starts around Easter or Christmas, from 1600 to 9998, with the rules near.
        let year = [2026, 2027, 2028, 2099, 2100, 2400, 1700, 9997][rng.below(8) as usize]
            + rng.below(3) as i32;
        let around = if rng.below(2) == 0 {
            gauss_easter(year)
        } else {
            NaiveDate::from_ymd_opt(year, 12, 24).expect("date")
        };
        let first = around - chrono::Duration::days(rng.below(5) as i64);
        let part = |rng: &mut Rng| {
            (rng.below(2) == 0).then(|| {
                let s = (rng.below(40) * 30) as u16;
                (s, if rng.below(3) == 0 { 1440 } else { s + 240 })
            })
        };
        let mut rules = Vec::new();
        for _ in 0..=rng.below(4) {
            let d = first + chrono::Duration::days(rng.below(8) as i64);
            let date = if rng.below(2) == 0 {
                Yearly::Fixed {
                    month: d.month(),
                    day: d.day(),
                }
            } else {
                Yearly::Easter((d - gauss_easter(d.year())).num_days() as i32)
            };
            rules.push(Recurring {
                date,
                part: part(&mut rng),
            });
        }
        if rng.below(3) == 0 {
            rules.push(Recurring {
                date: Yearly::Fixed { month: 2, day: 29 },
                part: None,
            });
        }
        let cal = Calendar::with_recurring(tz, &weekly, &[], &rules);
        let start = Instant::from(
            tz.from_local_datetime(&first.and_hms_opt(0, 0, 0).expect("midnight"))
                .earliest()
                .expect("exists"),
        )
        .saturating_add(rng.below(24 * 60) as i64 * MINUTE);
        let at = |i: usize| start.saturating_add(i as i64 * MINUTE);
        let mut prefix = vec![0_i64; WINDOW + 1];
        for i in 0..WINDOW {
            prefix[i + 1] = prefix[i] + i64::from(brute_is_open(tz, &weekly, &rules, at(i)));
        }
        let ctx = format!("case {case}: {tz} {rules:?} from {first}");
        for _ in 0..40 {
            let i = rng.below(WINDOW as u64 / 2) as usize;
            let j = i + rng.below((WINDOW - i) as u64 + 1) as usize;
            assert_eq!(
                cal.is_open(at(i)),
                prefix[i + 1] > prefix[i],
                "{ctx} is_open {i}"
            );
            assert_eq!(
                cal.open_time(at(i), at(j)),
                (prefix[j] - prefix[i]) * MINUTE,
                "{ctx} open_time {i}..{j}"
            );
            let dur = 1 + rng.below(3 * 9 * 60) as i64;
            let want = (i + 1..=WINDOW).find(|&k| prefix[k] - prefix[i] == dur);
            let got = cal.deadline(at(i), dur * MINUTE);
            match want {
                Some(k) => assert_eq!(got, Some(at(k)), "{ctx} deadline {i} + {dur}m"),
                None => assert!(
                    got.is_none_or(|u| u > at(WINDOW)),
                    "{ctx} deadline {i} + {dur}m"
                ),
            }
        }
    }
}

#[test]
fn a_recurring_closure_is_the_same_as_its_dated_closures() {
    let rules = [
        Recurring {
            date: Yearly::Easter(1),
            part: None,
        },
        Recurring {
            date: Yearly::Fixed { month: 12, day: 24 },
            part: Some((hm("13:00"), hm("17:00"))),
        },
    ];
    let recurring =
        Calendar::with_recurring(PARIS, &days(&WEEKDAYS, "09:00", "17:00"), &[], &rules);
    let dated = office(
        PARIS,
        &[
            closed("2026-04-06"),
            closed("2027-03-29"),
            closed_part("2026-12-24", "13:00", "17:00"),
            closed_part("2027-12-24", "13:00", "17:00"),
        ],
    );
    let (from, to) = (
        local(PARIS, "2026-01-01 00:00"),
        local(PARIS, "2028-01-01 00:00"),
    );
    assert_eq!(
        recurring.open_intervals(from, to),
        dated.open_intervals(from, to)
    );
    assert_eq!(
        recurring.deadline(local(PARIS, "2027-03-26 16:00"), 4 * HOUR),
        Some(local(PARIS, "2027-03-30 12:00"))
    );
}

/// A calendar in `zone` with a weekly pattern and some recurring rules.
fn cal(zone: Tz, weekly: &[(u8, u16, u16)], widen: (u16, u16), rules: &[Recurring]) -> Calendar {
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
    Calendar::with_recurring(zone, &intervals, &[], rules)
}

fn rule() -> impl Strategy<Value = Recurring> {
    (
        prop_oneof![
            (1..13_u32, 1..29_u32).prop_map(|(month, day)| Yearly::Fixed { month, day }),
            (-3..60_i32).prop_map(Yearly::Easter),
        ],
        prop::option::of((0..1440_u16, 1..600_u16)),
    )
        .prop_map(|(date, part)| Recurring {
            date,
            part: part.map(|(s, l)| (s, (s + l).min(1440))),
        })
}

const ZONES: [Tz; 4] = [PARIS, NEW_YORK, SYDNEY, Tz::UTC];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Windows that hold a recurring closure are remembered by where it lies, so the
    /// searches skip the years that repeat: they must still find the same first breach
    /// and the same first uncovered time as the searches that look at every week.
    #[test]
    fn skipping_agrees_with_searching_every_week_with_recurring_closures(
        zones in (0..ZONES.len(), 0..ZONES.len()),
        weekly in prop::collection::vec((1..128_u8, 0..1440_u16, 30..900_u16), 1..3),
        widen in (0..180_u16, 0..180_u16),
        ours in prop::collection::vec(rule(), 0..3),
        theirs in prop::collection::vec(rule(), 0..3),
        our_dur in prop_oneof![(1..600_i64).prop_map(|m| m * MINUTE), (1..5000_i64).prop_map(|m| m * MINUTE)],
        shorter in 0..120_i64,
        start in prop_oneof![Just(2026), Just(2097), Just(2300)],
        years in 1..6_i64,
    ) {
        let a = cal(ZONES[zones.0], &weekly, (0, 0), &ours);
        let b = cal(ZONES[zones.1], &weekly, widen, &theirs);
        let from = utc(&format!("{start}-01-01 00:00"));
        let to = from.saturating_add(years * 366 * DAY);
        let (da, db) = (our_dur, (our_dur - shorter * MINUTE).max(0));
        let mut at = from;
        for _ in 0..3 {
            let expected = first_deadline_breach_unskipped(&a, da, &b, db, at, to);
            prop_assert_eq!(first_deadline_breach(&a, da, &b, db, at, to), expected);
            prop_assert_eq!(
                first_uncovered(&a, &b, at, to),
                first_uncovered_unskipped(&a, &b, at, to)
            );
            match expected {
                Some(found) if found.opened < to => at = found.opened.saturating_add(DAY),
                _ => break,
            }
        }
    }
}

fn french() -> Vec<Recurring> {
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

#[test]
fn recurring_closures_to_9999_are_compared_without_searching_every_year() {
    // Theirs is open around the clock on weekdays but for the same holidays: backed
    // every year to 9999, which the searches must establish without a search per year.
    let ours = Calendar::with_recurring(PARIS, &days(&WEEKDAYS, "08:00", "17:00"), &[], &french());
    let theirs =
        Calendar::with_recurring(PARIS, &days(&WEEKDAYS, "00:00", "24:00"), &[], &french());
    let from = local(PARIS, "2026-01-01 00:00");
    let to = local(PARIS, "9999-12-31 00:00");
    let t = std::time::Instant::now();
    assert_eq!(first_uncovered(&ours, &theirs, from, to), None);
    assert_eq!(
        first_deadline_breach(&ours, 8 * HOUR, &theirs, 8 * HOUR, from, to),
        None
    );
    // Generous for a debug build on a busy machine; a search per week would take minutes.
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    // A leap day only theirs is closed on: first on a weekday in 2028 (a Tuesday).
    let mut leap = french();
    leap.push(Recurring {
        date: Yearly::Fixed { month: 2, day: 29 },
        part: None,
    });
    let theirs = Calendar::with_recurring(PARIS, &days(&WEEKDAYS, "00:00", "24:00"), &[], &leap);
    assert_eq!(
        first_uncovered(&ours, &theirs, from, to),
        Some((
            local(PARIS, "2028-02-29 08:00"),
            local(PARIS, "2028-02-29 17:00")
        ))
    );
}

fn check(text: &str) -> Vec<String> {
    let mut map = SourceMap::new();
    map.add("r.sla".to_string(), "r.sla", text.to_string());
    check_sources(&map)
        .iter()
        .filter(|d| d.code != slac::diag::Code::W0504)
        .map(|d| format!("{:?} {}", d.code, d.message))
        .collect()
}

#[test]
fn recurring_forms_parse_and_bad_days_are_e0103() {
    let ok = "calendar c {\n  mon-fri 09:00-17:00\n  closed every 12-25 \"Christmas Day\"\n  \
              closed every 02-29\n  closed easter+1\n  closed easter-2 13:00-17:00\n  closed easter\n}\n";
    assert_eq!(check(ok), Vec::<String>::new());
    for (bad, what) in [
        ("closed every 02-30", "`02-30` is not a day of the year"),
        ("closed every 13-01", "`13-01` is not a day of the year"),
        ("closed easter+400", "`easter+400` is too far from Easter"),
    ] {
        let got = check(&format!(
            "calendar c {{\n  mon-fri 09:00-17:00\n  {bad}\n}}\n"
        ));
        assert_eq!(got, vec![format!("E0103 {what}")], "{bad}");
    }
    let got = check("calendar c {\n  closed every 12-25 17:00-09:00\n}\n");
    assert!(got.iter().any(|d| d.starts_with("E0104")), "{got:?}");
}

#[test]
fn closures_meet_dated_ones_through_the_year() {
    // Dated and recurring closures together: the union.
    let cal = Calendar::with_recurring(
        PARIS,
        &days(&WEEKDAYS, "09:00", "17:00"),
        &[closed("2026-12-28")],
        &[Recurring {
            date: Yearly::Fixed { month: 12, day: 25 },
            part: None,
        }],
    );
    assert_eq!(
        cal.deadline(local(PARIS, "2026-12-24 16:00"), 2 * HOUR),
        Some(local(PARIS, "2026-12-29 10:00"))
    );
    assert_eq!(cal.closures(), &[closed("2026-12-28")]);
    assert_eq!(cal.recurring().len(), 1);
}

/// W0407's search the way it was asked before: every interval of their maintenance
/// outside ours, listed, then tested in order.
fn maintenance_listed(
    maint: &Calendar,
    own: &Calendar,
    counted: &[&Calendar],
    from: Instant,
    to: Instant,
) -> Option<(Instant, usize)> {
    maint
        .uncovered_by(own, from, to)
        .iter()
        .find_map(|&(x0, x1)| {
            counted
                .iter()
                .position(|c| c.open_time(x0, x1) > 0)
                .map(|d| (x0, d))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The maintenance search skips windows by shape too: with recurring closures on
    /// their maintenance calendars it finds what listing every interval finds.
    #[test]
    fn maintenance_search_agrees_with_listing_with_recurring_closures(
        zones in (0..ZONES.len(), 0..ZONES.len()),
        weekly in prop::collection::vec((1..128_u8, 0..1440_u16, 30..900_u16), 1..3),
        widen in (0..180_u16, 0..180_u16),
        theirs in prop::collection::vec(rule(), 0..3),
        ours in prop::collection::vec(rule(), 1..3),
        start in prop_oneof![Just(2026), Just(2098)],
        years in 1..5_i64,
    ) {
        let maint = cal(ZONES[zones.0], &weekly, widen, &theirs);
        let own = cal(ZONES[zones.1], &weekly, widen, &ours);
        let counted_a = cal(ZONES[zones.1], &weekly, (widen.1, 0), &[]);
        let counted_b = office(ZONES[zones.0], &[]);
        let counted = [&counted_a, &counted_b];
        let from = utc(&format!("{start}-01-01 00:00"));
        let to = from.saturating_add(years * 366 * DAY);
        prop_assert_eq!(
            first_counted_maintenance(&maint, Some(&own), &counted, from, to),
            maintenance_listed(&maint, &own, &counted, from, to)
        );
    }
}

const PORTFOLIO: &str = r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
  closed every 12-25 "Christmas Day"
  closed every 12-24 13:00-17:00 "Christmas Eve afternoon"
  closed easter+1 "Easter Monday"
}
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  valid from 2026-01-01 to 2028-12-31
  availability { target 99.9% window month during office }
  latency 99% within 300ms per month
  support {
    during office
    incident p1 { response 1h resolve 8h }
  }
}
"#;

fn build(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("p.sla");
    std::fs::write(&input, text).expect("write");
    let out = dir.path().join("out");
    let run = Slac::new()
        .args([
            "build",
            input.to_str().expect("path"),
            "--out",
            out.to_str().expect("path"),
            "--today",
            "2026-11-26",
        ])
        .run();
    run.assert_code(0);
    (dir, out)
}

#[test]
fn documents_list_recurring_closures_for_each_year_of_validity() {
    let (_dir, out) = build(PORTFOLIO);
    let md = std::fs::read_to_string(out.join("internal/markdown/api_sla.md")).expect("markdown");
    for row in [
        "| 6 April 2026 | Monday | all day | Easter Monday |",
        "| 29 March 2027 | Monday | all day | Easter Monday |",
        "| 17 April 2028 | Monday | all day | Easter Monday |",
        "| 24 December 2026 | Thursday | 13:00\\-17:00 | Christmas Eve afternoon |",
        "| 25 December 2028 | Monday | all day | Christmas Day |",
    ] {
        assert!(md.contains(row), "{row} missing from\n{md}");
    }
    assert!(!md.contains("2029"), "{md}");
    assert!(!md.contains("2025"), "{md}");
}

#[test]
fn alertmanager_repeats_fixed_days_and_lists_easter_per_year() {
    let (_dir, out) = build(PORTFOLIO);
    let yml = std::fs::read_to_string(out.join("alertmanager/time_intervals.yml")).expect("yml");
    let closed = &yml[yml.find("office:closed").expect("closed interval")..];
    assert!(
        closed.contains(
            "      # every 12-25: Christmas Day\n      - months: [\"december\"]\n        days_of_month: [\"25\"]\n        location: \"Europe/Paris\"\n"
        ),
        "{closed}"
    );
    assert!(
        closed.contains(
            "      # every 12-24: Christmas Eve afternoon\n      - months: [\"december\"]\n        days_of_month: [\"24\"]\n        times:\n          - start_time: \"13:00\"\n            end_time: \"17:00\"\n"
        ),
        "{closed}"
    );
    // Easter from the year of --today to the last year in force.
    for (y, m, d) in [(2026, "april", 6), (2027, "march", 29), (2028, "april", 17)] {
        let entry = format!(
            "      - years: [\"{y}\"]\n        months: [\"{m}\"]\n        days_of_month: [\"{d}\"]\n"
        );
        assert!(closed.contains(&entry), "{entry} missing from\n{closed}");
    }
    assert!(!closed.contains("2029"), "{closed}");
}

#[test]
fn diff_compares_recurring_closures_by_the_time_they_close() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old.sla");
    let new = dir.path().join("new.sla");
    // Old: two dated Christmases; new: Christmas every year, which closes more.
    let dated = PORTFOLIO
        .replace(
            "  closed every 12-25 \"Christmas Day\"\n",
            "  closed 2026-12-25 \"Christmas Day\"\n  closed 2027-12-25 \"Christmas Day\"\n  closed 2028-12-25\n",
        );
    std::fs::write(&old, &dated).expect("write");
    std::fs::write(&new, PORTFOLIO).expect("write");
    let run = Slac::new()
        .args(["diff", old.to_str().expect("p"), new.to_str().expect("p")])
        .run();
    let text = run.stdout;
    assert!(text.contains("closed: added every 12-25"), "{text}");
    assert!(text.contains("closed: removed 2026-12-25"), "{text}");
    // Less open time: the support clock runs less, a loosening.
    assert!(text.contains("loosened   support during"), "{text}");
    // The same closures written either way: no change.
    let run = Slac::new()
        .args(["diff", new.to_str().expect("p"), new.to_str().expect("p")])
        .run();
    assert!(run.stdout.contains("no changes") || run.status.code() == Some(0));
}
