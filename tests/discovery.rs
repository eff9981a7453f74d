//! Which files a directory gives (issue 22.3): .gitignore, hidden and build folders,
//! editor lock and backup files skipped; a named file always read; `-` is standard input.

use crate::common::Slac;
use std::fs;
use std::path::Path;

const SERVICE: &str = "service api \"API\"\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

/// The files `slac check DIR --format json` read, from its summary and from a broken file
/// per candidate: each skipped file holds a syntax error that would be reported.
fn reported_files(dir: &Path, args: &[&str]) -> (Vec<String>, u64) {
    let out = Slac::new()
        .args(["check", "--format", "json", "--today", "2026-11-26"])
        .args(args)
        .current_dir(dir)
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|_| panic!("json from {}: {}", out.command, out.stderr));
    let mut files: Vec<String> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["labels"][0]["file"].as_str().map(str::to_string))
        .collect();
    files.sort();
    files.dedup();
    (files, v["summary"]["files"].as_u64().unwrap_or(0))
}

#[test]
fn gitignored_hidden_build_and_editor_files_are_skipped_in_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "main.sla", SERVICE);
    for skipped in [
        "ignored.sla",
        "generated/out.sla",
        ".hidden/x.sla",
        "target/debug/x.sla",
        "node_modules/pkg/x.sla",
        "cache/x.sla",
        "site/x.sla",
        ".#main.sla",
        "#main.sla#",
        "main.sla~",
    ] {
        write(d, skipped, "this is { not valid\n");
    }
    write(d, ".gitignore", "ignored.sla\ngenerated/\n");
    write(
        d,
        "cache/CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n",
    );
    write(d, "site/.slac-build", "");
    let (files, count) = reported_files(d, &["."]);
    assert!(files.is_empty(), "skipped files were read: {files:?}");
    assert_eq!(count, 1);
    // Named on the command line, a file is read whatever its name or place.
    let (files, _) = reported_files(d, &[".", "ignored.sla", ".#main.sla", "target/debug/x.sla"]);
    assert_eq!(files, [".#main.sla", "ignored.sla", "target/debug/x.sla"]);
    // A build folder given as the directory to search is searched.
    let (files, _) = reported_files(d, &["target"]);
    assert_eq!(files, ["target/debug/x.sla"]);
}

#[test]
fn a_dash_reads_one_file_from_standard_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "main.sla", "provider acme \"Acme\"\n");
    let out = Slac::new()
        .args(["check", "-", "--today", "2026-11-26", "--format", "json"])
        .current_dir(dir.path())
        .stdin("service api \"API\"\nservice api \"API again\"\n")
        .run();
    out.assert_code(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["diagnostics"][0]["code"], "E0201");
    assert_eq!(v["diagnostics"][0]["labels"][0]["file"], "<stdin>");
    assert_eq!(v["summary"]["files"], 1);
    // With other paths: one more file, named `<stdin>`.
    let out = Slac::new()
        .args(["check", "-", ".", "--today", "2026-11-26"])
        .current_dir(dir.path())
        .stdin("service api \"API\"\n")
        .run();
    out.assert_code(0);
    assert!(out.stderr.contains("in 2 files"), "{}", out.stderr);
    // Not UTF-8: the usual message, naming `<stdin>`.
    let out = Slac::new()
        .args(["check", "-"])
        .stdin(b"service api \"\xff\"\n".to_vec())
        .run();
    out.assert_code(2);
    assert!(
        out.stderr.contains("`<stdin>` is not UTF-8"),
        "{}",
        out.stderr
    );
}

#[test]
fn fmt_of_standard_input_prints_the_formatted_text() {
    let out = Slac::new()
        .args(["fmt", "-"])
        .stdin("provider   acme \"Acme\"\r\nservice api  \"API\"\r\n")
        .run();
    out.assert_code(0);
    assert_eq!(
        out.stdout,
        "provider acme \"Acme\"\r\n\r\nservice api \"API\"\r\n"
    );
}
