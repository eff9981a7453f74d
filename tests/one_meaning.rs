//! One meaning everywhere (issue 15): the allowance the contract prints, the figure
//! `portfolio.json` carries and what `slac eval` judges are one model value. For every
//! SLA of the example portfolios, of a portfolio with monthly, quarterly and yearly
//! objectives in office hours and at any hour, and of the synthetic scale portfolio, and
//! for every period of its validity, the real `slac eval` meets the objective with
//! downtime equal to the printed allowance and misses it with one second more. Credit,
//! cap and claim texts name the period and fee basis `eval` pays on.

use crate::common::{slac, stderr, stdout};
use chrono::{DateTime, SecondsFormat};
use serde_json::Value;
use slac::model::periods::{self, Period, PeriodAllowance};
use slac::model::{AgreementKind, ObjectiveKind, Portfolio};
use slac::time::Instant;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-26";
const PERIODS: &str = "tests/one_meaning/periods.sla";

fn today() -> chrono::NaiveDate {
    crate::common::today()
}

fn checked(paths: &[PathBuf]) -> Portfolio {
    let sources = crate::common::load(paths);
    let c = slac::compile::check(&sources, &slac::compile::Options { today: today() });
    c.portfolio.expect("the portfolio checks")
}

/// One availability objective of one SLA: its services, calendar and the allowance of
/// every period the model lists.
struct Case {
    agreement: String,
    objective: String,
    services: Vec<String>,
    during: usize,
    periods: Vec<PeriodAllowance>,
}

fn cases(p: &Portfolio) -> Vec<Case> {
    let mut out = Vec::new();
    for a in p.agreements.iter().filter(|a| a.kind == AgreementKind::Sla) {
        let terms = &a.terms;
        for o in terms.objective(ObjectiveKind::Availability) {
            let Some(list) = periods::allowances(p, terms, o, today()) else {
                continue;
            };
            let services: Vec<String> = match &o.service {
                Some(s) => vec![s.value.name.clone()],
                None => terms
                    .service_refs()
                    .iter()
                    .map(|r| r.name.clone())
                    .collect(),
            };
            if services.is_empty() {
                continue;
            }
            out.push(Case {
                agreement: a.name.clone(),
                objective: o.id.clone(),
                services,
                during: o.during.as_ref().map_or(0, |d| d.value.index),
                periods: list,
            });
        }
    }
    out
}

fn rfc3339(ns: i64) -> String {
    DateTime::from_timestamp_nanos(ns).to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The end of an outage from `from` that covers `ms` of the calendar's open time.
fn outage_end(p: &Portfolio, during: usize, from: i64, ms: i64) -> i64 {
    let clock = &p.calendars[during].clock;
    if clock.is_always() {
        return from + ms * 1_000_000;
    }
    let start = Instant(from.div_euclid(1_000_000));
    clock.deadline(start, ms).expect("a deadline").0 * 1_000_000
}

/// `portfolio.json` of a real build: the allowances of every objective, by agreement,
/// region and objective, as exact decimal strings.
fn json_allowances(
    dir: &Path,
    inputs: &[&str],
) -> BTreeMap<(String, String), Vec<(String, String)>> {
    let out = dir.join("json");
    let mut args = vec!["build"];
    args.extend_from_slice(inputs);
    let o = out.to_str().expect("utf-8");
    args.extend(["--out", o, "--emit", "json", "--today", TODAY]);
    let r = slac(&args);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let text = fs::read_to_string(out.join("json/portfolio.json")).expect("portfolio.json");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let mut map = BTreeMap::new();
    for a in v["allowances"].as_array().expect("allowances") {
        if !a["region"].is_null() {
            continue;
        }
        let periods = a["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .map(|p| {
                (
                    p["period"].as_str().expect("period").to_string(),
                    p["allowed_seconds"].as_str().expect("decimal").to_string(),
                )
            })
            .collect();
        map.insert(
            (
                a["agreement"].as_str().expect("name").to_string(),
                a["objective"].as_str().expect("id").to_string(),
            ),
            periods,
        );
    }
    map
}

/// Every case, every period: eval meets the objective at the printed allowance and misses
/// it one second later. One eval per period and outcome, every service of the period in it.
fn every_period_agrees(inputs: &[&str]) {
    let paths: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let p = checked(&paths);
    let cases = cases(&p);
    assert!(!cases.is_empty(), "no availability objective in {inputs:?}");
    let dir = tempfile::tempdir().expect("temp dir");

    // portfolio.json carries the model's exact figures.
    let json = json_allowances(dir.path(), inputs);
    for c in &cases {
        let listed = &json[&(c.agreement.clone(), c.objective.clone())];
        let model: Vec<(String, String)> = c
            .periods
            .iter()
            .map(|a| (a.period.to_string(), a.allowed.to_string()))
            .collect();
        assert_eq!(listed, &model, "{}", c.agreement);
    }

    let mut by_period: BTreeMap<Period, Vec<(&Case, &PeriodAllowance)>> = BTreeMap::new();
    for c in &cases {
        for a in &c.periods {
            by_period.entry(a.period).or_default().push((c, a));
        }
    }
    for (period, list) in &by_period {
        for extra in [0, 1000] {
            let mut csv = String::from("service,start,end,cause,announced\n");
            for (c, a) in list {
                let end = outage_end(&p, c.during, a.from, a.printed_ms() + extra);
                for s in &c.services {
                    let _ = writeln!(csv, "{s},{},{},,", rfc3339(a.from), rfc3339(end));
                }
            }
            let file = dir.path().join("outages.csv");
            fs::write(&file, &csv).expect("write outages");
            let mut args: Vec<&str> = vec!["eval"];
            args.extend_from_slice(inputs);
            let period_text = period.to_string();
            let f = file.to_str().expect("utf-8");
            args.extend([
                "--period",
                &period_text,
                "--outages",
                f,
                "--format",
                "json",
                "--today",
                TODAY,
            ]);
            let r = slac(&args);
            assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
            let report: Value = serde_json::from_str(&stdout(&r)).expect("JSON report");
            for (c, a) in list {
                let agreement = report["agreements"]
                    .as_array()
                    .expect("agreements")
                    .iter()
                    .find(|x| x["agreement"] == c.agreement.as_str() && x["region"].is_null())
                    .unwrap_or_else(|| panic!("{} not judged in {period}", c.agreement));
                let objective = agreement["objectives"]
                    .as_array()
                    .expect("objectives")
                    .iter()
                    .find(|o| o["name"] == c.objective.as_str())
                    .expect("the objective");
                assert_eq!(
                    objective["met"],
                    Value::Bool(extra == 0),
                    "{} {period}: allowance {} s (printed {} ms) + {extra} ms: {objective}\n{csv}",
                    c.agreement,
                    a.allowed,
                    a.printed_ms()
                );
            }
        }
    }
}

#[test]
fn one_meaning_acme_allowances_agree_with_eval_every_month() {
    every_period_agrees(&["examples/acme"]);
}

#[test]
fn one_meaning_initech_allowances_agree_with_eval_every_month() {
    every_period_agrees(&["examples/initech"]);
}

#[test]
fn one_meaning_months_quarters_years_in_hours_and_partial_agree_with_eval() {
    every_period_agrees(&[PERIODS]);
}

#[test]
fn one_meaning_synthetic_portfolio_agrees_with_eval() {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in slac::synth::portfolio(12) {
        fs::write(dir.path().join(&f.name), &f.text).expect("write synth");
    }
    let d = dir.path().to_str().expect("utf-8").to_string();
    every_period_agrees(&[&d]);
}

/// The contract's numbers, as a reader sees them: the Markdown, backslash escapes removed.
fn markdown(inputs: &str, stem: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let r = slac(&[
        "build",
        inputs,
        "--out",
        out.to_str().expect("utf-8"),
        "--emit",
        "markdown",
        "--today",
        TODAY,
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    fs::read_to_string(out.join(format!("markdown/{stem}.md")))
        .expect("contract")
        .replace('\\', "")
}

#[test]
fn one_meaning_printed_allowances_are_the_models_real_figures() {
    let md = markdown("examples/acme", "globex_checkout");
    // March 2026 in Paris has 743 h: 44 min 34 s, not the 31-day 44 min 38 s; February
    // 40 min 19 s; both years of validity are listed.
    assert!(md.contains("| Month | 2026 | 2027 |"), "{md}");
    assert!(md.contains("| March | 44 min 34 s | 44 min 34 s |"), "{md}");
    assert!(
        md.contains("| February | 40 min 19 s | 40 min 19 s |"),
        "{md}"
    );
    let q = markdown(PERIODS, "quarterly_any");
    // Q1 2026 in Paris: 2159 h → 2 h 9 min 32 s.
    assert!(q.contains("| Q1 | 2 h 9 min 32 s |"), "{q}");
    // Office hours: both years, and the partial first month marked.
    let m = markdown(PERIODS, "monthly_office");
    assert!(m.contains("| Month | 2026 | 2027 |"), "{m}");
    assert!(m.contains("| January | – |"), "{m}");
    assert!(
        m.contains("* The agreement is in force for part of that period"),
        "{m}"
    );
}

/// The JSON credit lines of one agreement in an eval report.
fn credit_amount(report: &Value, agreement: &str) -> Value {
    let a = report["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .find(|x| x["agreement"] == agreement)
        .expect("agreement");
    a["total_amount"].clone()
}

#[test]
fn one_meaning_credit_texts_name_the_period_eval_pays_on() {
    // Month: the example's monthly SLA.
    let md = markdown("examples/acme", "globex_checkout");
    assert!(
        md.contains("below 99.9% → 10% of the monthly fee (1,200 EUR)"),
        "{md}"
    );
    assert!(md.contains("for all credits of one month together"), "{md}");
    assert!(
        md.contains("within 30 days of the end of the month concerned"),
        "{md}"
    );
    // Quarter: 210 USD a month, 10% of the quarter's 630 USD.
    let q = markdown(PERIODS, "quarterly_any");
    assert!(
        q.contains("below 99.9% → 10% of the quarterly fee (63 USD)"),
        "{q}"
    );
    assert!(
        q.contains("50% of the quarterly fee (315 USD) for all credits of one quarter together"),
        "{q}"
    );
    assert!(
        q.contains("within 30 days of the end of the quarter concerned"),
        "{q}"
    );
    // Year: 100 USD a month, 5% of 1,200 USD.
    let y = markdown(PERIODS, "yearly_any");
    assert!(
        y.contains("below 99.99% → 5% of the yearly fee (60 USD)"),
        "{y}"
    );
    assert!(
        y.contains("within 60 days of the end of the year concerned"),
        "{y}"
    );

    // And eval pays exactly those amounts when the tier applies.
    let dir = tempfile::tempdir().expect("temp dir");
    for (period, service, start, end, agreement, amount) in [
        (
            "2026-Q2",
            "qtr_any",
            "2026-04-01T00:00:00+02:00",
            "2026-04-02T00:00:00+02:00",
            "quarterly_any",
            63.0,
        ),
        (
            "2026",
            "yr_any",
            "2026-04-01T00:00:00Z",
            "2026-04-02T00:00:00Z",
            "yearly_any",
            60.0,
        ),
    ] {
        let file = dir.path().join("o.csv");
        fs::write(
            &file,
            format!("service,start,end,cause,announced\n{service},{start},{end},,\n"),
        )
        .expect("write");
        let r = slac(&[
            "eval",
            PERIODS,
            "--period",
            period,
            "--outages",
            file.to_str().expect("utf-8"),
            "--format",
            "json",
            "--today",
            TODAY,
        ]);
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
        let report: Value = serde_json::from_str(&stdout(&r)).expect("JSON");
        assert_eq!(
            credit_amount(&report, agreement),
            Value::from(amount),
            "{report}"
        );
    }
}
