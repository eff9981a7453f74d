//! The published SLAs of the money slice (examples/published/): `slac eval` against
//! credits computed by hand from the published text, at and around every tier boundary.
//! Fees per year, credits of N times the fees for the downtime (language.md §7.1).

use crate::common::Slac;
use serde_json::Value;
use std::path::Path;

/// `slac eval` of a published example with these outages, as JSON.
fn eval(example: &str, period: &str, outages: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("outages.csv");
    std::fs::write(
        &csv,
        format!("service,start,end,cause,announced\n{outages}"),
    )
    .expect("write outages");
    let path = Path::new("examples/published").join(example);
    let r = Slac::new()
        .args([
            "eval",
            path.to_str().expect("utf-8"),
            "--period",
            period,
            "--outages",
            csv.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
            "--format",
            "json",
        ])
        .run();
    r.assert_code(0);
    serde_json::from_str(&r.stdout).expect("JSON report")
}

/// The published examples of this slice.
const EXAMPLES: &[&str] = &["slack", "github", "aws-ec2", "aws-ec2-region"];

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// The examples check without errors (their warnings are the published text's: Slack
/// states no claim window, W0508, and promises availability only, W0502) and are in the
/// canonical layout.
#[test]
fn published_money_examples_check_and_are_formatted() {
    for example in EXAMPLES {
        let path = format!("examples/published/{example}");
        Slac::new()
            .args(["fmt", "--check", &path])
            .run()
            .assert_code(0);
        let r = Slac::new()
            .args(["check", &path, "--today", "2026-11-26"])
            .run();
        r.assert_code(0);
        assert!(r.stderr.contains("0 errors"), "{}", r.stderr);
    }
}

/// Slack (policy archive, effective 2024-06-14): 99.99% per calendar quarter; a credit of
/// 10 times what the workspace paid during the period Slack was down. The fee is 18,000
/// USD per year, spread over the real time of 2026 (365 days = 31,536,000 s), so a
/// second of downtime is worth 18,000 / 31,536,000 USD and its credit ten times that.
///
/// Q1 2026 (UTC) lasts 90 days = 7,776,000 s; 0.01% of it is 777.6 s (12 min 57.6 s).
///
/// | downtime   | attainment      | credit (10 × 18,000 × down / 31,536,000)        |
/// |------------|-----------------|-------------------------------------------------|
/// | 0 s        | 100%            | none                                            |
/// | 777.6 s    | exactly 99.99%  | none (not below 99.99%)                         |
/// | 777.7 s    | below 99.99%    | 139,986,000 / 31,536,000 = 4.43892694063927 USD |
/// | 3,600 s    | 99.9537…%       | 648,000,000 / 31,536,000 = 20.5479452054794 USD |
/// | 1 h maint. | excluded: 100%  | none                                            |
#[test]
fn slack_credits_ten_times_the_fees_for_the_downtime() {
    let one = |outages: &str, period: &str| {
        let r = eval("slack", period, outages);
        r["agreements"][0].clone()
    };
    let a = one("", "2026-Q1");
    assert_eq!(a["objectives"][0]["met"], true);
    assert!(close(&a["total_amount"], 0.0), "{a}");

    let a = one(
        "slack_app,2026-02-10T09:00:00Z,2026-02-10T09:12:57.6Z,,\n",
        "2026-Q1",
    );
    assert_eq!(a["objectives"][0]["attainment"], 99.99);
    assert_eq!(a["objectives"][0]["met"], true);
    assert_eq!(a["credits"], Value::Array(vec![]));

    let a = one(
        "slack_app,2026-02-10T09:00:00Z,2026-02-10T09:12:57.7Z,,\n",
        "2026-Q1",
    );
    assert_eq!(a["objectives"][0]["met"], false);
    assert!(
        close(&a["total_amount"], 139_986_000.0 / 31_536_000.0),
        "{a}"
    );
    assert_eq!(a["currency"], "USD");

    let a = one(
        "slack_app,2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,,\n",
        "2026-Q1",
    );
    assert!(
        close(&a["total_amount"], 648_000_000.0 / 31_536_000.0),
        "{a}"
    );
    // The same hour in Q2 (91 days) is worth the same: the fee is spread over the year.
    let a = one(
        "slack_app,2026-05-01T00:00:00Z,2026-05-01T01:00:00Z,,\n",
        "2026-Q2",
    );
    assert!(
        close(&a["total_amount"], 648_000_000.0 / 31_536_000.0),
        "{a}"
    );
    // Scheduled maintenance is excluded from downtime.
    let a = one(
        "slack_app,2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,maintenance,\n",
        "2026-Q1",
    );
    assert_eq!(a["objectives"][0]["met"], true);
    assert_eq!(a["credits"], Value::Array(vec![]));
}

/// The contract says the credit in words, from the same fee; portfolio.json keeps the fee
/// as written and the credit's factor.
#[test]
fn slack_contract_and_portfolio_json_say_the_same_terms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    Slac::new()
        .args([
            "build",
            "examples/published/slack",
            "--out",
            out.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
        ])
        .run()
        .assert_code(0);
    let md =
        std::fs::read_to_string(out.join("internal/markdown/slack_business.md")).expect("contract");
    assert!(md.contains("18,000 USD per year"), "{md}");
    assert!(
        md.contains("below 99\\.99% → 10 times the fees for the downtime"),
        "{md}"
    );
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("json/portfolio.json")).expect("portfolio.json"),
    )
    .expect("JSON");
    let terms = &json["agreements"][0]["terms"];
    assert_eq!(terms["fee"]["amount"], "18000");
    assert_eq!(terms["fee"]["per"], "year");
    assert_eq!(
        terms["penalties"][0]["tiers"][0]["credit"]["proportional"],
        "10"
    );
}

/// Fees per quarter and credit bases, by hand (UTC):
/// * `fee 900 USD per quarter`, judged per month: January 2026 is 31 of Q1's 90 days, so
///   its fee is 900 × 31 / 90 = 310 USD; 10% of it is 31 USD.
/// * `fee 1000 USD per month`, judged per quarter: 3,000 USD; 10% is 300 USD, but
///   `of fees for the previous month` takes 10% of March's 1,000 USD: 100 USD, reported
///   as 100 / 3,000 = 3.33…% of the quarter's fee.
/// * `of fees for the 30d before the claim`, per quarter: the 30 days before 1 April 2026
///   are 2–31 March, 30 of March's 31 days: 1,000 × 30 / 31 = 967.74… USD; 10% is
///   96.774… USD. With 35d, 25 February to 31 March: 4/28 of February's fee and all of
///   March's, 1,142.857… USD; 10% is 114.2857… USD.
#[test]
fn fees_per_quarter_and_credit_bases_pay_what_the_hand_computes() {
    use crate::eval::{agreement, eval_json, sla, OUTAGE_HEADER};
    // Three hours down: below 99.9% in January (44 min 38.4 s allowed) and in Q1
    // (2 h 9 min 36 s allowed).
    let outages = format!("{OUTAGE_HEADER}api,2026-01-10T00:00:00Z,2026-01-10T03:00:00Z,,\n");
    let files = [("outages", outages.as_str())];
    let body = sla(
        "  fee 900 USD per quarter\n  availability 99.9% per month\n  \
         penalty on availability { below 99.9% credit 10% }\n  claim within 30d",
    );
    let r = eval_json(&body, "2026-01", &files, &[]);
    let a = agreement(&r, "api_sla");
    assert!(close(&a["total_amount"], 31.0), "{a}");

    let quarter = |basis: &str| {
        let body = sla(&format!(
            "  fee 1000 USD per month\n  availability 99.9% per quarter\n  \
             penalty on availability {{\n    {basis}\n    below 99.9% credit 10%\n  }}\n  \
             claim within 30d"
        ));
        let r = eval_json(&body, "2026-Q1", &files, &[]);
        agreement(&r, "api_sla")["total_amount"].clone()
    };
    assert!(close(&quarter("of fees for the period"), 300.0));
    assert!(close(&quarter("of fees for the previous month"), 100.0));
    let days = quarter("of fees for the 30d before the claim");
    assert!(close(&days, 1000.0 * 30.0 / 31.0 / 10.0), "{days}");
    let days = quarter("of fees for the 35d before the claim");
    assert!(
        close(&days, (1000.0 * 4.0 / 28.0 + 1000.0) / 10.0),
        "{days}"
    );
}

/// Catalogue packages are compared per year: a quarterly 2,700 EUR package (10,800 EUR a
/// year) listed above a monthly 1,000 EUR one (12,000 EUR a year) costs less: E0606.
#[test]
fn catalogue_fees_are_compared_per_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sla = "catalogue levels {\n  package silver {\n    fee 1000 EUR per month\n    \
               availability 99.9% per month\n  }\n  package gold {\n    \
               fee 2700 EUR per quarter\n    availability 99.95% per month\n  }\n}\n";
    std::fs::write(dir.path().join("c.sla"), sla).expect("write");
    let r = Slac::new()
        .args([
            "check",
            dir.path().to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(1);
    assert!(
        r.stderr.contains("E0606") && r.stderr.contains("(10800 EUR per year < 12000 EUR per"),
        "{}",
        r.stderr
    );
}

/// `slac eval` with outages and charges (files of the example or inline), as JSON.
fn eval_charged(example: &str, period: &str, outages: &str, charges: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, c) = (dir.path().join("o.csv"), dir.path().join("c.csv"));
    std::fs::write(&o, format!("service,start,end,cause,announced\n{outages}")).expect("o");
    std::fs::write(
        &c,
        format!("customer,service,region,period,amount,currency\n{charges}"),
    )
    .expect("c");
    let path = Path::new("examples/published").join(example);
    let r = Slac::new()
        .args([
            "eval",
            path.to_str().expect("utf-8"),
            "--period",
            period,
            "--outages",
            o.to_str().expect("utf-8"),
            "--charges",
            c.to_str().expect("utf-8"),
            "--format",
            "json",
        ])
        .run();
    r.assert_code(0);
    serde_json::from_str(&r.stdout).expect("JSON report")
}

/// GitHub Enterprise Cloud: 99.9% per quarter for each service; 10% of the quarter's
/// charges of that service below 99.9%, 25% below 99.0%. Q4 2026 (UTC) is 92 days =
/// 7,948,800 s: 0.1% of it is 7,948.8 s (132.48 min), 1% 79,488 s (1,324.8 min).
///
/// | service    | down     | attainment        | charges | credit              |
/// |------------|----------|-------------------|---------|---------------------|
/// | `gh_git`     | 7,920 s  | 99.90036% ≥ 99.9  | 3,000   | none                |
/// | `gh_actions` | 7,980 s  | 99.89961% < 99.9  | 1,000   | 10% = 100 USD       |
/// | `gh_issues`  | 79,500 s | 98.99985% < 99.0  | 2,000   | 25% = 500 USD       |
///
/// Total 600 USD of 6,000 USD billed: 10%. The 2025-Q4 charge is reported unmatched.
/// Before per item, the worst service (98.99985%) would have earned 25% of 6,000 USD.
#[test]
fn github_credits_each_service_on_its_own_charges() {
    let outages = std::fs::read_to_string("examples/published/github/outages.csv").expect("o");
    let charges = std::fs::read_to_string("examples/published/github/charges.csv").expect("c");
    let strip = |s: &str| s.split_once('\n').expect("header").1.to_string();
    let r = eval_charged("github", "2026-Q4", &strip(&outages), &strip(&charges));
    let a = &r["agreements"][0];
    let credit = &a["credits"][0];
    assert!(close(&credit["amount"], 600.0), "{credit}");
    assert!(close(&a["total_percent"], 10.0), "{a}");
    let items = credit["items"].as_array().expect("items");
    let by = |name: &str| {
        items
            .iter()
            .find(|i| i["item"] == name)
            .expect("item")
            .clone()
    };
    assert!(by("gh_git")["amount"].is_null(), "{items:?}");
    assert!(close(&by("gh_actions")["amount"], 100.0));
    assert!(close(&by("gh_issues")["amount"], 500.0));
    assert_eq!(r["unmatched"]["charges"], 1);
    // At the boundaries: exactly 99.9% (7,948.8 s) earns nothing, exactly 99.0% (79,488 s)
    // earns 10%, not 25%.
    let r = eval_charged(
        "github",
        "2026-Q4",
        "gh_git,2026-10-05T10:00:00Z,2026-10-05T12:12:28.8Z,,\ngh_issues,2026-12-01T00:00:00Z,2026-12-01T22:04:48Z,,\n",
        "octo_corp,gh_git,,2026-Q4,3000,USD\nocto_corp,gh_issues,,2026-Q4,2000,USD\n",
    );
    let a = &r["agreements"][0];
    assert!(close(&a["total_amount"], 200.0), "{a}");
    // A charge in another currency is an error with its line and column.
    let dir = tempfile::tempdir().expect("dir");
    let c = dir.path().join("c.csv");
    std::fs::write(
        &c,
        "customer,service,region,period,amount,currency\nocto_corp,gh_git,,2026-Q4,1,USD\nocto_corp,gh_issues,,2026-Q4,1,EUR\n",
    )
    .expect("c");
    let r = Slac::new()
        .args([
            "eval",
            "examples/published/github",
            "--period",
            "2026-Q4",
            "--charges",
            c.to_str().expect("utf-8"),
        ])
        .run();
    assert!(!r.status.success());
    assert!(r.stderr.contains(":3:6:"), "{}", r.stderr);
}

/// `slac eval` of the EC2 example for November 2026 with outages and charges that name
/// instances (the `item` column of both files; rows without the header).
fn eval_instances(outages: &str, charges: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, c) = (dir.path().join("o.csv"), dir.path().join("c.csv"));
    std::fs::write(
        &o,
        format!("service,start,end,cause,announced,region,item\n{outages}"),
    )
    .expect("o");
    std::fs::write(
        &c,
        format!("customer,service,region,period,amount,currency,item\n{charges}"),
    )
    .expect("c");
    let r = Slac::new()
        .args([
            "eval",
            "examples/published/aws-ec2",
            "--period",
            "2026-11",
            "--outages",
            o.to_str().expect("utf-8"),
            "--charges",
            c.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
            "--format",
            "json",
        ])
        .run();
    r.assert_code(0);
    serde_json::from_str(&r.stdout).expect("JSON report")
}

/// One item of the first credit of the first agreement.
fn item(report: &Value, name: &str) -> Value {
    report["agreements"][0]["credits"][0]["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["item"] == name)
        .unwrap_or_else(|| panic!("no item {name} in {report}"))
        .clone()
}

/// Amazon EC2, Instance-Level SLA: 99.5% per monthly billing cycle for each instance; 10%
/// of that instance's charges below 99.5%, 30% below 99.0%, 100% below 95.0%. November
/// 2026 (UTC) is 30 days = 2,592,000 s:
/// * 99.5% allows 0.5% = 12,960 s (3 h 36 min);
/// * 99.0% is 1% = 25,920 s (7 h 12 min) down;
/// * 95.0% is 5% = 129,600 s (36 h) down.
///
/// | instance    | down      | attainment (1 − down / 2,592,000) | tier | charges | credit     |
/// |-------------|-----------|-----------------------------------|------|---------|------------|
/// | `i-web-1`   | 12,960 s  | exactly 99.5%: not below          | none | 100     | none       |
/// | `i-web-2`   | 12,961 s  | 99.49996…% < 99.5, ≥ 99.0         | 10%  | 100     | 10 USD     |
/// | `i-db-1`    | 25,920 s  | exactly 99.0%: not below 99.0     | 10%  | 500     | 50 USD     |
/// | `i-db-2`    | 25,921 s  | 98.99996…% < 99.0, ≥ 95.0         | 30%  | 200     | 60 USD     |
/// | `i-batch-1` | 129,600 s | exactly 95.0%: not below 95.0     | 30%  | 300     | 90 USD     |
/// | `i-batch-2` | 129,601 s | 94.99996…% < 95.0                 | 100% | 40      | 40 USD     |
///
/// Total 10 + 50 + 60 + 90 + 40 = 250 USD of 1,240 USD billed: 250 / 1,240 = 20.1613%.
/// Before per item, the worst instance (94.99996%) would have earned 100% of 1,240 USD.
#[test]
fn ec2_credits_each_instance_on_its_own_charges_at_every_boundary() {
    let outages = std::fs::read_to_string("examples/published/aws-ec2/outages.csv").expect("o");
    let charges = std::fs::read_to_string("examples/published/aws-ec2/charges.csv").expect("c");
    let strip = |s: &str| s.split_once('\n').expect("header").1.to_string();
    let r = eval_instances(&strip(&outages), &strip(&charges));
    let a = &r["agreements"][0];
    assert_eq!(a["agreement"], "ec2_instance_level");
    assert_eq!(a["objectives"][0]["open_seconds"], "2592000");
    assert_eq!(a["objectives"][0]["met"], false);
    let expect = [
        ("i-web-1", "12960", 99.5, None),
        (
            "i-web-2",
            "12961",
            100.0 - 12_961.0 / 25_920.0,
            Some((10.0, 10.0)),
        ),
        ("i-db-1", "25920", 99.0, Some((10.0, 50.0))),
        (
            "i-db-2",
            "25921",
            100.0 - 25_921.0 / 25_920.0,
            Some((30.0, 60.0)),
        ),
        ("i-batch-1", "129600", 95.0, Some((30.0, 90.0))),
        (
            "i-batch-2",
            "129601",
            100.0 - 129_601.0 / 25_920.0,
            Some((100.0, 40.0)),
        ),
    ];
    for (name, down, attainment, credit) in expect {
        let i = item(&r, name);
        assert_eq!(i["downtime_seconds"], down, "{i}");
        assert!(close(&i["attainment"], attainment), "{i}");
        match credit {
            None => assert!(i["percent"].is_null() && i["amount"].is_null(), "{i}"),
            Some((percent, amount)) => {
                assert!(close(&i["percent"], percent), "{i}");
                assert!(close(&i["amount"], amount), "{i}");
            }
        }
    }
    assert!(close(&a["total_amount"], 250.0), "{a}");
    assert!(close(&a["total_percent"], 25_000.0 / 1_240.0), "{a}");
    assert_eq!(a["currency"], "USD");
    assert_eq!(r["unmatched"]["outages"], 0);
}

/// "No credit under 1 USD" (`claims { minimum 1 USD }`), judged on the billing cycle's
/// whole credit:
/// * `i-tiny` billed 9 USD, down 12,961 s (just below 99.5%): 10% of 9 = 0.90 USD,
///   below 1 USD: nothing is paid, and a note says why.
/// * billed 12 USD instead: 10% = 1.20 USD, paid.
/// * 9 USD down 12,961 s next to `i-web-2` (100 USD, down 12,961 s, 10 USD): the cycle's
///   credit is 0.90 + 10 = 10.90 USD, paid whole.
/// * an outage without an item hits every instance: 12,961 s on both gives the same.
#[test]
fn ec2_credit_under_one_dollar_is_not_paid() {
    let down = |i: &str| format!("ec2_compute,2026-11-03T00:00:00Z,2026-11-03T03:36:01Z,,,,{i}\n");
    let bill = |i: &str, usd: u32| format!("ec2_example_co,ec2_compute,,2026-11,{usd},USD,{i}\n");

    let r = eval_instances(&down("i-tiny"), &bill("i-tiny", 9));
    let a = &r["agreements"][0];
    assert!(close(&item(&r, "i-tiny")["amount"], 0.9), "{a}");
    assert!(close(&a["total_amount"], 0.0), "{a}");
    let note = a["credits"].to_string() + &a.to_string();
    assert!(
        note.contains("not above the minimum credit of 1 USD"),
        "{a}"
    );

    let r = eval_instances(&down("i-tiny"), &bill("i-tiny", 12));
    assert!(close(&r["agreements"][0]["total_amount"], 1.2), "{r}");

    // "greater than one dollar": 10% of 10 USD is exactly 1 USD, not paid; of 10.10 USD
    // it is 1.01 USD, paid.
    let r = eval_instances(&down("i-tiny"), &bill("i-tiny", 10));
    assert!(close(&r["agreements"][0]["total_amount"], 0.0), "{r}");
    let r = eval_instances(
        &down("i-tiny"),
        "ec2_example_co,ec2_compute,,2026-11,10.10,USD,i-tiny\n",
    );
    assert!(close(&r["agreements"][0]["total_amount"], 1.01), "{r}");

    let charges = bill("i-tiny", 9) + &bill("i-web-2", 100);
    let r = eval_instances(&(down("i-tiny") + &down("i-web-2")), &charges);
    assert!(close(&r["agreements"][0]["total_amount"], 10.9), "{r}");
    let r = eval_instances(&down(""), &charges);
    assert!(close(&r["agreements"][0]["total_amount"], 10.9), "{r}");
}

/// `slac eval` of the EC2 Region-Level example with these outages and charges.
fn eval_regions(outages: &str, charges: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, c) = (dir.path().join("o.csv"), dir.path().join("c.csv"));
    std::fs::write(
        &o,
        format!("service,start,end,cause,announced,region\n{outages}"),
    )
    .expect("o");
    std::fs::write(
        &c,
        format!("customer,service,region,period,amount,currency\n{charges}"),
    )
    .expect("c");
    let r = Slac::new()
        .args([
            "eval",
            "examples/published/aws-ec2-region",
            "--period",
            "2026-11",
            "--outages",
            o.to_str().expect("utf-8"),
            "--charges",
            c.to_str().expect("utf-8"),
            "--today",
            "2026-12-01",
            "--format",
            "json",
        ])
        .run();
    r.assert_code(0);
    serde_json::from_str(&r.stdout).expect("JSON report")
}

/// Amazon EC2, Region-Level SLA: 99.99% for each region per monthly billing cycle; 10% of
/// the charges in the affected region below 99.99%, 30% below 99.0%, 100% below 95.0%.
/// November 2026 is 2,592,000 s: 99.99% allows 0.01% = 259.2 s; 99.0% is 25,920 s down;
/// 95.0% is 129,600 s down. The regions are the ones the charges and outages name; the
/// agreement declares none.
///
/// | region         | down      | attainment                   | tier | charges | credit  |
/// |----------------|-----------|------------------------------|------|---------|---------|
/// | `ca-central-1` | 259 s     | 99.990008% ≥ 99.99           | none | 1,000   | none    |
/// | `us-east-1`    | 260 s     | 99.989969% < 99.99, ≥ 99.0   | 10%  | 2,000   | 200 USD |
/// | `eu-west-1`    | 25,920 s  | exactly 99.0%: not below     | 10%  | 500     | 50 USD  |
/// | `eu-central-1` | 25,921 s  | 98.999961% < 99.0, ≥ 95.0    | 30%  | 300     | 90 USD  |
/// | `ap-south-1`   | 129,600 s | exactly 95.0%: not below     | 30%  | 80      | 24 USD  |
/// | `sa-east-1`    | 129,601 s | 94.999961% < 95.0            | 100% | 45      | 45 USD  |
/// | `us-west-2`    | 0 s       | 100%                         | none | 700     | none    |
///
/// Total 200 + 50 + 90 + 24 + 45 = 409 USD of 4,625 USD billed.
#[test]
fn ec2_region_level_credits_each_region_on_its_own_charges() {
    let outages =
        std::fs::read_to_string("examples/published/aws-ec2-region/outages.csv").expect("o");
    let charges =
        std::fs::read_to_string("examples/published/aws-ec2-region/charges.csv").expect("c");
    let strip = |s: &str| s.split_once('\n').expect("header").1.to_string();
    let r = eval_regions(&strip(&outages), &strip(&charges));
    let a = &r["agreements"][0];
    assert_eq!(a["agreement"], "ec2_region_level");
    let expect = [
        ("ca-central-1", "259", None),
        ("us-east-1", "260", Some((10.0, 200.0))),
        ("eu-west-1", "25920", Some((10.0, 50.0))),
        ("eu-central-1", "25921", Some((30.0, 90.0))),
        ("ap-south-1", "129600", Some((30.0, 24.0))),
        ("sa-east-1", "129601", Some((100.0, 45.0))),
        ("us-west-2", "0", None),
    ];
    for (name, down, credit) in expect {
        let i = item(&r, name);
        assert_eq!(i["downtime_seconds"], down, "{i}");
        let d: f64 = down.parse().expect("number");
        assert!(close(&i["attainment"], 100.0 - d / 25_920.0), "{i}");
        match credit {
            None => assert!(i["percent"].is_null() && i["amount"].is_null(), "{i}"),
            Some((percent, amount)) => {
                assert!(close(&i["percent"], percent), "{i}");
                assert!(close(&i["amount"], amount), "{i}");
            }
        }
    }
    assert!(close(&a["total_amount"], 409.0), "{a}");
    assert_eq!(r["unmatched"]["outages"], 0);
    assert_eq!(r["unmatched"]["reasons"], serde_json::json!([]));
}

/// A region the charges do not bill but an outage names is judged with no charges (no
/// amount), and an outage without a region hits every region. A service without a `per
/// region` penalty still rejects a region no agreement declares.
#[test]
fn ec2_region_level_outage_without_region_hits_every_region() {
    let charges = "ec2r_example_co,ec2r_compute,us-east-1,2026-11,2000,USD\n\
                   ec2r_example_co,ec2r_compute,eu-west-1,2026-11,500,USD\n";
    // 260 s everywhere: both regions below 99.99%, 10% each.
    let r = eval_regions(
        "ec2r_compute,2026-11-02T10:00:00Z,2026-11-02T10:04:20Z,,,\n",
        charges,
    );
    assert!(close(&item(&r, "us-east-1")["amount"], 200.0), "{r}");
    assert!(close(&item(&r, "eu-west-1")["amount"], 50.0), "{r}");
    assert!(close(&r["agreements"][0]["total_amount"], 250.0), "{r}");

    let dir = tempfile::tempdir().expect("temp dir");
    let o = dir.path().join("o.csv");
    std::fs::write(
        &o,
        "service,start,end,cause,announced,region\nec2_compute,2026-11-02T10:00:00Z,2026-11-02T10:04:20Z,,,us-east-1\n",
    )
    .expect("o");
    let r = Slac::new()
        .args([
            "eval",
            "examples/published/aws-ec2",
            "--period",
            "2026-11",
            "--outages",
            o.to_str().expect("utf-8"),
            "--today",
            "2026-12-01",
        ])
        .run();
    assert!(!r.status.success(), "{}", r.stdout);
    assert!(
        r.stderr.contains("unknown region `us-east-1`"),
        "{}",
        r.stderr
    );
}

/// The contract words the exclusive minimum as the published text does.
#[test]
fn ec2_minimum_above_is_worded_in_the_contract() {
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path().join("out");
    Slac::new()
        .args([
            "build",
            "examples/published/aws-ec2-region",
            "--out",
            dir.to_str().expect("utf-8"),
            "--emit",
            "markdown",
            "--today",
            "2026-12-01",
        ])
        .run()
        .assert_code(0);
    let md =
        std::fs::read_to_string(dir.join("customers/ec2r_example_co/markdown/ec2_region_level.md"))
            .expect("contract");
    assert!(
        md.contains("A credit of 1 USD or less for a month is not paid"),
        "{md}"
    );
}
