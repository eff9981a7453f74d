//! Early warning (docs/report.md, "Forecast"): budget used, burn rate and the instant the
//! budget runs out, against dates computed by hand in the comments.

use crate::common::Slac;
use crate::eval::{eval_in, sla, OUTAGE_HEADER, PARTIES};
use serde_json::Value;
use std::fs;

fn forecast(body: &str, period: &str, outages: &str, extra: &[&str]) -> (i32, Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["--forecast", "--format", "json"];
    args.extend_from_slice(extra);
    let r = eval_in(
        dir.path(),
        body,
        period,
        &[("outages", &format!("{OUTAGE_HEADER}{outages}"))],
        &args,
    );
    let json: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}{}", r.stdout, r.stderr));
    (r.status.code().expect("exit code"), json)
}

fn only(v: &Value) -> &Value {
    let list = v["forecast"].as_array().expect("forecast array");
    assert_eq!(list.len(), 1, "{v}");
    &list[0]
}

fn near(a: &Value, b: f64) -> bool {
    (a.as_f64().expect("number") - b).abs() < 1e-9
}

/// November 2026 in UTC, always open: 30 days = 2,592,000 s; 99.9% allows 2,592 s. An
/// outage of 1,296 s used half the budget. Now is 2026-11-11T00:00Z (`--now`; `--today
/// 2026-11-10` means the same, the end of that day: the last test), 10 of 30 days elapsed (1/3), so the burn rate is 0.5 ÷ 1/3 =
/// 1.5. At that rate half the budget takes 10 days, the whole 20 days from the 1st:
/// the budget runs out at 2026-11-21T00:00:00Z, before the period ends.
#[test]
fn a_budget_burning_at_one_and_a_half_runs_out_on_the_21st() {
    let body = sla("  availability 99.9% per month");
    let (code, v) = forecast(
        &body,
        "2026-11",
        "api,2026-11-03T00:00:00Z,2026-11-03T00:21:36Z,,\n",
        &["--now", "2026-11-11T00:00:00Z", "--fail-on-forecast"],
    );
    let f = only(&v);
    assert!(near(&f["budget_seconds"], 2592.0), "{f}");
    assert!(near(&f["budget_used"], 0.5), "{f}");
    assert!(near(&f["elapsed"], 1.0 / 3.0), "{f}");
    assert!(near(&f["burn_rate"], 1.5), "{f}");
    assert_eq!(f["now"], "2026-11-11T00:00:00Z");
    assert_eq!(f["runs_out"], "2026-11-21T00:00:00Z");
    assert_eq!(f["period_end"], "2026-12-01T00:00:00Z");
    assert_eq!(f["before_end"], true);
    assert_eq!(code, 3, "--fail-on-forecast exits 3");
    assert!(v["agreements"].is_array(), "the eval report is still there");
}

/// The same month, 300 s down by the 10th: 300/2592 = 0.1157 of the budget in a third of
/// the month; the whole budget would take 10 d ÷ 0.1157 = 86.4 days, past the month's
/// end: no run-out, exit 0 even with --fail-on-forecast.
#[test]
fn a_slow_burn_lasts_the_month_and_does_not_fail() {
    let body = sla("  availability 99.9% per month");
    let (code, v) = forecast(
        &body,
        "2026-11",
        "api,2026-11-03T00:00:00Z,2026-11-03T00:05:00Z,,\n",
        &["--now", "2026-11-11T00:00:00Z", "--fail-on-forecast"],
    );
    let f = only(&v);
    assert!(f["runs_out"].is_null(), "{f}");
    assert_eq!(f["before_end"], false);
    assert!(near(&f["burn_rate"], 300.0 / 2592.0 * 3.0), "{f}");
    assert_eq!(code, 0);
}

/// 3,000 s down is more than the 2,592 s budget: exhausted, exit 3.
#[test]
fn an_exhausted_budget_fails() {
    let body = sla("  availability 99.9% per month");
    let (code, v) = forecast(
        &body,
        "2026-11",
        "api,2026-11-03T00:00:00Z,2026-11-03T00:50:00Z,,\n",
        &["--now", "2026-11-11T00:00:00Z", "--fail-on-forecast"],
    );
    let f = only(&v);
    assert_eq!(f["exhausted"], true, "{f}");
    assert!(f["runs_out"].is_null());
    assert_eq!(code, 3);
    // Without --fail-on-forecast the forecast is information only.
    let (code, _) = forecast(
        &body,
        "2026-11",
        "api,2026-11-03T00:00:00Z,2026-11-03T00:50:00Z,,\n",
        &[],
    );
    assert_eq!(code, 0);
}

/// Business hours in Paris (CET, UTC+1 in November): Monday to Friday 09:00-17:00. The
/// working days of November 2026 are the 2nd-6th, 9th-13th, 16th-20th, 23rd-27th and the
/// 30th: 21 days × 8 h = 168 h open; 98% allows 2% of it, 3.36 h = 12,096 s. One hour
/// down on Wednesday the 4th (09:00-10:00 Paris, 08:00-09:00Z) used 3,600/12,096 =
/// 0.2976 of the budget. At Friday the 6th 17:00 Paris 5 × 8 = 40 h of 168 h are
/// elapsed (0.2381): burn rate 1.25. The budget lasts 40 h × 12,096/3,600 = 134.4 h of
/// open time = 16 working days (128 h, through Monday the 23rd) and 6.4 h = 6 h 24 min
/// into the 17th, Tuesday the 24th: 09:00 + 6:24 = 15:24 Paris time. Nights and the
/// weekend burn nothing.
#[test]
fn business_hours_burn_only_while_open_in_the_agreements_zone() {
    let body =
        "calendar office \"Office\" {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n}\n"
            .to_string()
            + &sla("  timezone \"Europe/Paris\"\n  availability 98% per month during office");
    let (code, v) = forecast(
        &body,
        "2026-11",
        "api,2026-11-04T08:00:00Z,2026-11-04T09:00:00Z,,\n",
        &["--now", "2026-11-06T17:00:00+01:00", "--fail-on-forecast"],
    );
    let f = only(&v);
    assert!(near(&f["budget_seconds"], 12_096.0), "{f}");
    assert!(near(&f["budget_used"], 3600.0 / 12_096.0), "{f}");
    assert!(near(&f["elapsed"], 40.0 / 168.0), "{f}");
    assert!(near(&f["burn_rate"], 1.25), "{f}");
    assert_eq!(f["runs_out"], "2026-11-24T15:24:00+01:00");
    assert_eq!(f["period_end"], "2026-12-01T00:00:00+01:00");
    assert_eq!(code, 3);
}

/// A period that is over (or not begun) at `now` has nothing to forecast.
#[test]
fn only_the_running_period_is_forecast() {
    let body = sla("  availability 99.9% per month");
    let (code, v) = forecast(&body, "2026-10", "", &["--fail-on-forecast"]);
    assert_eq!(v["forecast"], serde_json::json!([]));
    assert_eq!(code, 0);
}

/// The human lines follow the eval report; `slac report --forecast` forecasts its last
/// period with the same numbers.
#[test]
fn forecast_in_words_and_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = sla("  availability 99.9% per month");
    let outages = format!("{OUTAGE_HEADER}api,2026-11-03T00:00:00Z,2026-11-03T00:21:36Z,,\n");
    let r = eval_in(
        dir.path(),
        &body,
        "2026-11",
        &[("outages", &outages)],
        &["--forecast", "--now", "2026-11-11T00:00:00Z"],
    );
    r.assert_code(0);
    r.assert_stdout_contains("budget RUNS OUT at 2026-11-21T00:00:00Z");
    r.assert_stdout_contains("burn rate 1.50");
    fs::write(dir.path().join("p.sla"), format!("{PARTIES}{body}")).expect("write");
    let o = dir.path().join("outages.csv");
    let rep = Slac::new()
        .args([
            "report",
            dir.path().join("p.sla").to_str().expect("utf-8"),
            "--from",
            "2026-10",
            "--to",
            "2026-11",
            "--outages",
            o.to_str().expect("utf-8"),
            "--today",
            "2026-11-10",
            "--fail-on-forecast",
        ])
        .run();
    rep.assert_code(3);
    let v: Value = serde_json::from_str(&rep.stdout).expect("JSON");
    assert_eq!(only(&v)["runs_out"], "2026-11-21T00:00:00Z");
    // Written: the internal page warns, the customer's carries no forecast; exit 3 all
    // the same, after writing.
    let out = dir.path().join("reports");
    let rep = Slac::new()
        .args([
            "report",
            dir.path().join("p.sla").to_str().expect("utf-8"),
            "--from",
            "2026-11",
            "--to",
            "2026-11",
            "--outages",
            o.to_str().expect("utf-8"),
            "--today",
            "2026-11-10",
            "--fail-on-forecast",
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .run();
    rep.assert_code(3);
    let internal = fs::read_to_string(out.join("internal/report.html")).expect("internal");
    assert!(internal.contains("Early warning") && internal.contains("2026-11-21T00:00:00Z"));
    let customer = fs::read_to_string(out.join("customers/globex/report.json")).expect("customer");
    assert!(!customer.contains("forecast"), "{customer}");
}

/// `--format html` keeps the forecast, in a section of the page.
#[test]
fn the_html_page_carries_the_forecast() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = sla("  availability 99.9% per month");
    let outages = format!("{OUTAGE_HEADER}api,2026-11-03T00:00:00Z,2026-11-03T00:21:36Z,,\n");
    let r = eval_in(
        dir.path(),
        &body,
        "2026-11",
        &[("outages", &outages)],
        &[
            "--forecast",
            "--now",
            "2026-11-11T00:00:00Z",
            "--format",
            "html",
        ],
    );
    r.assert_code(0);
    r.assert_stdout_contains("<h2>Forecast</h2>");
    r.assert_stdout_contains("budget RUNS OUT at 2026-11-21T00:00:00Z");
    assert!(r.stdout.trim_end().ends_with("</html>"), "one page");
}
