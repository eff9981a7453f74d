//! `fiscal year from MM-01` (language.md §4, "Fiscal years"): the quarters and years of an
//! agreement start in another month, and every reader of them (eval, the contract,
//! `portfolio.json`) takes the same fiscal periods from `model::periods`.
//!
//! Hand computation, UTC, `fiscal year from 04-01`: the fiscal Q1 2026 is April–June
//! 2026 = 30 + 31 + 30 = 91 days = 7,862,400 s; 99.9% per quarter allows 0.1% of it,
//! 7,862.4 s = 2 h 11 min 2.4 s (printed 2 h 11 min 2 s). The calendar Q1 2026
//! (January–March) is 90 days, 7,776 s.

use crate::common::Slac;
use crate::eval::{agreement, eval_json, sla, OUTAGE_HEADER, PARTIES};
use serde_json::Value;
use std::fs;

fn fiscal(extra: &str) -> String {
    sla(&format!(
        "{extra}  fee 1000 USD per month\n  availability 99.9% per quarter\n  \
         penalty on availability {{ below 99.9% credit 10% }}"
    ))
}

/// Five hours in March 2026 (the fiscal Q4 2025), then `april` of downtime from
/// 10 April 2026 00:00 UTC.
fn outages(april_end: &str) -> String {
    format!(
        "{OUTAGE_HEADER}api,2026-03-10T00:00:00Z,2026-03-10T05:00:00Z,,\n\
         api,2026-04-10T00:00:00Z,2026-04-10T{april_end}Z,,\n"
    )
}

#[test]
fn period_2026_q1_is_the_fiscal_quarter_april_to_june() {
    // Exactly the allowance in April: met; the March outage is outside the period.
    let body = fiscal("  fiscal year from 04-01\n");
    let r = eval_json(
        &body,
        "2026-Q1",
        &[("outages", &outages("02:11:02.4"))],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["in_force"]["from"], "2026-04-01T00:00:00Z", "{r}");
    assert_eq!(a["in_force"]["to"], "2026-07-01T00:00:00Z", "{r}");
    let o = &a["objectives"][0];
    assert_eq!(o["open_seconds"], "7862400", "{r}");
    assert_eq!(o["downtime_seconds"], "7862.4", "{r}");
    assert_eq!(o["attainment"], 99.9);
    assert_eq!(o["met"], true);
    assert_eq!(a["total_amount"], 0.0);
    assert_eq!(r["unmatched"]["outages"], 1, "the March outage: {r}");

    // A tenth of a second more: missed; 10% of the quarter's fee (3 × 1000 USD) = 300.
    let r = eval_json(
        &body,
        "2026-Q1",
        &[("outages", &outages("02:11:02.5"))],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["objectives"][0]["met"], false, "{r}");
    assert_eq!(a["total_amount"], 300.0, "{r}");

    // Without the fiscal year the same data is judged over January–March: the 5 h in
    // March (18,000 s) exceed the 7,776 s allowed; April is outside.
    let r = eval_json(
        &fiscal(""),
        "2026-Q1",
        &[("outages", &outages("02:11:02.4"))],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["in_force"]["to"], "2026-04-01T00:00:00Z", "{r}");
    assert_eq!(a["objectives"][0]["open_seconds"], "7776000", "{r}");
    assert_eq!(a["objectives"][0]["downtime_seconds"], "18000", "{r}");
    assert_eq!(a["objectives"][0]["met"], false);

    // The fiscal Q4 2025 is January–March 2026: the March outage counts there.
    let r = eval_json(
        &body,
        "2025-Q4",
        &[("outages", &outages("02:11:02.4"))],
        &[],
    );
    let a = agreement(&r, "api_sla");
    assert_eq!(a["in_force"]["from"], "2026-01-01T00:00:00Z", "{r}");
    assert_eq!(a["objectives"][0]["downtime_seconds"], "18000", "{r}");
}

#[test]
fn period_2026_is_the_fiscal_year_that_begins_in_2026() {
    let body = sla("  fiscal year from 04-01\n  availability 99.9% per year");
    let r = eval_json(&body, "2026", &[("outages", &outages("01:00:00"))], &[]);
    let a = agreement(&r, "api_sla");
    assert_eq!(a["in_force"]["from"], "2026-04-01T00:00:00Z", "{r}");
    assert_eq!(a["in_force"]["to"], "2027-04-01T00:00:00Z", "{r}");
    // 365 days; only the April hour counts.
    assert_eq!(a["objectives"][0]["open_seconds"], "31536000", "{r}");
    assert_eq!(a["objectives"][0]["downtime_seconds"], "3600", "{r}");
}

/// The contract names the fiscal quarters and prints the allowance eval judges by; the
/// resolved portfolio exports the same figure and the fiscal start.
#[test]
fn contract_and_portfolio_json_name_the_fiscal_quarters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        format!("{PARTIES}{}", fiscal("  fiscal year from 04-01\n")),
    )
    .expect("write");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            src.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(0);
    let md = fs::read_to_string(out.join("internal/markdown/api_sla.md")).expect("contract");
    let plain = md.replace('\\', "");
    for want in [
        "fiscal quarter Q1 2026 (April–June 2026) is a 91-day quarter of 2184 hours",
        "each quarter of the fiscal year that begins on 1 April",
        "| Fiscal quarter | 2026 | 2027 |",
        "| Q1 (April–June) | 2 h 11 min 2 s |",
        "| Q4 (January–March) | 2 h 9 min 36 s | 2 h 11 min 2 s |",
        "in fiscal quarter Q4 2026 (January–March 2027)",
    ] {
        assert!(plain.contains(want), "missing `{want}` in:\n{plain}");
    }
    let json: Value = serde_json::from_str(
        &fs::read_to_string(out.join("json/portfolio.json")).expect("portfolio.json"),
    )
    .expect("valid");
    assert_eq!(json["agreements"][0]["terms"]["fiscal_year_start"], 4);
    let q1 = &json["allowances"][0]["periods"][0];
    assert_eq!(q1["period"], "2026-Q1");
    assert_eq!(q1["starts"], "2026-04-01");
    // The same figure as eval's (period_2026_q1_is_the_fiscal_quarter_april_to_june).
    assert_eq!(q1["open_seconds"], "7862400");
    assert_eq!(q1["allowed_seconds"], "7862.4");
}

#[test]
fn a_fiscal_year_from_mid_month_is_e0324_and_twice_is_e0108() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    let check = |body: &str| {
        fs::write(&src, format!("{PARTIES}{}", sla(body))).expect("write");
        Slac::new()
            .args([
                "check",
                src.to_str().expect("utf-8"),
                "--today",
                "2026-11-26",
                "--format",
                "json",
            ])
            .run()
    };
    let codes = |body: &str| -> Vec<String> {
        let r = check(body);
        let v: Value = serde_json::from_str(&r.stdout).expect("json");
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .filter(|c| c.starts_with('E'))
            .collect()
    };
    assert_eq!(codes("  fiscal year from 04-15"), ["E0324"]);
    assert_eq!(codes("  fiscal year from 02-30"), ["E0103"]);
    assert_eq!(
        codes("  fiscal year from 04-01\n  fiscal year from 07-01"),
        ["E0108"]
    );
    assert!(codes("  fiscal year from 10-01").is_empty());
}

/// `slac diff` reports a new fiscal year start as a change, neither tightened nor
/// loosened.
#[test]
fn diff_reports_a_changed_fiscal_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (side, extra) in [("old", ""), ("new", "  fiscal year from 07-01\n")] {
        let d = dir.path().join(side);
        fs::create_dir(&d).expect("mkdir");
        fs::write(d.join("p.sla"), format!("{PARTIES}{}", fiscal(extra))).expect("write");
    }
    let path = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
    let r = Slac::new()
        .args(["diff", &path("old"), &path("new"), "--format", "json"])
        .run();
    r.assert_code(0);
    let v: Value = serde_json::from_str(&r.stdout).expect("json");
    let c = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["what"] == "fiscal year from")
        .unwrap_or_else(|| panic!("no fiscal change in {v}"));
    assert_eq!(c["effect"], "changed", "{v}");
    assert_eq!(c["new"], "07-01", "{v}");
    assert_eq!(c["weakening"], false, "{v}");
}
