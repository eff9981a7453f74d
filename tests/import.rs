//! `slac import`: Sloth's and `OpenSLO`'s own example files (tests/import/, copied from
//! github.com/slok/sloth `examples/` and github.com/OpenSLO/OpenSLO `examples/`) become
//! portfolios that check clean, with the targets, windows and queries of the files.

use crate::common::Slac;
use std::fs;
use std::path::PathBuf;

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
