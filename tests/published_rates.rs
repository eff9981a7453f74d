//! Downtime defined by error rates, evaluated from `slac eval --requests` (language.md
//! §4.1), and the published SLAs that define it so (Amazon S3, Cloudflare R2, Atlassian
//! Cloud) or by connectivity to at least one instance (Azure Virtual Machines), compared
//! with hand computations from the published tables at and around every tier boundary.
//! The period is November 2026 in UTC: 30 days, 43,200 one-minute intervals, 8,640
//! five-minute intervals, 2,592,000 s.

use crate::common::{Run, Slac};
use crate::eval::{agreement, eval_in, eval_json, sla, OUTAGE_HEADER};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;

const REQUEST_HEADER: &str = "service,start,errors,total\n";

/// 2026-11-10T00:00:00Z, where every made-up incident starts.
const T0: i64 = 1_794_268_800;

fn at(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .expect("instant")
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `n` consecutive intervals of `step` seconds of `service` from 2026-11-10 00:00 UTC,
/// each with `errors` of `total` requests failing.
fn intervals(service: &str, n: i64, step: i64, errors: u64, total: u64) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "{service},{},{errors},{total}", at(T0 + i * step));
    }
    s
}

/// `full` five-minute intervals at a 100% error rate, then one at `rest` failed of 100.
fn s3_rows(service: &str, full: i64, rest: u64) -> String {
    let mut s = intervals(service, full, 300, 100, 100);
    if rest > 0 {
        let _ = writeln!(s, "{service},{},{rest},100", at(T0 + full * 300));
    }
    s
}

fn run_example(name: &str, files: &[(&str, String)]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<String> = vec![
        "eval".into(),
        format!("examples/published/{name}"),
        "--period".into(),
        "2026-11".into(),
        "--today".into(),
        "2026-12-01".into(),
        "--format".into(),
        "json".into(),
    ];
    for (flag, text) in files {
        let path = dir.path().join(format!("{flag}.csv"));
        fs::write(&path, text).expect("write csv");
        args.push(format!("--{flag}"));
        args.push(path.to_string_lossy().into_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Slac::new().args(&args).run()
}

fn published(name: &str, files: &[(&str, String)]) -> Value {
    let out = run_example(name, files);
    out.assert_code(0);
    serde_json::from_str(&out.stdout).expect("valid JSON")
}

fn requests(name: &str, rows: &str) -> Value {
    published(name, &[("requests", format!("{REQUEST_HEADER}{rows}"))])
}

fn credit(report: &Value, sla: &str) -> String {
    agreement(report, sla)["total_percent"].to_string()
}

/// Amazon S3 Standard: 99.9%, credits 10% / 25% / 100% below 99.9 / 99.0 / 95.0.
/// Monthly Uptime Percentage = 100% − (sum of the 8,640 interval error rates) ÷ 8,640.
/// 99.9% is a sum of 8.64; 99.0% of 86.4; 95.0% of 432.
#[test]
fn s3_standard_tiers_from_the_average_of_five_minute_error_rates() {
    let cases: &[(i64, u64, &str)] = &[
        // 8 + 0.64 = 8.64: 1 − 8.64/8640 = 99.9% exactly: not below: no credit.
        (8, 64, "0.0"),
        // 8.65: 99.89988…% < 99.9%: 10%.
        (8, 65, "10.0"),
        // 86.4: 99.0% exactly: 10%.
        (86, 40, "10.0"),
        // 86.41: 98.99989…%: 25%.
        (86, 41, "25.0"),
        // 432: 95.0% exactly: 25%.
        (432, 0, "25.0"),
        // 432.01: 94.99988…%: 100%.
        (432, 1, "100.0"),
    ];
    for &(full, rest, want) in cases {
        let r = requests("aws-s3", &s3_rows("s3_standard", full, rest));
        assert_eq!(credit(&r, "s3_standard_sla"), want, "{full} + {rest}/100");
    }
    let r = requests("aws-s3", &s3_rows("s3_standard", 8, 64));
    let o = &agreement(&r, "s3_standard_sla")["objectives"][0];
    assert_eq!(o["attainment"], 99.9, "{r}");
    assert_eq!(o["intervals"], 8640, "{r}");
    assert_eq!(o["met"], true, "{r}");
    // At 1000 USD a month: 10% is 100 USD, 25% is 250 USD, 100% is 1000 USD.
    let r = requests("aws-s3", &s3_rows("s3_standard", 86, 41));
    assert_eq!(agreement(&r, "s3_standard_sla")["total_amount"], 250.0);
}

/// S3 Standard-IA: 99.0%, credits 10% / 25% / 100% below 99.0 / 98.0 / 95.0: sums of
/// 86.4, 172.8 and 432; fee 400 USD.
#[test]
fn s3_infrequent_access_tiers() {
    let cases: &[(i64, u64, &str)] = &[
        (86, 40, "0.0"),   // 99.0% exactly: met
        (86, 41, "10.0"),  // 98.99989%
        (172, 80, "10.0"), // 98.0% exactly
        (172, 81, "25.0"), // 97.99989%
        (432, 0, "25.0"),  // 95.0% exactly
        (432, 1, "100.0"), // 94.99988%
    ];
    for &(full, rest, want) in cases {
        let r = requests("aws-s3", &s3_rows("s3_standard_ia", full, rest));
        assert_eq!(credit(&r, "s3_infrequent_sla"), want, "{full} + {rest}/100");
    }
}

/// The average is of interval rates, not of requests, and an interval without requests
/// counts 0%: one interval with its single request failing and one with a million good
/// requests give 1 − 1/8640 = 99.98842…%, not 1 − 1/1,000,001. The rows of one interval
/// (several hosts) are summed before the rate is taken: 30/100 and 34/100 are 64/200.
#[test]
fn s3_average_is_per_interval_and_empty_intervals_count_zero() {
    let rows = format!(
        "s3_standard,{},1,1\ns3_standard,{},0,1000000\n",
        at(T0),
        at(T0 + 300)
    );
    let r = requests("aws-s3", &rows);
    let o = &agreement(&r, "s3_standard_sla")["objectives"][0];
    let want = 100.0 * (1.0 - 1.0 / 8640.0);
    let got = o["attainment"].as_f64().expect("attainment");
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    // 8 full intervals and one at 30 + 34 of 200 = 32%: 8.32 < 8.64: met.
    let mut rows = s3_rows("s3_standard", 8, 0);
    let _ = writeln!(rows, "s3_standard,{},30,100", at(T0 + 8 * 300));
    let _ = writeln!(rows, "s3_standard,{},34,100", at(T0 + 8 * 300));
    let r = requests("aws-s3", &rows);
    assert_eq!(credit(&r, "s3_standard_sla"), "0.0", "{r}");
    let o = &agreement(&r, "s3_standard_sla")["objectives"][0];
    let got = o["attainment"].as_f64().expect("attainment");
    assert!((got - 100.0 * (1.0 - 8.32 / 8640.0)).abs() < 1e-9, "{got}");
}

/// Cloudflare R2: 99.9%, 10% / 25% / 100%, of the fees of the 30 days before the claim
/// (taken at the end of November: November's 600 USD): 60, 150, 600 USD.
#[test]
fn r2_tiers_and_the_fees_of_the_thirty_days_before_the_claim() {
    let cases: &[(i64, u64, &str, f64)] = &[
        (8, 64, "0.0", 0.0),
        (8, 65, "10.0", 60.0),
        (86, 40, "10.0", 60.0),
        (86, 41, "25.0", 150.0),
        (432, 0, "25.0", 150.0),
        (432, 1, "100.0", 600.0),
    ];
    for &(full, rest, want, amount) in cases {
        let r = requests("cloudflare-r2", &s3_rows("r2_storage", full, rest));
        let a = agreement(&r, "r2_enterprise");
        assert_eq!(credit(&r, "r2_enterprise"), want, "{full} + {rest}/100");
        assert_eq!(a["total_amount"], amount, "{full} + {rest}/100: {a}");
    }
}

/// `n` Downtime Minutes (100% errors) of `service` from 2026-11-10 00:00.
fn minutes(service: &str, n: i64) -> String {
    intervals(service, n, 60, 100, 100)
}

/// Atlassian Premium: 99.9% of 43,200 minutes allows 43.2 Downtime Minutes; credits
/// 10% / 25% / 50% below 99.9 / 99.0 / 95.0 (432 and 2,160 minutes).
#[test]
fn atlassian_premium_tiers_in_downtime_minutes() {
    let cases: &[(i64, &str)] = &[
        (43, "0.0"),    // 1 − 43/43200 = 99.90046%: met
        (44, "10.0"),   // 99.89815%
        (60, "10.0"),   // the published example: 99.86%, 10%
        (432, "10.0"),  // 99.0% exactly
        (433, "25.0"),  // 98.99769%
        (2160, "25.0"), // 95.0% exactly
        (2161, "50.0"), // 94.99769%
    ];
    for &(n, want) in cases {
        let r = requests("atlassian", &minutes("jira_premium", n));
        assert_eq!(
            credit(&r, "atlassian_premium"),
            want,
            "{n} Downtime Minutes"
        );
    }
    // The published example: 60 Downtime Minutes in a 30-day month: 99.86111…%.
    let r = requests("atlassian", &minutes("jira_premium", 60));
    let o = &agreement(&r, "atlassian_premium")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "3600", "{r}");
    assert_eq!(o["open_seconds"], "2592000", "{r}");
    let got = o["attainment"].as_f64().expect("attainment");
    assert!((got - 99.861_111_111).abs() < 1e-6, "{got}");
    // 10% of 1600 USD.
    assert_eq!(agreement(&r, "atlassian_premium")["total_amount"], 160.0);
}

/// Atlassian Enterprise: 99.95% allows 21.6 Downtime Minutes.
#[test]
fn atlassian_enterprise_tiers_in_downtime_minutes() {
    let cases: &[(i64, &str)] = &[
        (21, "0.0"),   // 99.95139%: met
        (22, "10.0"),  // 99.94907%
        (432, "10.0"), // 99.0%
        (433, "25.0"),
        (2160, "25.0"), // 95.0%
        (2161, "50.0"),
    ];
    for &(n, want) in cases {
        let r = requests("atlassian", &minutes("confluence_enterprise", n));
        assert_eq!(
            credit(&r, "atlassian_enterprise"),
            want,
            "{n} Downtime Minutes"
        );
    }
}

/// "Greater than 5%": a minute with 5 of 100 failing is not downtime, 6 of 100 is, and a
/// minute without a row is up. 44 minutes at 6% are 44 Downtime Minutes (10%); 44 at 5%
/// are none.
#[test]
fn atlassian_a_downtime_minute_is_more_than_five_percent_errors() {
    let r = requests("atlassian", &intervals("jira_premium", 44, 60, 5, 100));
    let o = &agreement(&r, "atlassian_premium")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "0", "{r}");
    let r = requests("atlassian", &intervals("jira_premium", 44, 60, 6, 100));
    let o = &agreement(&r, "atlassian_premium")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "2640", "{r}");
    assert_eq!(credit(&r, "atlassian_premium"), "10.0");
    // 1 of 19 is 5.26%: downtime; 1 of 20 is 5%: not.
    let rows = format!(
        "jira_premium,{},1,19\njira_premium,{},1,20\n",
        at(T0),
        at(T0 + 60)
    );
    let r = requests("atlassian", &rows);
    let o = &agreement(&r, "atlassian_premium")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "60", "{r}");
}

/// Every row is used, unmatched under a reason, or an error: a row that does not begin
/// an interval, one outside the period, and one of a service without an error-rate
/// objective are unmatched; none of them counts.
#[test]
fn request_rows_are_used_unmatched_or_errors() {
    let body = format!(
        "service other \"Other\"\n{}",
        sla("  availability { target 99.9% window month downtime { errors above 5% per 1m } }")
    );
    let rows = format!(
        "{REQUEST_HEADER}api,{},100,100\napi,{},100,100\napi,2026-10-31T23:59:00Z,100,100\nother,{},1,1\n",
        at(T0),
        at(T0 + 90),
        at(T0)
    );
    let r = eval_json(&body, "2026-11", &[("requests", &rows)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "60", "{r}");
    let u = &r["unmatched"];
    assert_eq!(u["requests"], 3, "{r}");
    let reasons: Vec<String> = u["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|x| format!("{}: {}", x["lines"], x["reason"]))
        .collect();
    let all = reasons.join("\n");
    assert!(all.contains("[3]: \"does not begin an interval"), "{all}");
    assert!(all.contains("[4]: \"outside the period"), "{all}");
    assert!(all.contains("[5]: \"no SLA in force"), "{all}");
}

/// Errors name the file, line and column; nothing is evaluated.
#[test]
fn request_row_errors_have_file_line_and_column() {
    let body =
        sla("  availability { target 99.9% window month downtime { errors above 5% per 1m } }");
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = format!("{REQUEST_HEADER}api,{},101,100\n", at(T0));
    let out = eval_in(dir.path(), &body, "2026-11", &[("requests", &bad)], &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains(
            "requests.csv:2:3: `errors`: 101 failed requests are more than the total 100"
        ),
        "{}",
        out.stderr
    );
    let unknown = format!("{REQUEST_HEADER}Api,{},1,100\n", at(T0));
    let out = eval_in(dir.path(), &body, "2026-11", &[("requests", &unknown)], &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("requests.csv:2:1"), "{}", out.stderr);
    assert!(out.stderr.contains("did you mean `api`"), "{}", out.stderr);
    let header = "service,begin,errors,total\n".to_string();
    let out = eval_in(dir.path(), &body, "2026-11", &[("requests", &header)], &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("requests.csv:1:2"), "{}", out.stderr);
}

/// Without `--requests` an error-rate objective is not evaluated and its penalty is not
/// computed; outages never count against it.
#[test]
fn without_requests_an_error_rate_objective_is_not_evaluated() {
    let out = run_example(
        "atlassian",
        &[(
            "outages",
            format!(
                "{OUTAGE_HEADER}jira_premium,{},{},,\n",
                at(T0),
                at(T0 + 86_400)
            ),
        )],
    );
    out.assert_code(0);
    let r: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let a = agreement(&r, "atlassian_premium");
    assert_eq!(a["objectives"][0]["evaluated"], false, "{a}");
    assert!(
        a["objectives"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("no --requests given"),
        "{a}"
    );
    assert_eq!(a["complete"], false, "{a}");
}

/// A `during` calendar: only the intervals that begin while it is open count, against
/// its open time. Weekdays 09:00–17:00 UTC in November 2026: 21 days × 8 h = 168 h =
/// 604,800 s; a failing minute at 08:00 on a Tuesday is outside, one at 09:00 inside:
/// 1 − 60/604,800.
#[test]
fn error_rate_downtime_follows_the_objective_calendar() {
    let body = format!(
        "calendar office \"Office\" {{ timezone \"UTC\" mon-fri 09:00-17:00 }}\n{}",
        sla("  availability { target 99.9% window month during office downtime { errors above 5% per 1m } }")
    );
    // 2026-11-10 is a Tuesday.
    let rows = format!(
        "{REQUEST_HEADER}api,{},1,1\napi,{},1,1\n",
        at(T0 + 8 * 3600),
        at(T0 + 9 * 3600)
    );
    let r = eval_json(&body, "2026-11", &[("requests", &rows)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["open_seconds"], "604800", "{r}");
    assert_eq!(o["downtime_seconds"], "60", "{r}");
}

/// `at least` with `errors above`: a run of failing minutes shorter than it does not
/// count. Runs of 4 and 5 failing minutes with `at least 5m`: only the 5 count.
#[test]
fn at_least_applies_to_runs_of_failing_intervals() {
    let body = sla(
        "  availability { target 99.9% window month downtime { errors above 5% per 1m at least 5m } }",
    );
    let mut rows = REQUEST_HEADER.to_string();
    rows.push_str(&intervals("api", 4, 60, 1, 1));
    for i in 0..5 {
        let _ = writeln!(rows, "api,{},1,1", at(T0 + 3600 + i * 60));
    }
    let r = eval_json(&body, "2026-11", &[("requests", &rows)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "300", "{r}");
}

/// One outage of `service` from 2026-11-10 00:00 lasting `tenths` tenths of a second.
fn outage(service: &str, tenths: i64) -> String {
    let end =
        chrono::DateTime::from_timestamp(T0 + tenths / 10, (tenths % 10) as u32 * 100_000_000)
            .expect("instant")
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    format!("{service},{},{end},,\n", at(T0))
}

fn azure(rows: &str) -> Value {
    published("azure-vm", &[("outages", format!("{OUTAGE_HEADER}{rows}"))])
}

/// Azure VMs across Availability Zones: 99.99% of 2,592,000 s allows 259.2 s; 10% / 25%
/// / 100% below 99.99 / 99 / 95 (25,920 s and 129,600 s). Down only while both zones'
/// instances are: one zone down all day costs nothing.
#[test]
fn azure_availability_zones_tiers_count_only_when_every_instance_is_down() {
    let cases: &[(i64, &str)] = &[
        (2592, "0.0"),       // 259.2 s: 99.99% exactly
        (2593, "10.0"),      // 259.3 s
        (259_200, "10.0"),   // 25,920 s: 99.0%
        (259_210, "25.0"),   // 25,921 s
        (1_296_000, "25.0"), // 129,600 s: 95.0%
        (1_296_010, "100.0"),
    ];
    for &(tenths, want) in cases {
        let rows = format!(
            "{}{}",
            outage("vm_zone1", tenths),
            outage("vm_zone2", tenths)
        );
        let r = azure(&rows);
        assert_eq!(
            credit(&r, "azure_vm_zones"),
            want,
            "{tenths} tenths of a second"
        );
    }
    let r = azure(&outage("vm_zone1", 864_000));
    assert_eq!(credit(&r, "azure_vm_zones"), "0.0", "{r}");
    // Overlap only: zone 1 down 0–400 s, zone 2 down 0–300 s: both down 300 s > 259.2 s.
    let r = azure(&format!(
        "{}{}",
        outage("vm_zone1", 4000),
        outage("vm_zone2", 3000)
    ));
    let o = &agreement(&r, "azure_vm_zones")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "300", "{r}");
    assert_eq!(credit(&r, "azure_vm_zones"), "10.0");
}

/// Availability Set: 99.95% allows 1,296 s. Single Instance: 99.9% allows 2,592 s.
#[test]
fn azure_availability_set_and_single_instance_tiers() {
    let set: &[(i64, &str)] = &[
        (12_960, "0.0"),
        (12_970, "10.0"),
        (259_200, "10.0"),
        (259_210, "25.0"),
        (1_296_000, "25.0"),
        (1_296_010, "100.0"),
    ];
    for &(tenths, want) in set {
        let rows = format!(
            "{}{}",
            outage("vm_set_a", tenths),
            outage("vm_set_b", tenths)
        );
        assert_eq!(credit(&azure(&rows), "azure_vm_set"), want, "{tenths}");
    }
    let single: &[(i64, &str)] = &[
        (25_920, "0.0"),
        (25_930, "10.0"),
        (259_200, "10.0"),
        (259_210, "25.0"),
        (1_296_000, "25.0"),
        (1_296_010, "100.0"),
    ];
    for &(tenths, want) in single {
        let r = azure(&outage("vm_single", tenths));
        assert_eq!(credit(&r, "azure_vm_single"), want, "{tenths}");
    }
    // 100% of the 500 USD monthly fee.
    let r = azure(&outage("vm_single", 1_296_010));
    assert_eq!(agreement(&r, "azure_vm_single")["total_amount"], 500.0);
}

/// `window rolling D` in `slac eval --period P`: the window of D that ends when P ends
/// (the claim taken as made then). `per rolling 7d` in November 2026 judges 24 November
/// 00:00 to 1 December 00:00 UTC: 604,800 s, of which 99.9% allows 604.8 s. An outage
/// on 10 November is outside it: unmatched, never counted.
#[test]
fn a_rolling_window_is_the_one_ending_with_the_period() {
    let body = sla(
        "  fee 1000 USD per month\n  availability 99.9% per rolling 7d\n  \
         penalty on availability { below 99.9% credit 10% }",
    );
    let nov23 = 1_795_392_000; // 2026-11-23T00:00:00Z
    let rows = |tenths: i64| {
        let end = chrono::DateTime::from_timestamp(
            nov23 + 86_400 + tenths / 10,
            (tenths % 10) as u32 * 100_000_000,
        )
        .expect("instant")
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        format!(
            "{OUTAGE_HEADER}api,{},{},,\napi,{},{end},,\n",
            at(T0),
            at(T0 + 3600),
            at(nov23 + 86_400)
        )
    };
    // 604.8 s: 99.9% exactly: met.
    let r = eval_json(&body, "2026-11", &[("outages", &rows(6048))], &[]);
    let a = agreement(&r, "api_sla");
    let o = &a["objectives"][0];
    assert_eq!(o["open_seconds"], "604800", "{r}");
    assert_eq!(o["downtime_seconds"], "604.8", "{r}");
    assert_eq!(o["met"], true, "{r}");
    assert_eq!(a["total_percent"].to_string(), "0.0");
    // The 10 November outage is outside the window: unmatched.
    assert_eq!(r["unmatched"]["outages"], 1, "{r}");
    // 604.9 s: below: 10%.
    let r = eval_json(&body, "2026-11", &[("outages", &rows(6049))], &[]);
    assert_eq!(
        agreement(&r, "api_sla")["total_percent"].to_string(),
        "10.0"
    );
    // An outage across the window's start counts from it: 23 Nov 23:00 to 24 Nov 01:00
    // is 3,600 s inside.
    let nov24 = nov23 + 86_400;
    let across = format!(
        "{OUTAGE_HEADER}api,{},{},,\n",
        at(nov24 - 3600),
        at(nov24 + 3600)
    );
    let r = eval_json(&body, "2026-11", &[("outages", &across)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["downtime_seconds"], "3600", "{r}");
}

/// A rolling window longer than the period is not evaluated (a longer period must be):
/// `per rolling 45d` in November (30 days) says so and leaves its penalty uncomputed; in
/// Q4 (92 days) it is the 45 days ending 1 January 2027.
#[test]
fn a_rolling_window_longer_than_the_period_is_not_evaluated() {
    let body = sla(
        "  fee 1000 USD per month\n  availability 99.9% per rolling 45d\n  \
         penalty on availability { below 99.9% credit 10% }",
    );
    let empty = OUTAGE_HEADER.to_string();
    let r = eval_json(&body, "2026-11", &[("outages", &empty)], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["evaluated"], false, "{a}");
    assert!(
        a["objectives"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("longer than 2026-11"),
        "{a}"
    );
    assert_eq!(a["complete"], false, "{a}");
    let r = eval_json(&body, "2026-Q4", &[("outages", &empty)], &[]);
    let o = &agreement(&r, "api_sla")["objectives"][0];
    assert_eq!(o["open_seconds"], "3888000", "{r}"); // 45 × 86,400
}
