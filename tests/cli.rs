//! The real binary: exit codes, formats and input errors (docs/cli.md).

use crate::common::{slac, stderr, stdout};
use std::fs;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn acme_checks_clean_with_exit_0_and_a_summary() {
    let out = slac(&["check", "examples/acme", "--today", "2026-11-26"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ok: 0 errors, 0 warnings in 7 files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn errors_exit_1_and_json_has_the_documented_shape() {
    let out = slac(&[
        "check",
        "tests/ui/e01/overnight_interval.sla",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json output");
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
    let out = slac(&["check", p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("W0110"));
    assert!(stderr(&out).contains("warning: 0 errors, 1 warning in 1 file"));
    let out = slac(&["check", p, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_path_is_exit_2_with_a_clear_message() {
    let out = slac(&["check", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `no/such/dir`: no such file or directory"));
}

#[test]
fn a_directory_without_sla_files_is_exit_2() {
    let dir = temp();
    fs::write(dir.path().join("notes.txt"), "hello").expect("write");
    let out = slac(&["check", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no .sla files found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_that_is_not_utf8_is_exit_2_naming_the_place() {
    let dir = temp();
    fs::write(
        dir.path().join("bad.sla"),
        b"team a \"A\"\nteam b \"\xff\"\n",
    )
    .expect("write");
    let out = slac(&["check", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
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
    let out = slac(&[
        "check",
        dir.path().to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
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
        slac(&["check", "--today", "2026-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(slac(&["check", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(slac(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(slac(&["--help"]).status.code(), Some(0));
}

#[test]
fn output_is_deterministic() {
    let a = slac(&["check", "tests/ui", "--format", "json"]);
    let b = slac(&["check", "tests/ui", "--format", "json"]);
    assert_eq!(a.stdout, b.stdout);
}
