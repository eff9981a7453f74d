//! `slac import`: Sloth's and `OpenSLO`'s own example files (tests/import/, copied from
//! github.com/slok/sloth `examples/` and github.com/OpenSLO/OpenSLO `examples/`) become
//! portfolios that check clean, with the targets, windows and queries of the files.

use crate::common::Slac;
use std::fs;
use std::path::{Path, PathBuf};

fn examples(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .collect();
    out.sort();
    out
}

/// Imports `file` into a temporary portfolio and checks it: no error.
fn import_and_check(file: &PathBuf) -> (String, String) {
    let r = Slac::new().arg("import").arg(file).run();
    r.assert_code(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let sla = dir.path().join("imported.sla");
    fs::write(&sla, &r.stdout).expect("write");
    let check = Slac::new()
        .arg("check")
        .arg(&sla)
        .args(["--today", "2026-11-26"])
        .run();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}: the import does not check clean:\n{}\n{}",
        file.display(),
        check.stderr,
        r.stdout
    );
    let fmt = Slac::new().args(["fmt", "--check"]).arg(&sla).run();
    assert_eq!(
        fmt.status.code(),
        Some(0),
        "{}: not in canonical layout",
        file.display()
    );
    (r.stdout, r.stderr)
}

#[test]
fn every_sloth_and_openslo_example_imports_into_a_clean_portfolio() {
    let files: Vec<PathBuf> = examples("tests/import/sloth")
        .into_iter()
        .chain(examples("tests/import/openslo"))
        .collect();
    assert!(files.len() >= 10);
    for f in &files {
        let (sla, warnings) = import_and_check(f);
        // Every SLO of the file is an objective: none is dropped.
        let text = fs::read_to_string(f).expect("example");
        let slos = text.matches("\n  - name:").count()
            + text.matches("\n    - name:").count()
            + text.matches("kind: SLO\n").count();
        let objectives = sla.matches("\n  outcome ").count();
        assert!(
            objectives >= slos.max(1),
            "{}: {objectives} objectives for {slos} SLOs\n{sla}",
            f.display()
        );
        // What is not imported is said, and kept as a note.
        if sla.contains("imported without an indicator") {
            assert!(
                warnings.contains("kept as a note"),
                "{}: {warnings}",
                f.display()
            );
        }
    }
}

#[test]
fn sloth_getting_started_keeps_its_target_window_and_queries() {
    let (sla, _) = import_and_check(&PathBuf::from("tests/import/sloth/getting-started.yml"));
    assert!(sla.contains("service myservice \"myservice\""), "{sla}");
    assert!(sla.contains("  outcome requests-availability "), "{sla}");
    assert!(
        sla.contains("    target 99.9%\n    window rolling 30d\n"),
        "{sla}"
    );
    assert!(
        sla.contains(r#"errors "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code=~\"(5..|429)\"}[{{window}}]))""#),
        "{sla}"
    );
    assert!(!sla.contains("{{.window}}"));
}

#[test]
fn openslo_ratio_targets_become_percentages() {
    let (sla, _) = import_and_check(&PathBuf::from(
        "tests/import/sloth/openslo-getting-started.yml",
    ));
    assert!(
        sla.contains("    target 99.9%\n    window rolling 30d\n"),
        "{sla}"
    );
    assert!(sla.contains("      good \"sum(rate(http_request_duration_seconds_count{job=\\\"myservice\\\",code!~"), "{sla}");
}

#[test]
fn import_never_replaces_a_file_and_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("p.sla");
    fs::write(&out, "# mine\n").expect("write");
    let r = Slac::new()
        .arg("import")
        .arg("tests/import/sloth/getting-started.yml")
        .arg("--out")
        .arg(&out)
        .run();
    r.assert_code(2);
    assert_eq!(fs::read_to_string(&out).expect("read"), "# mine\n");
    let other = dir.path().join("x.yaml");
    fs::write(&other, "kind: Deployment\n").expect("write");
    let r = Slac::new().arg("import").arg(&other).run();
    r.assert_code(2);
    assert!(r.stderr.contains("neither a Sloth file"), "{}", r.stderr);
    let fresh = dir.path().join("new.sla");
    Slac::new()
        .arg("import")
        .arg("tests/import/sloth/home-wifi.yml")
        .arg("--out")
        .arg(&fresh)
        .run()
        .assert_code(0);
    assert!(fs::read_to_string(&fresh)
        .expect("new")
        .contains("outcome good-wifi-client-satisfaction"));
}

/// One SLO as the round trip compares it: service, name, target as a ratio, window
/// (`OpenSLO` `duration` and `isRolling`), the numerator (`bad` or `good`) and its query,
/// and the total query (`None` where the import writes its own, for Sloth's raw ratio).
type Compared = (
    String,
    String,
    String,
    (String, bool),
    (String, String),
    Option<String>,
);

fn text(v: &serde_norway::Value) -> String {
    match v {
        serde_norway::Value::String(s) => s.trim().to_string(),
        serde_norway::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A target as a normalised ratio (`99.9` percent or `0.999` → `0.999`).
fn ratio(v: &serde_norway::Value, percent: bool) -> String {
    let d: rust_decimal::Decimal = text(v).parse().expect("a number");
    let d = if percent {
        d / rust_decimal::Decimal::ONE_HUNDRED
    } else {
        d
    };
    d.normalize().to_string()
}

/// A query as slac's `OpenSLO` output writes it: every window at 5m.
fn at_5m(q: &str) -> String {
    q.trim()
        .replace("{{.window}}", "5m")
        .replace("{{window}}", "5m")
}

/// The SLOs of an upstream example file with an indicator slac can carry (Prometheus
/// queries with a window to fill), read here from the file itself, independently of the
/// importer: Sloth's `prometheus/v1` and `PrometheusServiceLevel`, `OpenSLO` `v1alpha`
/// ratio metrics and `v1` ratio metrics with a Prometheus source.
fn upstream_slos(file: &Path) -> Vec<Compared> {
    let text_all = fs::read_to_string(file).expect("example");
    let mut out = Vec::new();
    for doc in serde_norway::Deserializer::from_str(&text_all) {
        let v = <serde_norway::Value as serde::Deserialize>::deserialize(doc).expect("YAML");
        let sloth = if v["version"].as_str() == Some("prometheus/v1") {
            Some((&v["service"], &v["slos"]))
        } else if v["kind"].as_str() == Some("PrometheusServiceLevel") {
            Some((&v["spec"]["service"], &v["spec"]["slos"]))
        } else {
            None
        };
        if let Some((service, slos)) = sloth {
            for slo in slos.as_sequence().into_iter().flatten() {
                let sli = &slo["sli"];
                // The Kubernetes resource spells the fields in camelCase.
                let field = |a: &serde_norway::Value, snake: &str, camel: &str| {
                    let v = text(&a[snake]);
                    if v.is_empty() {
                        text(&a[camel])
                    } else {
                        v
                    }
                };
                let errors = field(&sli["events"], "error_query", "errorQuery");
                let raw = field(&sli["raw"], "error_ratio_query", "errorRatioQuery");
                let (num, total) = if errors.contains("{{.window}}") {
                    (
                        ("bad".to_string(), at_5m(&errors)),
                        Some(at_5m(&field(&sli["events"], "total_query", "totalQuery"))),
                    )
                } else if raw.contains("{{.window}}") {
                    (("bad".to_string(), at_5m(&raw)), None)
                } else {
                    continue;
                };
                out.push((
                    text(service),
                    text(&slo["name"]),
                    ratio(&slo["objective"], true),
                    ("30d".to_string(), true),
                    num,
                    total,
                ));
            }
            continue;
        }
        if v["kind"].as_str() != Some("SLO") {
            continue;
        }
        let spec = &v["spec"];
        let name = text(&v["metadata"]["name"]);
        // An SLO with several objectives gives one objective each, named by its
        // `displayName` or else `<slo>-<n>` (docs/cli.md).
        let count = spec["objectives"].as_sequence().map_or(0, Vec::len);
        let named = |i: usize, o: &serde_norway::Value| match o["displayName"].as_str() {
            _ if count == 1 => name.clone(),
            Some(d) => d.to_string(),
            None => format!("{name}-{}", i + 1),
        };
        if v["apiVersion"].as_str() == Some("openslo/v1alpha") {
            let w = &spec["timeWindows"][0];
            assert_eq!(w["unit"].as_str(), Some("Day"), "{}", file.display());
            let window = (format!("{}d", text(&w["count"])), true);
            for (i, o) in spec["objectives"]
                .as_sequence()
                .into_iter()
                .flatten()
                .enumerate()
            {
                let m = &o["ratioMetrics"];
                let good = text(&m["good"]["query"]);
                let bad = text(&m["bad"]["query"]);
                let num = if good.contains("{{.window}}") {
                    ("good".to_string(), at_5m(&good))
                } else if bad.contains("{{.window}}") {
                    ("bad".to_string(), at_5m(&bad))
                } else {
                    continue;
                };
                out.push((
                    text(&spec["service"]),
                    named(i, o),
                    ratio(&o["target"], false),
                    window.clone(),
                    num,
                    Some(at_5m(&text(&m["total"]["query"]))),
                ));
            }
        } else {
            let m = &spec["indicator"]["spec"]["ratioMetric"];
            let prometheus = |k: &str| {
                let src = &m[k]["metricSource"];
                (src["type"].as_str().map(str::to_lowercase).as_deref() == Some("prometheus"))
                    .then(|| text(&src["spec"]["query"]))
                    .filter(|q| q.contains("{{.window}}") || q.contains("{{window}}"))
            };
            let (Some(num), Some(total)) = (
                prometheus("good")
                    .map(|q| ("good".to_string(), at_5m(&q)))
                    .or_else(|| prometheus("bad").map(|q| ("bad".to_string(), at_5m(&q)))),
                prometheus("total"),
            ) else {
                continue;
            };
            let w = &spec["timeWindow"][0];
            for (i, o) in spec["objectives"]
                .as_sequence()
                .into_iter()
                .flatten()
                .enumerate()
            {
                out.push((
                    text(&spec["service"]),
                    named(i, o),
                    ratio(&o["target"], false),
                    (
                        text(&w["duration"]),
                        w["isRolling"].as_bool().unwrap_or(true),
                    ),
                    num.clone(),
                    Some(at_5m(&total)),
                ));
            }
        }
    }
    out.sort();
    out
}

/// The SLOs of slac's own `OpenSLO` output (every `openslo/*.yaml`), the same way.
fn built_slos(dir: &Path, raw_totals: &[String]) -> Vec<Compared> {
    let mut slis = std::collections::BTreeMap::new();
    let mut slos = Vec::new();
    for f in fs::read_dir(dir).expect("openslo/") {
        let text_all = fs::read_to_string(f.expect("entry").path()).expect("read");
        for doc in serde_norway::Deserializer::from_str(&text_all) {
            let v = <serde_norway::Value as serde::Deserialize>::deserialize(doc).expect("YAML");
            match v["kind"].as_str() {
                Some("SLI") => {
                    slis.insert(
                        text(&v["metadata"]["name"]),
                        v["spec"]["ratioMetric"].clone(),
                    );
                }
                Some("SLO") => slos.push(v),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for v in slos {
        let spec = &v["spec"];
        let m = &slis[&text(&spec["indicatorRef"])];
        let query = |k: &str| text(&m[k]["metricSource"]["spec"]["query"]);
        let num = if m["good"].is_mapping() {
            ("good".to_string(), query("good"))
        } else {
            ("bad".to_string(), query("bad"))
        };
        let total = query("total");
        let w = &spec["timeWindow"][0];
        let objective = &spec["objectives"][0];
        out.push((
            text(&spec["service"]),
            text(&v["metadata"]["labels"]["objective"]),
            ratio(&objective["target"], false),
            (
                text(&w["duration"]),
                w["isRolling"].as_bool().unwrap_or(false),
            ),
            num,
            (!raw_totals.contains(&total)).then_some(total),
        ));
    }
    out.sort();
    out
}

/// Import, then build again: every upstream example's SLOs that carry a Prometheus
/// indicator come out of `slac build --emit openslo` with the same service, name, target,
/// window and queries (all at 5m in `OpenSLO`); the portfolio checks clean on the way.
#[test]
fn import_round_trip_through_openslo_reproduces_every_slo() {
    let files: Vec<PathBuf> = examples("tests/import/sloth")
        .into_iter()
        .chain(examples("tests/import/openslo"))
        .collect();
    let mut compared = 0;
    for f in &files {
        let (sla, _) = import_and_check(f);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("imported.sla");
        fs::write(&path, &sla).expect("write");
        let out = dir.path().join("out");
        Slac::new()
            .args([
                "build",
                "--emit",
                "openslo",
                "--today",
                "2026-11-26",
                "--out",
            ])
            .arg(&out)
            .arg(&path)
            .run()
            .assert_code(0);
        let want = upstream_slos(f);
        // Sloth's raw ratio has no total: the import's `(1 + 0 * (ratio))` is not compared.
        let raw: Vec<String> = want
            .iter()
            .filter(|s| s.5.is_none())
            .map(|s| format!("(1 + 0 * ({}))", s.4 .1))
            .collect();
        let got = if out.join("openslo").exists() {
            built_slos(&out.join("openslo"), &raw)
        } else {
            Vec::new()
        };
        assert_eq!(got, want, "{}", f.display());
        compared += want.len();
    }
    assert!(compared >= 15, "{compared} SLOs compared");
}
