//! The real binary: exit codes, formats and input errors (docs/cli.md).

use crate::common::Slac;
use std::fs;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn acme_checks_clean_with_exit_0_and_a_summary() {
    let out = Slac::new()
        .args(["check", "examples/acme", "--today", "2026-11-26"])
        .run();
    out.assert_code(0);
    out.assert_stderr_contains("ok: 0 errors, 0 warnings in 8 files");
}

#[test]
fn errors_exit_1_and_json_has_the_documented_shape() {
    let out = Slac::new()
        .args([
            "check",
            "tests/ui/e01/overnight_interval.sla",
            "--format",
            "json",
        ])
        .run();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json output");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E0104");
    assert_eq!(d["severity"], "error");
    assert!(d["message"]
        .as_str()
        .is_some_and(|m| m.contains("22:00-06:00")));
    assert!(d["help"]
        .as_str()
        .is_some_and(|h| h.contains("tue-sat 00:00-06:00")));
    let l = &d["labels"][0];
    assert_eq!(l["file"], "tests/ui/e01/overnight_interval.sla");
    assert_eq!(
        (l["line"].as_u64(), l["column"].as_u64()),
        (Some(7), Some(11))
    );
    assert_eq!(
        (l["end_line"].as_u64(), l["end_column"].as_u64()),
        (Some(7), Some(22))
    );
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 0);
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn warnings_fail_only_under_deny_warnings() {
    let p = "tests/ui/e01/overlapping_hours.sla";
    let out = Slac::new().args(["check", p]).run();
    out.assert_code(0);
    assert!(out.stderr.contains("W0110"));
    assert!(out
        .stderr
        .contains("warning: 0 errors, 1 warning in 1 file"));
    let out = Slac::new().args(["check", p, "--deny-warnings"]).run();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_path_is_exit_2_with_a_clear_message() {
    let out = Slac::new().args(["check", "no/such/dir"]).run();
    assert_eq!(out.status.code(), Some(2));
    assert!(out
        .stderr
        .contains("cannot read `no/such/dir`: no such file or directory"));
}

#[test]
fn a_directory_without_sla_files_is_exit_2() {
    let dir = temp();
    fs::write(dir.path().join("notes.txt"), "hello").expect("write");
    let out = Slac::new()
        .args(["check", dir.path().to_str().expect("utf-8 path")])
        .run();
    assert_eq!(out.status.code(), Some(2));
    out.assert_stderr_contains("no .sla files found");
}

#[test]
fn a_file_that_is_not_utf8_is_exit_2_naming_the_place() {
    let dir = temp();
    fs::write(
        dir.path().join("bad.sla"),
        b"team a \"A\"\nteam b \"\xff\"\n",
    )
    .expect("write");
    let out = Slac::new()
        .args(["check", dir.path().to_str().expect("utf-8 path")])
        .run();
    assert_eq!(out.status.code(), Some(2));
    let err = &out.stderr;
    assert!(
        err.contains("is not UTF-8") && err.contains("line 2, column 9"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn directories_are_searched_recursively_in_path_order() {
    let dir = temp();
    fs::create_dir_all(dir.path().join("b/c")).expect("mkdir");
    fs::write(
        dir.path().join("b/c/z.sla"),
        "team z \"Z\" { subscribes x }\n",
    )
    .expect("write");
    fs::write(dir.path().join("a.sla"), "team a \"A\" { subscribes x }\n").expect("write");
    fs::write(dir.path().join("b/readme.md"), "not a portfolio").expect("write");
    let out = Slac::new()
        .args([
            "check",
            dir.path().to_str().expect("utf-8 path"),
            "--format",
            "json",
        ])
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let files: Vec<String> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["labels"][0]["file"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(files.len(), 2);
    assert!(
        files[0].ends_with("a.sla") && files[1].ends_with("z.sla"),
        "{files:?}"
    );
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn usage_errors_are_exit_2() {
    assert_eq!(
        Slac::new()
            .args(["check", "--today", "2026-02-30"])
            .run()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        Slac::new()
            .args(["check", "--format", "xml"])
            .run()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        Slac::new().args(["frobnicate"]).run().status.code(),
        Some(2)
    );
    assert_eq!(Slac::new().args(["--help"]).run().status.code(), Some(0));
}

#[test]
fn output_is_deterministic() {
    let a = Slac::new()
        .args(["check", "tests/ui", "--format", "json"])
        .run();
    let b = Slac::new()
        .args(["check", "tests/ui", "--format", "json"])
        .run();
    assert_eq!(a.stdout_bytes, b.stdout_bytes);
}
