//! Monitoring outputs: Prometheus rules, Alertmanager time intervals, `OpenSLO`. The tests
//! that run promtool and amtool are ignored in a plain `cargo test`; run them with
//! `cargo test -- --include-ignored monitoring` (.ci/run installs the tools).

use crate::common::Slac;
use serde_norway::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const ACME: &str = "examples/acme";
const INITECH: &str = "tests/monitoring/initech.sla";
const CHECKOUT_RULES: &str = "prometheus/globex_checkout.rules.yml";

/// Builds `input` with `--today` into a fresh temporary directory.
fn build(input: &str, today: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            input,
            "--out",
            out.to_str().expect("utf-8"),
            "--today",
            today,
        ])
        .run();
    r.assert_code(0);
    (dir, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every output file below `dir` (not the writer's manifest), relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("list") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p != dir.join(slac::output::MANIFEST) {
                let rel = p.strip_prefix(dir).expect("below").to_string_lossy();
                out.push(rel.into_owned());
            }
        }
    }
    out.sort();
    out
}

/// The rules of a rule file, parsed back (`groups[].rules[]`), in file order.
fn rules(text: &str) -> Vec<Value> {
    let file: Value = serde_norway::from_str(text).expect("a rule file is YAML");
    file["groups"]
        .as_sequence()
        .expect("groups")
        .iter()
        .flat_map(|g| g["rules"].as_sequence().expect("rules").clone())
        .collect()
}

/// The documents of an `OpenSLO` file, parsed back.
fn openslo_docs(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|d| serde::Deserialize::deserialize(d).expect("valid YAML"))
        .collect()
}

/// The string at `key` of `v` (`""` when absent).
fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

/// The alert of one objective with this name.
fn alert(text: &str, objective: &str, name: &str) -> Value {
    rules(text)
        .into_iter()
        .find(|r| str_at(r, "alert") == name && str_at(&r["labels"], "objective") == objective)
        .unwrap_or_else(|| panic!("no {name} for {objective}"))
}

/// The `expr` of the alert of one objective with this name.
fn alert_expr(text: &str, objective: &str, name: &str) -> String {
    expr(&alert(text, objective, name)).to_owned()
}

/// The `expr` of a rule.
fn expr(rule: &Value) -> &str {
    str_at(rule, "expr")
}

#[test]
fn monitoring_files_are_named_per_agreement_and_calendar() {
    let (_dir, out) = build(ACME, "2026-11-26");
    let monitoring: Vec<String> = files(&out)
        .into_iter()
        .filter(|f| !f.starts_with("internal/") && !f.starts_with("customers/"))
        .collect();
    assert_eq!(
        monitoring,
        [
            "alertmanager/time_intervals.yml",
            "grafana/globex_checkout.json",
            "json/portfolio.json",
            "openslo/globex_checkout.yaml",
            "prometheus-operator/globex_checkout.yaml",
            CHECKOUT_RULES,
        ],
        "only globex_checkout has prometheus indicators"
    );
    let r = Slac::new()
        .args([
            "build",
            ACME,
            "--out",
            "/tmp/x",
            "--emit",
            "prometheus,nope",
        ])
        .run();
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn monitoring_emit_selects_backends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            ACME,
            "--out",
            out.to_str().expect("utf-8"),
            "--emit",
            "prometheus,openslo",
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(0);
    assert_eq!(
        files(&out),
        ["openslo/globex_checkout.yaml", CHECKOUT_RULES]
    );
}

#[test]
fn monitoring_burn_rate_factors_are_exact_for_30_and_28_days() {
    let (_dir, out) = build(ACME, "2026-11-26");
    let text = read(&out, CHECKOUT_RULES);
    // Availability, a calendar month: November in Europe/Paris is 30 days.
    let page = alert_expr(&text, "availability", "SlaErrorBudgetBurnPage");
    assert!(page.contains("ratio_rate1h{agreement=\"globex_checkout\",objective=\"availability\",kind=\"availability\",service=\"checkout\",customer=\"globex\"} > (14.4 * 0.001)"), "{page}");
    assert!(page.contains("ratio_rate5m{") && page.contains("> (6 * 0.001)"));
    assert!(page.contains("ratio_rate6h{") && page.contains("ratio_rate30m{"));
    let ticket = alert_expr(&text, "availability", "SlaErrorBudgetBurnTicket");
    assert!(ticket.contains("ratio_rate1d{") && ticket.contains("> (3 * 0.001)"));
    assert!(ticket.contains("ratio_rate3d{") && ticket.contains("> (1 * 0.001)"));
    // Latency, rolling 28 days, 99% → budget 0.01.
    let page = alert_expr(&text, "latency", "SlaErrorBudgetBurnPage");
    assert!(page.contains("> (13.44 * 0.01)") && page.contains("> (5.6 * 0.01)"));
    let ticket = alert_expr(&text, "latency", "SlaErrorBudgetBurnTicket");
    assert!(ticket.contains("> (2.8 * 0.01)") && ticket.contains("> (0.933333 * 0.01)"));
    // Outcome, 99.5% → budget 0.005.
    assert!(alert_expr(&text, "orders", "SlaErrorBudgetBurnPage").contains("> (14.4 * 0.005)"));
}

#[test]
fn monitoring_calendar_windows_use_the_real_length_of_the_current_period() {
    // March in Europe/Paris: 31 days less the hour clocks spring forward = 743h.
    let (_dir, out) = build(ACME, "2026-03-10");
    let text = read(&out, CHECKOUT_RULES);
    let page = alert_expr(&text, "availability", "SlaErrorBudgetBurnPage");
    assert!(page.contains("> (14.86 * 0.001)"), "{page}");
    assert!(text.contains("\"slac:sli_error:ratio_rate30d23h\""));
    assert!(text.contains("\"vector(30.958333)\""));
    // February 2026: 28 days, like a rolling 28d window.
    let (_dir, out) = build(ACME, "2026-02-10");
    let page = alert_expr(
        &read(&out, CHECKOUT_RULES),
        "availability",
        "SlaErrorBudgetBurnPage",
    );
    assert!(page.contains("> (13.44 * 0.001)"), "{page}");
    // A quarter in America/New_York, Q4 2026: 92 days and the hour clocks fall back; the
    // objective counts only in office hours, 705 h of them in Q4 2026 (the contract's
    // figure), so 2% of the budget in 1 h is a burn rate of 2% × 705 = 14.1.
    let (_dir, out) = build(INITECH, "2026-11-26");
    let text = read(&out, "prometheus/initech_api.rules.yml");
    let page = alert_expr(&text, "availability", "SlaErrorBudgetBurnPage");
    assert!(page.contains("> (14.1 * 0.0005)"), "{page}");
    assert!(text.contains("\"slac:sli_error:ratio_rate92d1h\""));
    assert!(
        text.contains("budget spread over 705 h of service hours"),
        "{text}"
    );
}

#[test]
fn monitoring_numbers_are_exact_decimals() {
    // The exact values are in the snapshots (tests/snapshots.rs); here: no float artifact
    // anywhere, and OpenSLO targets are numbers.
    let (_dir, out) = build(ACME, "2026-11-26");
    let text = read(&out, CHECKOUT_RULES);
    for artifact in ["99999", "00000", "e-"] {
        assert!(!text.contains(artifact), "float artifact {artifact}");
    }
    let targets: Vec<f64> = openslo_docs(&read(&out, "openslo/globex_checkout.yaml"))
        .iter()
        .filter(|d| str_at(d, "kind") == "SLO")
        .map(|d| {
            d["spec"]["objectives"][0]["target"]
                .as_f64()
                .expect("a number")
        })
        .collect();
    assert_eq!(targets, [0.999, 0.99, 0.995]);
}

#[test]
fn monitoring_recording_rules_have_sloth_names_and_every_rule_the_labels() {
    let (_dir, out) = build(ACME, "2026-11-26");
    let text = read(&out, CHECKOUT_RULES);
    let all = rules(&text);
    let records: Vec<&str> = all.iter().map(|r| str_at(r, "record")).collect();
    for w in ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d", "28d"] {
        assert!(
            records.contains(&format!("slac:sli_error:ratio_rate{w}").as_str()),
            "{w}"
        );
    }
    assert!(text.contains("[30d]") && text.contains("[28d]") && !text.contains("{{window}}"));
    // `good` becomes an error ratio.
    assert!(all.iter().any(|r| expr(r)
        == "1 - (((sum(increase(orders_completed_total[5m]))) or (0 * (sum(increase(orders_started_total[5m]))))) / (sum(increase(orders_started_total[5m]))))"));
    for name in [
        "slac:objective:ratio",
        "slac:error_budget:ratio",
        "slac:period_error_budget_remaining:ratio",
        "slac:current_burn_rate:ratio",
    ] {
        assert_eq!(records.iter().filter(|r| **r == name).count(), 3);
    }
    // 18 rules in each objective's two groups, and its 3 generic recordings.
    assert_eq!(all.len(), 3 * 18 + 3 * 3);
    for r in &all {
        let labels = &r["labels"];
        assert_eq!(str_at(labels, "agreement"), "globex_checkout", "{r:?}");
        assert_ne!(str_at(labels, "objective"), "", "{r:?}");
        assert_eq!(str_at(labels, "service"), "checkout", "{r:?}");
        assert_eq!(str_at(labels, "customer"), "globex", "{r:?}");
        if !str_at(r, "alert").is_empty() {
            let notes = &r["annotations"];
            assert!(["page", "ticket"].contains(&str_at(labels, "severity")));
            assert_eq!(str_at(notes, "agreement_title"), "Checkout API for Globex");
            assert!(["month", "rolling 28d"].contains(&str_at(notes, "window")));
            assert!(["99.9%", "99% within 300ms", "99.5%"].contains(&str_at(notes, "target")));
        }
    }
}

#[test]
fn monitoring_absent_indicator_pages_within_three_minutes() {
    let (_dir, out) = build(ACME, "2026-11-26");
    let text = read(&out, CHECKOUT_RULES);
    for objective in ["availability", "latency"] {
        let a = alert(&text, objective, "SlaIndicatorAbsent");
        assert_eq!(
            expr(&a),
            if objective == "availability" {
                "absent(sum(rate(http_requests_total{job=\"checkout\"}[5m])))"
            } else {
                "absent(sum(rate(http_request_duration_seconds_count{job=\"checkout\"}[5m])))"
            }
        );
        assert_eq!(str_at(&a, "for"), "3m", "{objective}");
        assert_eq!(str_at(&a["labels"], "severity"), "page", "{objective}");
    }
}

#[test]
fn monitoring_service_hours_name_the_alertmanager_intervals() {
    let (_dir, out) = build(INITECH, "2026-11-26");
    let text = read(&out, "prometheus/initech_api.rules.yml");
    assert!(text.contains("# availability: 99.95% per quarter"));
    assert!(text.contains("active_time_intervals [office] and mute_time_intervals [office:closed]"));
    assert!(text
        .contains("# latency: 99% within 200ms per rolling 28d, window here 28d; during always"));
    let page = alert(&text, "availability", "SlaErrorBudgetBurnPage");
    assert_eq!(str_at(&page["labels"], "during"), "office");
    let page = alert(&text, "latency", "SlaErrorBudgetBurnPage");
    assert!(page["labels"].get("during").is_none());
    let am = read(&out, "alertmanager/time_intervals.yml");
    for wanted in [
        "  - name: \"office\"\n",
        "      - weekdays: [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\"]\n",
        "            end_time: \"24:00\"\n",
        "        location: \"America/New_York\"\n",
        "  - name: \"office:closed\"\n",
        "      - years: [\"2026\"]\n        months: [\"july\"]\n        days_of_month: [\"3\"]\n        location:",
        "        days_of_month: [\"24\"]\n        times:\n          - start_time: \"12:00\"\n            end_time: \"17:00\"\n",
        "# office applies to: initech_api/availability (705 h of service hours in Q4 2026), initech_api/eu/availability (705 h of service hours in Q4 2026)\n",
    ] {
        assert!(am.contains(wanted), "missing {wanted:?} in\n{am}");
    }
}

#[test]
fn monitoring_a_region_with_its_own_objective_gets_its_own_group() {
    let (_dir, out) = build(INITECH, "2026-11-26");
    let text = read(&out, "prometheus/initech_api.rules.yml");
    let file: Value = serde_norway::from_str(&text).expect("YAML");
    assert!(file["groups"]
        .as_sequence()
        .expect("groups")
        .iter()
        .any(|g| str_at(g, "name") == "slac/initech_api/eu/availability"));
    let eu: Vec<Value> = rules(&text)
        .into_iter()
        .filter(|r| str_at(&r["labels"], "region") == "eu")
        .collect();
    // 18, 3 more for service hours (the gate and the gated 5m rates) and 3 generic.
    assert_eq!(
        eu.len(),
        18 + 3 + 3,
        "the latency objective is the same in the region"
    );
    assert!(eu.iter().any(|r| expr(r).contains("> (14.1 * 0.0001)")));
    assert!(eu
        .iter()
        .any(|r| expr(r).contains("api_errors_total{region=\"eu\"}[5m]")));
}

/// The groups of a rule file, parsed back.
fn groups(text: &str) -> Vec<Value> {
    let file: Value = serde_norway::from_str(text).expect("a rule file is YAML");
    file["groups"].as_sequence().expect("groups").clone()
}

/// Long windows (1d, 3d, the objective's own) and the period's burn rates are recorded in
/// a slower group of their own; the alerts in the fast group read them; every agreement
/// has one group of generic recordings, one name per quantity, for dashboards.
#[test]
fn monitoring_long_windows_in_a_slower_group_and_generic_recordings() {
    let (_dir, out) = build(ACME, "2026-11-26");
    let text = read(&out, CHECKOUT_RULES);
    let groups = groups(&text);
    let long = groups
        .iter()
        .find(|g| str_at(g, "name") == "slac/globex_checkout/availability (long windows)")
        .expect("the long group");
    assert_eq!(str_at(long, "interval"), "2m30s");
    let long_records: Vec<&str> = long["rules"]
        .as_sequence()
        .expect("rules")
        .iter()
        .map(|r| str_at(r, "record"))
        .collect();
    for name in [
        "slac:sli_error:ratio_rate1d",
        "slac:sli_error:ratio_rate3d",
        "slac:sli_error:ratio_rate30d",
        "slac:period_burn_rate:ratio",
        "slac:period_error_budget_remaining:ratio",
    ] {
        assert!(long_records.contains(&name), "{name} in {long_records:?}");
    }
    let fast = groups
        .iter()
        .find(|g| str_at(g, "name") == "slac/globex_checkout/availability")
        .expect("the fast group");
    assert!(fast.get("interval").is_none(), "the global interval");
    for r in fast["rules"].as_sequence().expect("rules") {
        assert!(!long_records.contains(&str_at(r, "record")), "{r:?}");
    }
    assert!(
        alert_expr(&text, "availability", "SlaErrorBudgetBurnTicket")
            .contains("slac:sli_error:ratio_rate3d{")
    );
    // Generic recordings, read by the dashboards.
    let generic = groups
        .iter()
        .find(|g| str_at(g, "name") == "slac/globex_checkout (generic)")
        .expect("the generic group");
    let records: Vec<(&str, &str)> = generic["rules"]
        .as_sequence()
        .expect("rules")
        .iter()
        .map(|r| (str_at(r, "record"), str_at(&r["labels"], "objective")))
        .collect();
    for objective in ["availability", "latency", "orders"] {
        for name in [
            "slac:slo_target",
            "slac:availability:ratio",
            "slac:error_budget_remaining:ratio",
        ] {
            assert!(records.contains(&(name, objective)), "{name} {objective}");
        }
    }
}

/// An objective counted `during` a calendar records its gate and the 5m rates of
/// service hours, sums those over every longer window, and gates its alerts; one at any
/// hour keeps the indicator's queries over each window and no gate.
#[test]
fn monitoring_service_hours_gate_the_ratios_and_the_alerts() {
    let (_dir, out) = build(INITECH, "2026-11-26");
    let text = read(&out, "prometheus/initech_api.rules.yml");
    let all = rules(&text);
    let of = |objective: &str, region: bool, name: &str| -> String {
        all.iter()
            .find(|r| {
                str_at(r, "record") == name
                    && str_at(&r["labels"], "objective") == objective
                    && r["labels"].get("region").is_some() == region
            })
            .map(|r| expr(r).to_owned())
            .unwrap_or_default()
    };
    let gate = of("availability", false, "slac:calendar_open");
    assert!(
        gate.starts_with("vector(") && gate.contains("time()"),
        "{gate}"
    );
    assert!(of("availability", false, "slac:sli_requests:rate5m")
        .contains("and on() (slac:calendar_open{"));
    assert!(of("availability", false, "slac:sli_error:ratio_rate1h")
        .starts_with("sum_over_time(slac:sli_errors:rate5m{"));
    assert!(of("availability", false, "slac:sli_error:ratio_rate92d1h")
        .contains("sum_over_time(slac:sli_requests:rate5m{"));
    assert!(of("availability", true, "slac:calendar_open").starts_with("vector("));
    let page = alert_expr(&text, "availability", "SlaErrorBudgetBurnPage");
    assert!(
        page.ends_with("== 1)") && page.contains("and on() (slac:calendar_open{"),
        "{page}"
    );
    // At any hour: no gate.
    assert_eq!(of("latency", false, "slac:calendar_open"), "");
    assert!(!alert_expr(&text, "latency", "SlaErrorBudgetBurnPage").contains("calendar_open"));
    assert!(of("latency", false, "slac:sli_error:ratio_rate1h").contains("[1h]"));
}

#[test]
fn monitoring_openslo_documents() {
    // The text is in the snapshots (tests/snapshots.rs); here: what an OpenSLO reader sees.
    let (_dir, out) = build(ACME, "2026-11-26");
    let slo = read(&out, "openslo/globex_checkout.yaml");
    let docs = openslo_docs(&slo);
    assert_eq!(docs.len(), 7);
    assert!(docs.iter().all(|d| str_at(d, "apiVersion") == "openslo/v1"));
    let kinds: Vec<&str> = docs.iter().map(|d| str_at(d, "kind")).collect();
    assert_eq!(kinds, ["Service", "SLI", "SLO", "SLI", "SLO", "SLI", "SLO"]);
    for slo in docs.iter().filter(|d| str_at(d, "kind") == "SLO") {
        let spec = &slo["spec"];
        assert_eq!(str_at(spec, "budgetingMethod"), "Occurrences");
        assert_eq!(str_at(spec, "service"), "checkout");
        assert!(docs.iter().any(|d| str_at(d, "kind") == "SLI"
            && str_at(&d["metadata"], "name") == str_at(spec, "indicatorRef")));
    }
}

#[test]
fn monitoring_outputs_are_deterministic() {
    // In-process builds are compared in tests/snapshots.rs; here, two runs of the binary.
    let (_a, one) = build(ACME, "2026-11-26");
    let (_b, two) = build(ACME, "2026-11-26");
    for f in files(&one) {
        assert_eq!(
            fs::read(one.join(&f)).ok(),
            fs::read(two.join(&f)).ok(),
            "{f}"
        );
    }
}

// ---- the real tools -------------------------------------------------------------------

fn run(cmd: &mut Command) -> String {
    let o = cmd.output().expect("the tool is installed (see .ci/run)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{cmd:?} failed:\n{text}");
    text
}

#[test]
#[ignore = "needs promtool"]
fn monitoring_promtool_checks_every_rule_file() {
    for (input, today) in [
        (ACME, "2026-11-26"),
        (ACME, "2026-03-10"),
        (INITECH, "2026-11-26"),
    ] {
        let (_dir, out) = build(input, today);
        let dir = out.join("prometheus");
        for f in fs::read_dir(&dir).expect("prometheus/") {
            let path = f.expect("entry").path();
            let text = run(Command::new("promtool")
                .arg("check")
                .arg("rules")
                .arg(&path));
            assert!(text.contains("SUCCESS"), "{text}");
        }
    }
}

/// A mapping of an alert (`labels`, `annotations`) as a one-line flow mapping (JSON is
/// YAML) for a promtool `exp_labels` or `exp_annotations`.
fn flow(rule: &Value, key: &str) -> String {
    serde_json::to_string(&rule[key]).expect("a mapping of strings")
}

#[test]
#[ignore = "needs promtool"]
fn monitoring_promtool_unit_tests_page_at_fast_burn_not_at_budget_rate_and_absent_fires() {
    let (dir, out) = build(ACME, "2026-11-26");
    let rules_path = out.join(CHECKOUT_RULES);
    let text = read(&out, CHECKOUT_RULES);
    let page = alert(&text, "availability", "SlaErrorBudgetBurnPage");
    let absent = alert(&text, "availability", "SlaIndicatorAbsent");
    // 1000 requests a minute; 15 errors (1.5% = 15× the 0.1% budget) or 1 (1×).
    let fast = "      - series: 'http_requests_total{job=\"checkout\",code=\"200\"}'\n        values: '0+985x200'\n      - series: 'http_requests_total{job=\"checkout\",code=\"500\"}'\n        values: '0+15x200'\n";
    let slow = "      - series: 'http_requests_total{job=\"checkout\",code=\"200\"}'\n        values: '0+999x200'\n      - series: 'http_requests_total{job=\"checkout\",code=\"500\"}'\n        values: '0+1x200'\n";
    let unit = format!(
        r#"rule_files:
  - {rules}
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
{fast}    alert_rule_test:
      - eval_time: 5m
        alertname: SlaErrorBudgetBurnPage
        exp_alerts:
          - exp_labels: {page_labels}
            exp_annotations: {page_ann}
    promql_expr_test:
      - expr: slac:error_budget:ratio{{objective="availability"}}
        eval_time: 5m
        exp_samples:
          - labels: 'slac:error_budget:ratio{{agreement="globex_checkout",objective="availability",kind="availability",service="checkout",customer="globex"}}'
            value: 0.001
  - interval: 1m
    input_series:
{slow}    alert_rule_test:
      - eval_time: 3h
        alertname: SlaErrorBudgetBurnPage
        exp_alerts: []
  - interval: 1m
    input_series:
      - series: 'http_requests_total{{job="checkout",code="200"}}'
        values: '0+1000x60'
    promql_expr_test:
      # No 5xx has ever been counted: the error ratio is 0 and the budget whole.
      - expr: slac:sli_error:ratio_rate5m{{objective="availability"}}
        eval_time: 30m
        exp_samples:
          - labels: 'slac:sli_error:ratio_rate5m{{agreement="globex_checkout",objective="availability",kind="availability",service="checkout",customer="globex"}}'
            value: 0
      - expr: slac:period_error_budget_remaining:ratio{{objective="availability"}}
        eval_time: 30m
        exp_samples:
          - labels: 'slac:period_error_budget_remaining:ratio{{agreement="globex_checkout",objective="availability",kind="availability",service="checkout",customer="globex"}}'
            value: 1
  - interval: 1m
    input_series:
      - series: 'up{{job="checkout"}}'
        values: '1x100'
    alert_rule_test:
      - eval_time: 2m
        alertname: SlaIndicatorAbsent
        exp_alerts: []
      - eval_time: 4m
        alertname: SlaIndicatorAbsent
        exp_alerts:
          - exp_labels: {absent_labels}
            exp_annotations: {absent_ann}
"#,
        rules = rules_path.display(),
        page_labels = flow(&page, "labels"),
        page_ann = flow(&page, "annotations"),
        absent_labels = flow(&absent, "labels"),
        absent_ann = flow(&absent, "annotations"),
    );
    // Three objectives, one absent alert each: keep only availability's expected alert
    // by adding the others' (latency and orders read other series, absent too).
    let mut unit = unit;
    for objective in ["latency", "orders"] {
        let other = alert(&text, objective, "SlaIndicatorAbsent");
        let _ = write!(
            unit,
            "          - exp_labels: {}\n            exp_annotations: {}\n",
            flow(&other, "labels"),
            flow(&other, "annotations")
        );
    }
    let path = dir.path().join("unit.yml");
    fs::write(&path, &unit).expect("write unit test");
    let text = run(Command::new("promtool").arg("test").arg("rules").arg(&path));
    assert!(text.contains("SUCCESS"), "{text}\n{unit}");
}

#[test]
#[ignore = "needs amtool"]
fn monitoring_amtool_accepts_the_time_intervals_in_a_route() {
    for input in [ACME, INITECH] {
        let (dir, out) = build(input, "2026-11-26");
        let intervals = read(&out, "alertmanager/time_intervals.yml");
        let first = if input == ACME {
            "paris_office"
        } else {
            "office"
        };
        let config = format!(
            r#"route:
  receiver: default
  routes:
    - receiver: on-call
      matchers: ['severity="page"', 'during="{first}"']
      active_time_intervals: [{first}]
      mute_time_intervals: ['{first}:closed']
    - receiver: on-call
      matchers: ['severity="page"']
receivers:
  - name: default
  - name: on-call
{intervals}"#
        );
        let path = dir.path().join("alertmanager.yml");
        fs::write(&path, &config).expect("write config");
        let text = run(Command::new("amtool").arg("check-config").arg(&path));
        assert!(text.contains("SUCCESS"), "{text}\n{config}");
    }
}

#[test]
fn monitoring_skips_objectives_measured_by_outages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let indicator = "indicator prometheus { errors \"sum(rate(e[{{window}}]))\" total \"sum(rate(t[{{window}}]))\" }";
    let write = |how: &str| {
        let src = dir.path().join(format!("p{}.sla", how.len()));
        fs::write(
            &src,
            format!(
                "provider acme \"Acme\"\ncustomer globex \"Globex\" {{ subscribes api }}\nservice api \"API\"\n\
                 sla api_sla \"API SLA\" {{\n  provider acme\n  customer globex\n  services api\n  \
                 availability {{ target 99.9% window month{how} {indicator} }}\n  \
                 latency 99% within 300ms per month\n}}\n"
            ),
        )
        .expect("write");
        src
    };
    let (_d1, watched) = build(
        write(" measured by indicator").to_str().expect("utf-8"),
        "2026-11-26",
    );
    assert!(watched.join("prometheus/api_sla.rules.yml").is_file());
    let (_d2, skipped) = build(
        write(" measured by outages").to_str().expect("utf-8"),
        "2026-11-26",
    );
    assert!(
        !skipped.join("prometheus/api_sla.rules.yml").exists(),
        "{:?}",
        files(&skipped)
    );
}

/// A portfolio with a terminated SLA (its own calendar, last day 2026-06-30), a draft
/// one and one in force, each watched by a Prometheus indicator.
const LIFECYCLE: &str = r#"provider acme "Acme"
customer globex "Globex" { subscribes api, web, shop }
service api "API"
service web "Web"
service shop "Shop"
calendar old_hours "Old hours" { timezone "Europe/Paris" mon-fri 08:00-18:00 }
calendar office "Office" { timezone "Europe/Paris" mon-fri 09:00-17:00 }
sla old_api "Old API" {
  provider acme
  customer globex
  services api
  valid from 2025-01-01 to 2027-12-31
  status terminated
  signed 2024-12-10 by globex "Walter Skinner, CIO"
  signed 2024-12-11 by acme "Sophie Laurent, COO"
  terminated 2026-06-30 "Replaced by web_sla"
  availability { target 99.9% window month during old_hours measured by indicator
    indicator prometheus { errors "sum(rate(old_e[{{window}}]))" total "sum(rate(old_t[{{window}}]))" } }
}
sla web_sla "Web" {
  provider acme
  customer globex
  services web
  valid from 2026-07-01
  availability { target 99.9% window month during office measured by indicator
    indicator prometheus { errors "sum(rate(web_e[{{window}}]))" total "sum(rate(web_t[{{window}}]))" } }
}
sla shop_sla "Shop" {
  provider acme
  customer globex
  services shop
  valid from 2027-01-01
  status draft
  availability { target 99.5% window month measured by indicator
    indicator prometheus { errors "sum(rate(shop_e[{{window}}]))" total "sum(rate(shop_t[{{window}}]))" } }
}
"#;

#[test]
fn monitoring_leaves_out_a_terminated_agreement_after_its_last_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(&src, LIFECYCLE).expect("write");
    let src = src.to_str().expect("utf-8");
    let (_d1, out) = build(src, "2026-11-26");
    let monitoring: Vec<String> = files(&out)
        .into_iter()
        .filter(|f| f.starts_with("prometheus/") || f.starts_with("openslo/"))
        .collect();
    // The draft is watched before it is signed; the terminated agreement is not.
    assert_eq!(
        monitoring,
        [
            "openslo/shop_sla.yaml",
            "openslo/web_sla.yaml",
            "prometheus/shop_sla.rules.yml",
            "prometheus/web_sla.rules.yml",
        ]
    );
    let intervals = read(&out, "alertmanager/time_intervals.yml");
    assert!(intervals.contains("name: \"office\""), "{intervals}");
    assert!(
        !intervals.contains("old_hours") && !intervals.contains("old_api"),
        "no interval exists only for the terminated agreement\n{intervals}"
    );
    // On its last day it is still in force, and watched.
    let (_d2, before) = build(src, "2026-06-30");
    assert!(before.join("prometheus/old_api.rules.yml").is_file());
    assert!(before.join("openslo/old_api.yaml").is_file());
    let intervals = read(&before, "alertmanager/time_intervals.yml");
    assert!(intervals.contains("name: \"old_hours\""), "{intervals}");
}

#[test]
fn monitoring_has_nothing_for_acmes_terminated_northhost_dc() {
    let (_dir, out) = build(ACME, "2026-11-26");
    for f in files(&out) {
        if f.starts_with("prometheus/")
            || f.starts_with("openslo/")
            || f.starts_with("alertmanager/")
        {
            assert!(
                !read(&out, &f).contains("northhost_dc"),
                "{f} mentions the terminated northhost_dc"
            );
        }
    }
}

/// Objectives burn-rate alerts cannot watch (W0509): a 100% target and a 45-second window
/// get no burn-rate alert, no threshold multiplied by 0, no `for` under a minute; they
/// page when missed, and promtool accepts the file.
#[test]
#[ignore = "needs promtool"]
fn monitoring_degenerate_objectives_get_sensible_rules_and_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    let ind = "indicator prometheus {\n      errors \"sum(rate(e_total[{{window}}]))\"\n      total \"sum(rate(r_total[{{window}}]))\"\n    }";
    fs::write(
        &src,
        format!(
            "provider acme \"A\"\ncustomer globex \"G\" {{ subscribes api }}\nservice api \"API\"\n\
             sla api_sla \"S\" {{\n  provider acme\n  customer globex\n  services api\n\
             availability {{\n    target 100%\n    window month\n    {ind}\n  }}\n\
             latency {{\n    target 99% within 300ms\n    window rolling 45s\n    {ind}\n  }}\n}}\n"
        ),
    )
    .expect("write");
    let check = Slac::new()
        .arg("check")
        .arg(&src)
        .args(["--today", "2026-11-26", "--format", "json"])
        .run();
    assert_eq!(
        check.stdout.matches("\"W0509\"").count(),
        2,
        "{}",
        check.stdout
    );
    let out = dir.path().join("out");
    Slac::new()
        .arg("build")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .args(["--emit", "prometheus", "--today", "2026-11-26"])
        .run()
        .assert_code(0);
    let text = read(&out, "prometheus/api_sla.rules.yml");
    assert!(!text.contains("SlaErrorBudgetBurn"), "{text}");
    assert!(!text.contains("* 0)") && !text.contains("/ 0\""), "{text}");
    assert!(
        !text.contains("for: \"0s\"")
            && !text
                .lines()
                .any(|l| l.trim_start().starts_with("for:") && l.contains("ms")),
        "no `for` in milliseconds: {text}"
    );
    for objective in ["availability", "latency"] {
        let missed = alert(&text, objective, "SlaObjectiveMissed");
        assert_eq!(str_at(&missed["labels"], "severity"), "page");
    }
    assert!(expr(&alert(&text, "latency", "SlaObjectiveMissed")).contains("ratio_rate5m"));
    let ok = run(Command::new("promtool")
        .args(["check", "rules"])
        .arg(out.join("prometheus/api_sla.rules.yml")));
    assert!(ok.contains("SUCCESS"), "{ok}");
    // OpenSLO's target lies in [0, 1): the 100% objective keeps its SLI, has no SLO, and
    // the file says why.
    let openslo = dir.path().join("openslo");
    Slac::new()
        .arg("build")
        .arg(&src)
        .arg("--out")
        .arg(&openslo)
        .args(["--emit", "openslo", "--today", "2026-11-26"])
        .run()
        .assert_code(0);
    let text = read(&openslo, "openslo/api_sla.yaml");
    assert!(
        text.contains("availability: a 100% target cannot be written in OpenSLO"),
        "{text}"
    );
    let docs = openslo_docs(&text);
    for d in &docs {
        if str_at(d, "kind") == "SLO" {
            let t = d["spec"]["objectives"][0]["target"]
                .as_f64()
                .expect("target");
            assert!(t < 1.0, "{d:?}");
        }
    }
    assert_eq!(
        docs.iter().filter(|d| str_at(d, "kind") == "SLO").count(),
        1
    );
}

/// `OpenSLO` says what it cannot: the service hours an objective counts in (an SLO has
/// none) as an annotation; and its calendar window starts at the agreement's first
/// period, so building on another day writes the same file.
#[test]
fn monitoring_openslo_notes_service_hours_and_does_not_follow_today() {
    let (_a, out_a) = build(INITECH, "2026-11-26");
    let (_b, out_b) = build(INITECH, "2027-02-14");
    let mut with_hours = 0;
    for e in fs::read_dir(out_a.join("openslo")).expect("openslo") {
        let name = e.expect("entry").file_name();
        let a = fs::read_to_string(out_a.join("openslo").join(&name)).expect("a");
        let b = fs::read_to_string(out_b.join("openslo").join(&name)).expect("b");
        assert_eq!(a, b, "{name:?} changes with --today");
        for d in openslo_docs(&a) {
            let during = &d["metadata"]["annotations"]["slac.dev/during"];
            if let Some(text) = during.as_str() {
                assert!(text.starts_with("office: "), "{text}");
                with_hours += 1;
            }
        }
    }
    assert!(with_hours > 0, "the `during office` objective is annotated");
}

/// One Grafana dashboard per monitored agreement, with a datasource variable, and every
/// `PromQL` expression in it valid for promtool (as the expressions of scratch rules); the
/// same rule groups as a `PrometheusRule` for the Prometheus Operator.
#[test]
#[ignore = "needs promtool"]
fn monitoring_grafana_dashboards_and_prometheus_rules_for_the_operator() {
    let (dir, out) = build(ACME, "2026-11-26");
    let text = read(&out, "grafana/globex_checkout.json");
    let dash: serde_json::Value = serde_json::from_str(&text).expect("json");
    let vars = dash["templating"]["list"].as_array().expect("variables");
    assert!(vars
        .iter()
        .any(|v| v["type"] == "datasource" && v["query"] == "prometheus"));
    let exprs = slac::emit::grafana::expressions(&dash);
    assert!(exprs.len() >= 7, "{exprs:?}");
    // The dashboards read the generic recordings, and only series the rules record.
    for generic in [
        "slac:availability:ratio{",
        "slac:slo_target{",
        "slac:error_budget_remaining:ratio{",
    ] {
        assert!(exprs.iter().any(|e| e.starts_with(generic)), "{generic}");
    }
    let recorded: Vec<String> = rules(&read(&out, CHECKOUT_RULES))
        .iter()
        .map(|r| str_at(r, "record").to_string())
        .collect();
    for e in &exprs {
        let name = &e[..e.find('{').expect("a selector")];
        assert!(recorded.iter().any(|r| r == name), "{e} reads no recording");
    }
    let mut scratch = String::from("groups:\n  - name: scratch\n    rules:\n");
    for (i, e) in exprs.iter().enumerate() {
        let _ = writeln!(
            scratch,
            "      - record: scratch:expr_{i}\n        expr: {}",
            serde_json::to_string(e).expect("a JSON string is a YAML string")
        );
    }
    let path = dir.path().join("scratch.yml");
    fs::write(&path, &scratch).expect("write");
    let ok = run(Command::new("promtool").args(["check", "rules"]).arg(&path));
    assert!(ok.contains("SUCCESS"), "{ok}\n{scratch}");
    // The operator's resource holds the same groups as the rules file.
    let cr: Value = serde_norway::from_str(&read(&out, "prometheus-operator/globex_checkout.yaml"))
        .expect("yaml");
    assert_eq!(str_at(&cr, "kind"), "PrometheusRule");
    assert_eq!(str_at(&cr, "apiVersion"), "monitoring.coreos.com/v1");
    let rules: Value = serde_norway::from_str(&read(&out, CHECKOUT_RULES)).expect("yaml");
    assert_eq!(cr["spec"]["groups"], rules["groups"]);
    let spec_path = dir.path().join("spec.yml");
    fs::write(
        &spec_path,
        serde_norway::to_string(&cr["spec"]).expect("spec as YAML"),
    )
    .expect("write");
    let ok = run(Command::new("promtool")
        .args(["check", "rules"])
        .arg(&spec_path));
    assert!(ok.contains("SUCCESS"), "{ok}");
}

/// `histogram "METRIC{SELECTOR}"` gives a latency objective its queries: the bucket at the
/// threshold in seconds (a whole second matching `1` and `1.0`) over `_count`; promtool
/// accepts the rules, and an objective for the one service beside one for all of them
/// gets series of its own (`objective_service`).
#[test]
#[ignore = "needs promtool"]
fn monitoring_latency_from_a_histogram() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        r#"provider acme "A"
customer globex "G" { subscribes api }
service api "API"
sla api_sla "S" {
  provider acme
  customer globex
  services api
  support { incident p1 { response 1h resolve 8h } }
  latency {
    target 99% within 300ms
    window rolling 28d
    indicator prometheus { histogram "http_request_duration_seconds{job=\"api\"}" }
  }
  latency "Slow" {
    target 99.9% within 2s
    window rolling 28d
    service api
    indicator prometheus { histogram "http_request_duration_seconds" }
  }
}
"#,
    )
    .expect("write");
    let out = dir.path().join("out");
    Slac::new()
        .arg("build")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .args(["--emit", "prometheus", "--today", "2026-11-26"])
        .run()
        .assert_code(0);
    let path = out.join("prometheus/api_sla.rules.yml");
    let text = fs::read_to_string(&path).expect("rules");
    assert!(
        text.contains(r#"http_request_duration_seconds_bucket{job=\"api\",le=\"0.3\"}[5m]"#),
        "{text}"
    );
    assert!(
        text.contains(r#"http_request_duration_seconds_count{job=\"api\"}[5m]"#),
        "{text}"
    );
    assert!(
        text.contains(r#"http_request_duration_seconds_bucket{le=~\"2(\\\\.0+)?\"}[5m]"#),
        "{text}"
    );
    assert!(text.contains(r#"objective_service: "api""#), "{text}");
    let ok = run(Command::new("promtool").args(["check", "rules"]).arg(&path));
    assert!(ok.contains("SUCCESS"), "{ok}");
}
