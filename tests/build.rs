//! `slac build`: check first, write atomically, deterministic bytes.

use crate::common::Slac;
use std::fs;

#[test]
fn build_writes_the_resolved_portfolio_and_replaces_the_output_as_a_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let o = out.to_str().expect("utf-8");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            o,
            "--emit",
            "markdown",
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(0);
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            o,
            "--emit",
            "json",
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(0);
    assert!(!out.join("markdown").exists(), "the old output is replaced");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("json/portfolio.json")).expect("json"))
            .expect("valid");
    let checkout = json["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .find(|a| a["name"] == "globex_checkout")
        .expect("globex_checkout")
        .clone();
    // Inherited from acme_standard through globex_terms:
    assert_eq!(checkout["terms"]["support"]["during"], "paris_office");
    assert_eq!(checkout["terms"]["valid"]["to"], "2027-12-31");
    let first = fs::read(out.join("json/portfolio.json")).expect("read");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            o,
            "--today",
            "2026-11-26",
        ])
        .run();
    assert_eq!(r.status.code(), Some(0));
    assert_eq!(
        first,
        fs::read(out.join("json/portfolio.json")).expect("read"),
        "same bytes"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("slac-"))
        .collect();
    assert!(leftovers.is_empty(), "no staging directories left behind");
}

#[test]
fn a_portfolio_with_errors_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            "tests/ui/e04/deadline_not_backed.sla",
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .run();
    assert_eq!(r.status.code(), Some(1));
    assert!(r.stderr.contains("E0402"));
    assert!(!out.exists());
}

#[test]
fn refuses_to_replace_the_inputs_or_a_symlink_and_unknown_outputs() {
    let r = Slac::new()
        .args(["build", "examples/acme", "--out", "examples"])
        .run();
    assert_eq!(r.status.code(), Some(2));
    assert!(std::path::Path::new("examples/acme/parties.sla").exists());
    let r = Slac::new()
        .args(["build", "examples/acme", "--out", "/tmp/x", "--emit", "pdf"])
        .run();
    assert_eq!(r.status.code(), Some(2));
    assert!(r.stderr.contains("unknown output `pdf`"));
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("real");
    fs::create_dir_all(&target).expect("mkdir");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            link.to_str().expect("utf-8"),
        ])
        .run();
    r.assert_code(2);
    assert!(r.stderr.contains("symbolic links are refused"));
}
