//! Names that cannot collide (docs/monitoring.md, "Names"): portfolios whose ids are made to
//! collide under the old schemes — an outcome named `availability` beside the availability
//! objective, a region `eu-west` beside an outcome `eu-west-availability`, calendars
//! `office` and `office_closed`, services `payments_db` and `Payments-DB`, ids over 63
//! characters or starting with `_` — build files that promtool and amtool accept, and
//! `OpenSLO` names that are valid RFC 1123 labels and unique per kind.

use crate::common::Slac;
use proptest::prelude::*;
use serde_norway as yaml_crate;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

/// An id as the language allows it, drawn towards collisions: case, `_` against `-`.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9]{0,3}(_[a-z0-9]{1,3})?",
        "[A-Z][A-Za-z0-9]{0,3}(-[A-Za-z0-9]{1,3})?",
        "_[a-z0-9]{1,3}",
        "[a-z]{64,70}",
    ]
}

fn indicator() -> &'static str {
    "indicator prometheus {\n      errors \"sum(rate(errors_total[{{window}}]))\"\n      total \"sum(rate(requests_total[{{window}}]))\"\n    }"
}

/// A portfolio with two calendars, two services, one SLA with an availability objective,
/// an outcome named `availability`, an outcome `<region>-availability`, and a region; and
/// an SLA of one service with a latency objective for all its services and one for that
/// service.
fn portfolio(cal: &str, svc_a: &str, svc_b: &str, sla: &str, region: &str) -> String {
    let ind = indicator();
    format!(
        r#"provider p_p "P"
customer c_c "C"
calendar {cal} "Office" {{
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
  closed 2026-12-25 "Christmas"
}}
calendar {cal}_closed "Office closed" {{
  timezone "Europe/Paris"
  sat-sun 10:00-12:00
  closed 2026-12-26
}}
service {svc_a} "A"
service {svc_b} "B"
sla {sla} "S" {{
  provider p_p
  customer c_c
  services {svc_a}, {svc_b}
  availability {{
    target 99.9%
    window month
    during {cal}
    {ind}
  }}
  availability {{
    target 99.5%
    window month
    service {svc_b}
    during {cal}_closed
    {ind}
  }}
  outcome availability {{
    target 99%
    window month
    {ind}
  }}
  outcome {region}-availability {{
    target 98%
    window month
    {ind}
  }}
  region {region} {{
    availability {{
      target 99.95%
      window month
      {ind}
    }}
  }}
}}
sla {sla}-one "One service" {{
  provider p_p
  customer c_c
  services {svc_a}
  latency {{
    target 99% within 300ms
    window rolling 28d
    {ind}
  }}
  latency {{
    target 99.9% within 2s
    window rolling 28d
    service {svc_a}
    {ind}
  }}
}}
"#
    )
}

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().expect("the tool runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn valid_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
}

fn check_outputs(out: &Path) -> Result<(), String> {
    // Prometheus: every rules file passes promtool; group names are unique.
    let mut groups = BTreeSet::new();
    for e in fs::read_dir(out.join("prometheus")).map_err(|e| e.to_string())? {
        let path = e.map_err(|e| e.to_string())?.path();
        let (ok, text) = run(Command::new("promtool").args(["check", "rules"]).arg(&path));
        if !ok {
            return Err(format!("promtool rejects {}: {text}", path.display()));
        }
        let doc: yaml_crate::Value =
            yaml_crate::from_str(&fs::read_to_string(&path).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        for g in doc["groups"].as_sequence().into_iter().flatten() {
            let name = g["name"].as_str().unwrap_or_default().to_string();
            if !groups.insert(name.clone()) {
                return Err(format!("group {name} twice"));
            }
        }
    }
    // Alertmanager: a config that routes with every interval passes amtool.
    let intervals = fs::read_to_string(out.join("alertmanager/time_intervals.yml"))
        .map_err(|e| e.to_string())?;
    let doc: yaml_crate::Value = yaml_crate::from_str(&intervals).map_err(|e| e.to_string())?;
    let names: Vec<String> = doc["time_intervals"]
        .as_sequence()
        .into_iter()
        .flatten()
        .map(|i| i["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let unique: BTreeSet<&String> = names.iter().collect();
    if unique.len() != names.len() {
        return Err(format!("time interval names repeat: {names:?}"));
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let config = format!(
        "route:\n  receiver: default\n  routes:\n    - receiver: default\n      \
         mute_time_intervals: [{}]\nreceivers:\n  - name: default\n{intervals}",
        quoted.join(", ")
    );
    let path = out.join("alertmanager.yml");
    fs::write(&path, config).map_err(|e| e.to_string())?;
    let (ok, text) = run(Command::new("amtool").arg("check-config").arg(&path));
    if !ok {
        return Err(format!("amtool rejects the intervals: {text}"));
    }
    // OpenSLO: every name a valid RFC 1123 label, unique per kind.
    let mut seen = BTreeSet::new();
    let mut slos = Vec::new();
    for e in fs::read_dir(out.join("openslo")).map_err(|e| e.to_string())? {
        let path = e.map_err(|e| e.to_string())?.path();
        let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
        for d in yaml_crate::Deserializer::from_str(&text) {
            let v = yaml_crate::Value::deserialize(d).map_err(|e| e.to_string())?;
            let kind = v["kind"].as_str().unwrap_or_default().to_string();
            let name = v["metadata"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if !valid_label(&name) {
                return Err(format!("{kind} name `{name}` is not an RFC 1123 label"));
            }
            // A service is written once per agreement that covers it; others once.
            if !seen.insert((kind.clone(), name.clone())) && kind != "Service" {
                return Err(format!("{kind} `{name}` twice"));
            }
            if v["apiVersion"].as_str() != Some("openslo/v1") {
                return Err(format!("{kind} `{name}` is not openslo/v1"));
            }
            if kind == "SLO" {
                slos.push(v);
            }
        }
    }
    // No OpenSLO validator is packaged (the `oslo` CLI is not in Debian), so the rest of
    // what one checks, structurally: references resolve, required fields are there.
    for v in &slos {
        let spec = &v["spec"];
        let name = v["metadata"]["name"].as_str().unwrap_or_default();
        let refers = |kind: &str, key: &str| {
            let target = spec[key].as_str().unwrap_or_default().to_string();
            seen.contains(&(kind.to_string(), target))
        };
        if !refers("SLI", "indicatorRef") || !refers("Service", "service") {
            return Err(format!(
                "SLO `{name}` refers to an SLI or Service not written"
            ));
        }
        if !["Occurrences", "Timeslices", "RatioTimeslices"]
            .contains(&spec["budgetingMethod"].as_str().unwrap_or_default())
        {
            return Err(format!("SLO `{name}`: no budgetingMethod"));
        }
        if spec["timeWindow"].as_sequence().map_or(0, Vec::len) != 1 {
            return Err(format!("SLO `{name}`: timeWindow is not one window"));
        }
        let targets = spec["objectives"]
            .as_sequence()
            .cloned()
            .unwrap_or_default();
        let in_range = |t: &yaml_crate::Value| t.as_f64().is_some_and(|t| t > 0.0 && t < 1.0);
        if targets.is_empty() || !targets.iter().all(|o| in_range(&o["target"])) {
            return Err(format!("SLO `{name}`: objectives without a target ratio"));
        }
    }
    Ok(())
}

use serde::Deserialize as _;

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    #[ignore = "needs promtool and amtool"]
    fn adversarial_ids_give_names_every_tool_accepts_and_none_twice(
        cal in id(), a in id(), sla in id(), region in "[a-z]{2}(-[a-z]{2,4})?",
    ) {
        // Services that differ only in case and `_` against `-`.
        let b = if a.contains('_') && !a.starts_with('_') {
            a.replace('_', "-").to_uppercase()
        } else {
            format!("{a}_x")
        };
        let names: BTreeSet<&str> = [cal.as_str(), a.as_str(), b.as_str(), sla.as_str(), region.as_str()].into();
        prop_assume!(names.len() == 5 && !["p_p", "c_c", "always"].iter().any(|n| names.contains(n)));
        prop_assume!(!names.contains(format!("{cal}_closed").as_str()));
        let dir = tempfile::tempdir().expect("temp dir");
        let src = dir.path().join("p.sla");
        fs::write(&src, portfolio(&cal, &a, &b, &sla, &region)).expect("write");
        let out = dir.path().join("out");
        let r = Slac::new()
            .arg("build").arg(&src).arg("--out").arg(&out)
            .args(["--emit", "prometheus,alertmanager,openslo", "--today", "2026-11-26"])
            .run();
        prop_assert_eq!(r.status.code(), Some(0), "{}", r.stderr);
        if let Err(e) = check_outputs(&out) {
            return Err(TestCaseError::fail(e));
        }
    }
}

/// The collisions the issue found, by name, outside the random search.
#[test]
#[ignore = "needs promtool and amtool"]
fn the_reported_collisions_are_gone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        portfolio("office", "payments_db", "Payments-DB", "api", "eu-west"),
    )
    .expect("write");
    let out = dir.path().join("out");
    Slac::new()
        .arg("build")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .args([
            "--emit",
            "prometheus,alertmanager,openslo",
            "--today",
            "2026-11-26",
        ])
        .run()
        .assert_code(0);
    check_outputs(&out).unwrap_or_else(|e| panic!("{e}"));
}
