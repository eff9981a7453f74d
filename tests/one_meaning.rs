//! One meaning everywhere (issue 15): the allowance the contract prints, the figure
//! `portfolio.json` carries and what `slac eval` judges are one model value. For every
//! SLA of the example portfolios, of a portfolio with monthly, quarterly and yearly
//! objectives in office hours and at any hour, and of the synthetic scale portfolio, and
//! for every period of its validity, the real `slac eval` meets the objective with
//! downtime equal to the printed allowance and misses it with one second more. Credit,
//! cap and claim texts name the period and fee basis `eval` pays on.

use crate::common::Slac;
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
                Some(s) => vec![s.value.name.to_string()],
                None => terms
                    .service_refs()
                    .iter()
                    .map(|r| r.name.to_string())
                    .collect(),
            };
            if services.is_empty() {
                continue;
            }
            out.push(Case {
                agreement: a.name.clone(),
                objective: o.id.to_string(),
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
    let r = Slac::new().args(&args).run();
    r.assert_code(0);
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
            let r = Slac::new().args(&args).run();
            r.assert_code(0);
            let report: Value = serde_json::from_str(&r.stdout).expect("JSON report");
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
    let r = Slac::new()
        .args([
            "build",
            inputs,
            "--out",
            out.to_str().expect("utf-8"),
            "--emit",
            "markdown",
            "--today",
            TODAY,
        ])
        .run();
    r.assert_code(0);
    fs::read_to_string(out.join(format!("internal/markdown/{stem}.md")))
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
        let r = Slac::new()
            .args([
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
            ])
            .run();
        r.assert_code(0);
        let report: Value = serde_json::from_str(&r.stdout).expect("JSON");
        assert_eq!(
            credit_amount(&report, agreement),
            Value::from(amount),
            "{report}"
        );
    }
}

const MONITORED: &str = "tests/one_meaning/monitored.sla";

/// Builds `input` with prometheus and json for `today`; returns the rules of `agreement`
/// and the exact allowance portfolio.json gives the objective `availability` in `period`.
fn rules_and_allowance(
    dir: &Path,
    input: &str,
    today: &str,
    agreement: &str,
    period: &str,
) -> (PathBuf, String, String) {
    let out = dir.join("out");
    let r = Slac::new()
        .args([
            "build",
            input,
            "--out",
            out.to_str().expect("utf-8"),
            "--emit",
            "prometheus,alertmanager,json",
            "--today",
            today,
        ])
        .run();
    r.assert_code(0);
    let rules = out.join(format!("prometheus/{agreement}.rules.yml"));
    let text = fs::read_to_string(&rules).expect("rules");
    let json: Value = serde_json::from_str(
        &fs::read_to_string(out.join("json/portfolio.json")).expect("portfolio.json"),
    )
    .expect("JSON");
    let allowed = json["allowances"]
        .as_array()
        .expect("allowances")
        .iter()
        .find(|a| a["agreement"] == agreement && a["region"].is_null())
        .and_then(|a| {
            a["periods"]
                .as_array()
                .expect("periods")
                .iter()
                .find(|p| p["period"] == period)
        })
        .map(|p| p["allowed_seconds"].as_str().expect("decimal").to_string())
        .expect("the period's allowance");
    (rules, text, allowed)
}

/// The expression of the first recording of `name` in a rule file.
fn recorded<'a>(text: &'a str, name: &str) -> &'a str {
    let at = text
        .find(&format!("- record: \"{name}\""))
        .unwrap_or_else(|| panic!("no {name}"));
    let rest = &text[at..];
    let expr = &rest[rest.find("expr: \"").expect("expr") + 7..];
    &expr[..expr.find('"').expect("end")]
}

fn vector(expr: &str) -> rust_decimal::Decimal {
    expr.trim_start_matches("vector(")
        .trim_end_matches(')')
        .parse()
        .expect("a decimal")
}

/// March 2026 (30d23h in Paris) and Q1 2026 (89d23h), in an example, a quarterly
/// portfolio and the synthetic one: the rules' window is the model's period, and its budget over it is the contract's allowance, to the precision the rule
/// prints its days in (six places).
#[test]
fn one_meaning_monitoring_budget_is_the_contracts_allowance() {
    let synth = tempfile::tempdir().expect("temp dir");
    for f in slac::synth::portfolio(12) {
        fs::write(synth.path().join(&f.name), &f.text).expect("write synth");
    }
    let synth = synth.path().to_str().expect("utf-8").to_string();
    for (input, agreement, period, window, printed) in [
        (
            synth.as_str(),
            "svc0_sla",
            "2026-03",
            "30d23h",
            // 0.5% of 743 h.
            "allowance in March 2026: 3 h 42 min 54 s of downtime",
        ),
        (
            "examples/acme",
            "globex_checkout",
            "2026-03",
            "30d23h",
            "allowance in March 2026: 44 min 34 s of downtime",
        ),
        (
            MONITORED,
            "api_quarterly",
            "2026-Q1",
            "89d23h",
            "allowance in Q1 2026: 2 h 9 min 32 s of downtime",
        ),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_, text, allowed) =
            rules_and_allowance(dir.path(), input, "2026-03-10", agreement, period);
        assert!(text.contains(&format!("ratio_rate{window}")), "{text}");
        assert!(text.contains(printed), "{text}");
        let budget = vector(recorded(&text, "slac:error_budget:ratio"));
        let days = vector(recorded(&text, "slac:time_period:days"));
        let allowed: rust_decimal::Decimal = allowed.parse().expect("decimal");
        let spent = budget * days * rust_decimal::Decimal::from(86_400);
        assert!(
            (spent - allowed).abs() < rust_decimal::Decimal::new(1, 1),
            "{spent} against {allowed}"
        );
    }
}

/// An objective counted only in office hours: its burn-rate factors are taken over the
/// service hours of the period, the open time the contract's allowance is a share of,
/// and the Alertmanager file names those hours beside the calendar's interval.
#[test]
fn one_meaning_monitoring_service_hours_are_the_contracts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = "tests/monitoring/initech.sla";
    let (_, text, allowed) =
        rules_and_allowance(dir.path(), input, TODAY, "initech_api", "2026-Q4");
    let json: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("out/json/portfolio.json")).expect("json"),
    )
    .expect("JSON");
    let open: rust_decimal::Decimal = json["allowances"]
        .as_array()
        .expect("allowances")
        .iter()
        .find(|a| a["agreement"] == "initech_api" && a["region"].is_null())
        .and_then(|a| {
            a["periods"]
                .as_array()
                .expect("periods")
                .iter()
                .find(|p| p["period"] == "2026-Q4")
        })
        .map(|p| {
            p["open_seconds"]
                .as_str()
                .expect("decimal")
                .parse()
                .expect("decimal")
        })
        .expect("Q4 2026");
    let hours = open / rust_decimal::Decimal::from(3600);
    assert!(
        text.contains(&format!("budget spread over {hours} h of service hours")),
        "{hours} h\n{text}"
    );
    // 2% of the budget in 1 h: 2% × the service hours.
    let f1 = (hours * rust_decimal::Decimal::new(2, 2)).normalize();
    assert!(text.contains(&format!("> ({f1} * 0.0005)")), "{f1}\n{text}");
    let allowed: rust_decimal::Decimal = allowed.parse().expect("decimal");
    assert_eq!(open * rust_decimal::Decimal::new(5, 4), allowed);
    // The Alertmanager file names the same hours beside the interval to route with.
    let am = fs::read_to_string(dir.path().join("out/alertmanager/time_intervals.yml"))
        .expect("time intervals");
    assert!(
        am.contains(&format!(
            "initech_api/availability ({hours} h of service hours in Q4 2026)"
        )),
        "{am}"
    );
}

/// A steady error ratio of exactly 1 − target over the whole period: promtool computes a
/// period burn rate of 1, nothing of the budget left, and downtime-equivalent of the error
/// ratio over the period equal to the allowance portfolio.json and the contract give
/// (floating point rounded to a millionth of the ratio, a thousandth of a second).
#[test]
#[ignore = "needs promtool"]
fn one_meaning_promtool_steady_burn_spends_exactly_the_allowance() {
    for (input, agreement, period, window, hours, labels) in [
        (
            "examples/acme",
            "globex_checkout",
            "2026-03",
            "30d23h",
            743,
            r#"agreement="globex_checkout",objective="availability",kind="availability",service="checkout",customer="globex""#,
        ),
        (
            MONITORED,
            "api_quarterly",
            "2026-Q1",
            "89d23h",
            2159,
            r#"agreement="api_quarterly",objective="availability",kind="availability",service="api",customer="globex""#,
        ),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (rules, _, allowed) =
            rules_and_allowance(dir.path(), input, "2026-03-10", agreement, period);
        // One sample an hour; one error in every thousand requests: the budget rate of a
        // 99.9% objective, from the first hour of the period to its end.
        let series = if agreement == "globex_checkout" {
            "      - series: 'http_requests_total{job=\"checkout\",code=\"200\"}'\n        values: '0+999x2200'\n      - series: 'http_requests_total{job=\"checkout\",code=\"500\"}'\n        values: '0+1x2200'\n".to_string()
        } else {
            "      - series: 'api_requests_total'\n        values: '0+1000x2200'\n      - series: 'api_errors_total'\n        values: '0+1x2200'\n".to_string()
        };
        let unit = format!(
            "rule_files:
  - {rules}
evaluation_interval: 1h
tests:
  - interval: 1h
    input_series:
{series}    promql_expr_test:
      - expr: round(slac:period_burn_rate:ratio{{{labels}}}, 0.000001)
        eval_time: {hours}h
        exp_samples:
          - labels: '{{{labels}}}'
            value: 1
      - expr: round(slac:period_error_budget_remaining:ratio{{{labels}}}, 0.000001)
        eval_time: {hours}h
        exp_samples:
          - labels: '{{{labels}}}'
            value: 0
      - expr: round(slac:sli_error:ratio_rate{window}{{{labels}}} * {seconds}, 0.001)
        eval_time: {hours}h
        exp_samples:
          - labels: '{{{labels}}}'
            value: {allowed}
",
            rules = rules.display(),
            seconds = hours * 3600,
        );
        let path = dir.path().join("unit.yml");
        fs::write(&path, &unit).expect("write unit test");
        let o = std::process::Command::new("promtool")
            .args(["test", "rules"])
            .arg(&path)
            .output()
            .expect("promtool is installed (see .ci/run)");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.status.success() && text.contains("SUCCESS"),
            "{text}\n{unit}"
        );
    }
}
