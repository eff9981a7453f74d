//! Clock throughput.
//!
//! `cargo bench --bench clock` runs the divan benchmarks: deadlines and open
//! time on an office calendar (Europe/Paris, mon-fri 08:00-12:00 and
//! 13:00-17:00, 20 holidays a year), random starts over two years, durations
//! 15 minutes to 40 hours.
//!
//! `SLAC_QUERIES=path cargo bench --bench clock` instead times the queries
//! in that file (written by `benches/businesstimedelta_compare.py`, so both
//! tools answer the very same queries) and prints the rate; with
//! `SLAC_OUT=path` it also writes one deadline (ms since the epoch) a line.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant as Clock;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use slac::time::{Calendar, Closure, Instant, WeekInterval, MINUTE};

const QUERIES: usize = 10_000;
/// 2026-01-01T00:00Z.
const START: i64 = 1_767_225_600_000;

/// `SplitMix64`, so every run measures the same queries.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn office(tz: Tz, holidays: &[Closure]) -> Calendar {
    let mut weekly = Vec::new();
    for day in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ] {
        weekly.push(WeekInterval {
            day,
            start: 8 * 60,
            end: 12 * 60,
        });
        weekly.push(WeekInterval {
            day,
            start: 13 * 60,
            end: 17 * 60,
        });
    }
    Calendar::new(tz, &weekly, holidays)
}

/// 20 weekday holidays a year, 2025 to 2029: every 18th day, moved off
/// weekends.
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

fn queries() -> Vec<(Instant, i64)> {
    let mut rng = Rng(42);
    (0..QUERIES)
        .map(|_| {
            let from = START + rng.below(2 * 365 * 24 * 60 * 60_000) as i64;
            let dur = (1 + rng.below(160) as i64) * 15 * MINUTE;
            (Instant(from), dur)
        })
        .collect()
}

#[divan::bench]
fn deadline(bencher: divan::Bencher) {
    let cal = office(chrono_tz::Europe::Paris, &holidays());
    let qs = queries();
    bencher
        .counter(divan::counter::ItemsCount::new(qs.len()))
        .bench_local(|| {
            for &(from, dur) in &qs {
                black_box(cal.deadline(black_box(from), black_box(dur)));
            }
        });
}

#[divan::bench]
fn open_time(bencher: divan::Bencher) {
    let cal = office(chrono_tz::Europe::Paris, &holidays());
    // Spans of up to about 3 weeks.
    let qs: Vec<(Instant, Instant)> = queries()
        .into_iter()
        .map(|(from, dur)| (from, from.saturating_add(dur * 9)))
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(qs.len()))
        .bench_local(|| {
            for &(from, to) in &qs {
                black_box(cal.open_time(black_box(from), black_box(to)));
            }
        });
}

#[divan::bench]
fn deadline_10000_hours(bencher: divan::Bencher) {
    let cal = office(chrono_tz::Europe::Paris, &holidays());
    bencher.bench_local(|| cal.deadline(black_box(Instant(START)), 10_000 * 60 * MINUTE));
}

#[divan::bench]
fn open_time_100_years(bencher: divan::Bencher) {
    let cal = office(chrono_tz::Europe::Paris, &holidays());
    let to = Instant(START).saturating_add(100 * 365 * 24 * 60 * MINUTE);
    bencher.bench_local(|| cal.open_time(black_box(Instant(START)), black_box(to)));
}

/// The file format: `tz ZONE`, `holiday YYYY-MM-DD` and `q FROM_MS DUR_MS`
/// lines; the calendar is the office one above in that zone.
fn run_file(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut tz = Tz::UTC;
    let mut closures = Vec::new();
    let mut qs = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("tz"), Some(name), None) => tz = name.parse().map_err(|e| format!("{e}"))?,
            (Some("holiday"), Some(d), None) => closures.push(Closure {
                date: d.parse().map_err(|e| format!("{d}: {e}"))?,
                part: None,
            }),
            (Some("q"), Some(from), Some(dur)) => qs.push((
                Instant(from.parse().map_err(|e| format!("{from}: {e}"))?),
                dur.parse::<i64>().map_err(|e| format!("{dur}: {e}"))?,
            )),
            _ => return Err(format!("bad line: {line}")),
        }
    }
    let cal = office(tz, &closures);
    let mut out = vec![None; qs.len()];
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let clock = Clock::now();
        for (slot, &(from, dur)) in out.iter_mut().zip(&qs) {
            *slot = cal.deadline(black_box(from), black_box(dur));
        }
        best = best.min(clock.elapsed().as_secs_f64());
    }
    println!(
        "slac: {} deadlines in {:.4} s (best of 5): {:.0} queries/s",
        qs.len(),
        best,
        qs.len() as f64 / best
    );
    if let Ok(out_path) = std::env::var("SLAC_OUT") {
        let mut text = String::new();
        for d in &out {
            let _ = writeln!(text, "{}", d.map_or(-1, Instant::millis));
        }
        std::fs::write(&out_path, text).map_err(|e| format!("{out_path}: {e}"))?;
    }
    Ok(())
}

fn main() {
    if let Ok(path) = std::env::var("SLAC_QUERIES") {
        if let Err(e) = run_file(&path) {
            eprintln!("clock bench: {e}");
            std::process::exit(1);
        }
        return;
    }
    divan::main();
}
