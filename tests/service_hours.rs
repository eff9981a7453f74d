//! Service-hours budgets in the Prometheus rules (issue 20.2): an objective counted
//! `during` a calendar counts only traffic in the calendar's hours and alerts only then.
//! The gate series is the model's calendar (promtool evaluates it at instants across a
//! clock change, a holiday and a part-day closure and each is compared with the clock's
//! `is_open`), and a page fires for errors at 14.4× the budget in service hours, not for
//! the same errors outside them. The promtool tests are ignored in a plain `cargo test`
//! (.ci/run installs promtool).

use crate::common::Slac;
use serde_norway::Value;
use slac::time::Instant;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const INPUT: &str = "tests/monitoring/service_hours.sla";
const RULES: &str = "prometheus/globex_api.rules.yml";
const MINUTE_MS: i64 = 60_000;

fn build(dir: &Path, today: &str) -> PathBuf {
    let out = dir.join("out");
    Slac::new()
        .args([
            "build",
            INPUT,
            "--emit",
            "prometheus",
            "--today",
            today,
            "--out",
        ])
        .arg(&out)
        .run()
        .assert_code(0);
    out.join(RULES)
}

fn rules(path: &Path) -> Vec<Value> {
    let file: Value =
        serde_norway::from_str(&fs::read_to_string(path).expect("rules")).expect("YAML");
    file["groups"]
        .as_sequence()
        .expect("groups")
        .iter()
        .flat_map(|g| g["rules"].as_sequence().expect("rules").clone())
        .collect()
}

fn rule<'a>(rules: &'a [Value], key: &str, name: &str) -> &'a Value {
    rules
        .iter()
        .find(|r| r[key].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no {key} {name}"))
}

fn promtool_test(dir: &Path, unit: &str) {
    let path = dir.join("unit.yml");
    fs::write(&path, unit).expect("write unit test");
    let o = Command::new("promtool")
        .args(["test", "rules"])
        .arg(&path)
        .output()
        .expect("promtool is installed (see .ci/run)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success() && text.contains("SUCCESS"), "{text}");
}

fn calendar(name: &str) -> slac::time::Calendar {
    let sources = crate::common::load(&[PathBuf::from(INPUT)]);
    let c = slac::compile::check(
        &sources,
        &slac::compile::Options {
            today: crate::common::today(),
        },
    );
    let p = c.portfolio.expect("the portfolio checks");
    p.calendars
        .iter()
        .find(|c| c.name == name)
        .expect("the calendar")
        .clock
        .clone()
}

/// Every 37 minutes through March and April 2026 (Paris changes its clocks on 29 March;
/// 30 March is closed from 14:00, 6 April all day), and at each change of the clock's
/// openness in that span and a minute before it: promtool's value of the gate's
/// expression is the model's `is_open`.
#[test]
#[ignore = "needs promtool"]
fn service_hours_promtool_gate_is_the_models_calendar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules_path = build(dir.path(), "2026-03-10");
    let all = rules(&rules_path);
    let gate = rule(&all, "record", "slac:calendar_open")["expr"]
        .as_str()
        .expect("expr");
    let cal = calendar("paris_office");
    // 2026-03-01T00:00Z to 2026-04-30T00:00Z.
    let (from, to) = (1_772_323_200_000_i64, 1_777_507_200_000_i64);
    let mut instants: Vec<i64> = (from..to).step_by(37 * MINUTE_MS as usize).collect();
    let mut t = Instant(from);
    while let Some(c) = cal.next_change(t).filter(|c| c.millis() < to) {
        instants.extend([c.millis() - MINUTE_MS, c.millis()]);
        t = c;
    }
    instants.sort_unstable();
    instants.dedup();
    let (mut open, mut closed) = (0, 0);
    let mut unit = String::from(
        "rule_files: []\nevaluation_interval: 8760h\ntests:\n  - interval: 8760h\n    promql_expr_test:\n",
    );
    for &t in &instants {
        let is_open = cal.is_open(Instant(t));
        if is_open {
            open += 1;
        } else {
            closed += 1;
        }
        let _ = write!(
            unit,
            "      - expr: '{gate}'\n        eval_time: {m}m\n        exp_samples:\n          - labels: '{{}}'\n            value: {v}\n",
            m = t / MINUTE_MS,
            v = u8::from(is_open),
        );
    }
    assert!(open > 100 && closed > 100, "{open} open, {closed} closed");
    promtool_test(dir.path(), &unit);
}

/// Errors at 14.4× the budget all day on Thursday 1 January 1970 (the start of
/// promtool's clock; the office opens at 09:00 in Paris, 08:00 UTC): the page fires in
/// service hours and not before or after them, though the error rate is the same.
#[test]
#[ignore = "needs promtool"]
fn service_hours_promtool_page_in_open_hours_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules_path = build(dir.path(), "1970-01-01");
    let all = rules(&rules_path);
    let page = rule(&all, "alert", "SlaErrorBudgetBurnPage");
    let flow = |key: &str| serde_json::to_string(&page[key]).expect("a mapping");
    // 1000 requests a minute, 14.4 of them errors: 1.44%, 14.4 × the 0.1% budget.
    let unit = format!(
        r"rule_files:
  - {rules}
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'api_requests_total'
        values: '0+1000x1500'
      - series: 'api_errors_total'
        values: '0+14.4x1500'
    alert_rule_test:
      - eval_time: 7h50m
        alertname: SlaErrorBudgetBurnPage
        exp_alerts: []
      - eval_time: 9h30m
        alertname: SlaErrorBudgetBurnPage
        exp_alerts:
          - exp_labels: {labels}
            exp_annotations: {annotations}
      - eval_time: 16h
        alertname: SlaErrorBudgetBurnPage
        exp_alerts:
          - exp_labels: {labels}
            exp_annotations: {annotations}
      - eval_time: 17h
        alertname: SlaErrorBudgetBurnPage
        exp_alerts: []
      - eval_time: 22h
        alertname: SlaErrorBudgetBurnPage
        exp_alerts: []
",
        rules = rules_path.display(),
        labels = flow("labels"),
        annotations = flow("annotations"),
    );
    promtool_test(dir.path(), &unit);
}

/// Thursday 1 January 1970: one error in a thousand requests in service hours (Paris
/// 09:00–12:00 and 13:00–17:30, 08:00–11:00 and 12:00–16:30 UTC) and fifty in a thousand
/// outside them, lunch included. The day's and the period's error ratios count the
/// service hours only: exactly the budget rate, a period burn rate of 1.
#[test]
#[ignore = "needs promtool"]
fn service_hours_promtool_period_ratio_counts_open_traffic_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules_path = build(dir.path(), "1970-01-01");
    let all = rules(&rules_path);
    let labels = serde_json::to_string(&rule(&all, "record", "slac:objective:ratio")["labels"])
        .expect("labels");
    // `{"agreement":"globex_api",…}` as a PromQL selector and a promtool label set.
    let sel = labels.replace("\":\"", "=\"").replace("\",\"", "\",");
    let sel = format!("{{{}", &sel[2..]);
    let window = all
        .iter()
        .filter_map(|r| r["record"].as_str())
        .find(|r| {
            r.starts_with("slac:sli_error:ratio_rate")
                && r.ends_with('d')
                && !r.ends_with("rate1d")
                && !r.ends_with("rate3d")
        })
        .expect("the period's ratio")
        .to_string();
    let unit = format!(
        r"rule_files:
  - {rules}
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'api_requests_total'
        values: '0+1000x1440'
      - series: 'api_errors_total'
        values: '0+50x480 24001+1x179 24230+50x59 27181+1x269 27500+50x449'
    promql_expr_test:
      - expr: round(slac:sli_error:ratio_rate1d{sel}, 0.000001)
        eval_time: 1440m
        exp_samples:
          - labels: '{sel}'
            value: 0.001
      - expr: round({window}{sel}, 0.000001)
        eval_time: 1440m
        exp_samples:
          - labels: '{sel}'
            value: 0.001
      - expr: round(slac:period_burn_rate:ratio{sel}, 0.000001)
        eval_time: 1440m
        exp_samples:
          - labels: '{sel}'
            value: 1
",
        rules = rules_path.display(),
    );
    promtool_test(dir.path(), &unit);
}
