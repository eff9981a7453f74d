//! Published SLAs with their own downtime definitions (examples/published/), evaluated
//! by `slac eval` and compared with hand computations from the published tables at and
//! around every tier boundary; and the downtime statements of language.md §4.1.

use crate::common::Slac;
use crate::eval::{agreement, eval_json, sla, OUTAGE_HEADER};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;

/// `slac eval` of one published example for November 2026 (30 days: 2,592,000 s).
fn published(name: &str, outages: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("outages.csv");
    fs::write(&csv, format!("{OUTAGE_HEADER}{outages}")).expect("write csv");
    let example = format!("examples/published/{name}");
    let out = Slac::new()
        .args([
            "eval",
            &example,
            "--period",
            "2026-11",
            "--today",
            "2026-12-01",
            "--outages",
            &csv.to_string_lossy(),
            "--format",
            "json",
        ])
        .run();
    out.assert_code(0);
    serde_json::from_str(&out.stdout).expect("valid JSON")
}

/// One outage of `service` starting 2026-11-10 00:00 UTC lasting `seconds` (may be fractional).
fn outage(service: &str, seconds: &str) -> String {
    let (whole, frac) = seconds.split_once('.').unwrap_or((seconds, "0"));
    let s: i64 = whole.parse().expect("seconds");
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    let day = 10 + h / 24;
    format!(
        "{service},2026-11-10T00:00:00Z,2026-11-{day:02}T{:02}:{m:02}:{sec:02}.{frac}Z,,\n",
        h % 24
    )
}

/// The credit in percent, as the JSON prints it (whole numbers in these tables).
fn credit(report: &Value, sla: &str) -> String {
    agreement(report, sla)["total_percent"].to_string()
}

/// GCE, Instances in Multiple Zones (99.99%; 10% / 25% / 100%), 30-day month:
/// open 2,592,000 s. 99.99% allows 259.2 s; 99.0% is 25,920 s down; 95.0% is 129,600 s.
/// A stretch under one minute does not count at all (`downtime { at least 1m }`).
#[test]
fn gce_multi_zone_tiers_and_the_one_minute_minimum() {
    let cases: &[(&str, &str)] = &[
        // 59.999 s: under one minute, not counted: 100%.
        ("59.999", "0.0"),
        // 60 s: counted in full: 1 − 60/2,592,000 = 99.99769% ≥ 99.99%.
        ("60", "0.0"),
        // 259.2 s: exactly 99.99%: met, no credit.
        ("259.2", "0.0"),
        // 259.3 s: 99.989996…% < 99.99%: 10%.
        ("259.3", "10.0"),
        // 25,920 s: exactly 99.0%: not below 99.0%: 10%.
        ("25920", "10.0"),
        // 25,921 s: below 99.0%: 25%.
        ("25921", "25.0"),
        // 129,600 s: exactly 95.0%: 25%.
        ("129600", "25.0"),
        // 129,601 s: below 95.0%: 100%.
        ("129601", "100.0"),
    ];
    for (seconds, want) in cases {
        let r = published("gce", &outage("multi_zone", seconds));
        assert_eq!(credit(&r, "gce_multi_zone"), *want, "{seconds} s down");
    }
}

/// Short stretches add nothing, however many: ten outages of 59 s leave 100%; ten of
/// 61 s count 610 s: 1 − 610/2,592,000 = 99.97647% < 99.99%: 10%.
#[test]
fn gce_intermittent_downtime_under_a_minute_never_adds_up() {
    let many = |secs: u32| -> String {
        let mut rows = String::new();
        for i in 1..=10 {
            let (m, s) = (secs / 60, secs % 60);
            let _ = writeln!(
                rows,
                "multi_zone,2026-11-{i:02}T00:00:00Z,2026-11-{i:02}T00:{m:02}:{s:02}Z,,"
            );
        }
        rows
    };
    let r = published("gce", &many(59));
    let o = &agreement(&r, "gce_multi_zone")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "0");
    assert_eq!(credit(&r, "gce_multi_zone"), "0.0");
    let r = published("gce", &many(61));
    let o = &agreement(&r, "gce_multi_zone")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "610");
    assert_eq!(credit(&r, "gce_multi_zone"), "10.0");
}

/// GCE, A Single Instance (99.5%; 10% / 25% / 100%): 99.5% allows 12,960 s.
#[test]
fn gce_single_instance_tiers() {
    let cases: &[(&str, &str)] = &[
        ("12960", "0.0"),
        ("12961", "10.0"),
        ("25920", "10.0"),
        ("25921", "25.0"),
        ("129600", "25.0"),
        ("129601", "100.0"),
    ];
    for (seconds, want) in cases {
        let r = published("gce", &outage("single_instance", seconds));
        assert_eq!(credit(&r, "gce_single_instance"), *want, "{seconds} s down");
    }
}

/// Every published example is in canonical layout and checks without errors. Warnings
/// are allowed: a faithful transcription keeps what the published text lacks (Slack states
/// no claim window, W0508, and promises availability only, W0502).
#[test]
fn published_examples_check_clean() {
    let mut dirs: Vec<_> = fs::read_dir("examples/published")
        .expect("examples/published/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let path = dir.to_string_lossy().into_owned();
        let r = Slac::new().args(["fmt", "--check", &path]).run();
        r.assert_code(0);
        let r = Slac::new()
            .args(["check", &path, "--today", "2026-11-26"])
            .run();
        r.assert_code(0);
    }
}

/// `2 of (a, b, c)`: with propagation the service is down only while two members are;
/// one member down alone costs nothing. Zone a down 10:00–12:00, b 11:00–13:00: both
/// 11:00–12:00, 3,600 s of 2,592,000: 99.861%.
#[test]
fn k_of_n_dependency_is_down_while_more_than_n_minus_k_members_are() {
    // The parties' `api` is redefined here with its dependencies (E0201 otherwise): the
    // group is declared on a service of its own that `api` needs.
    let body = "service az_a \"A\"\nservice az_b \"B\"\nservice az_c \"C\"\n\
                service zones \"Zones\" { depends_on 2 of (az_a, az_b, az_c) }\n"
        .to_string();
    let agreement_text =
        sla("  dependency outages count\n  availability 99.99% per month\n  latency 99% within 1s per month")
            .replace("services api", "services api, zones");
    let csv = "az_a,2026-11-10T10:00:00Z,2026-11-10T12:00:00Z,,\n\
               az_b,2026-11-10T11:00:00Z,2026-11-10T13:00:00Z,,\n";
    let r = eval_json(
        &format!("{body}{agreement_text}"),
        "2026-11",
        &[("outages", &format!("{OUTAGE_HEADER}{csv}"))],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "3600", "{r}");
    // Without the statement (and without --propagate) the zones' outages do not count.
    let r = eval_json(
        &format!(
            "{body}{}",
            agreement_text.replace("  dependency outages count\n", "")
        ),
        "2026-11",
        &[("outages", &format!("{OUTAGE_HEADER}{csv}"))],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "0", "{r}");
    // `do not count` wins over --propagate.
    let r = eval_json(
        &format!(
            "{body}{}",
            agreement_text.replace("outages count", "outages do not count")
        ),
        "2026-11",
        &[("outages", &format!("{OUTAGE_HEADER}{csv}"))],
        &["--propagate"],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "0", "{r}");
}

/// `max 1h per year`: announced maintenance in the window is excused up to one hour in
/// the year, earliest first: 40 min on 11-01 and 40 min on 11-08 leave 20 min counted.
#[test]
fn maintenance_allowance_per_year_is_used_earliest_first() {
    let body = format!(
        "calendar sundays \"Sundays\" {{ timezone \"UTC\" sun 00:00-04:00 }}\n{}",
        sla(
            "  availability 99% per month\n  latency 99% within 1s per month\n  \
             maintenance { during sundays notice 72h max 1h per year }"
        )
    );
    let csv = "api,2026-11-01T00:00:00Z,2026-11-01T00:40:00Z,maintenance,2026-10-01T00:00:00Z\n\
               api,2026-11-08T00:00:00Z,2026-11-08T00:40:00Z,maintenance,2026-10-01T00:00:00Z\n";
    let r = eval_json(
        &body,
        "2026-11",
        &[("outages", &format!("{OUTAGE_HEADER}{csv}"))],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "1200", "{r}");
}

/// An objective whose downtime is defined by error rates is not judged from outages.
#[test]
fn an_error_rate_definition_is_not_judged_from_outages() {
    let body = sla(
        "  availability { target 99.9% window month downtime { errors above 5% per 1m } }\n  \
         latency 99% within 1s per month",
    );
    let csv = "api,2026-11-10T00:00:00Z,2026-11-11T00:00:00Z,,\n";
    let r = eval_json(
        &body,
        "2026-11",
        &[("outages", &format!("{OUTAGE_HEADER}{csv}"))],
        &[],
    );
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["evaluated"], false, "{r}");
    assert!(
        o["reason"].as_str().unwrap_or("").contains("error rates"),
        "{r}"
    );
}
