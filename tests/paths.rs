//! Path safety: nothing is written outside `--out`, `--templates` reads only regular files
//! inside its directory, an output path that is a symbolic link is refused.

use crate::common::Slac;
use std::fs;

#[test]
fn a_template_that_is_a_symbolic_link_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tpl = dir.path().join("tpl");
    fs::create_dir_all(&tpl).expect("mkdir");
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "not a template").expect("write");
    std::os::unix::fs::symlink(&secret, tpl.join("contract.md.hbs")).expect("symlink");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            out.to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
        ])
        .run();
    r.assert_code(2);
    r.assert_stderr_contains("symbolic link");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_missing_templates_directory_is_an_error_not_a_silent_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            out.to_str().expect("utf-8"),
            "--templates",
            "no/such/dir",
        ])
        .run();
    assert_eq!(r.status.code(), Some(2));
    assert!(r.stderr.contains("is not a directory"));
    assert!(!out.exists());
}

#[test]
fn every_file_lands_inside_out_and_nothing_beside_it_survives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            out.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
        ])
        .run();
    r.assert_code(0);
    let beside: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        beside,
        ["site"],
        "only the output directory, no staging left"
    );
}

#[test]
fn artifact_paths_that_would_escape_are_refused_by_the_writer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    for bad in ["../evil.txt", "/etc/evil", "a/../../evil", ""] {
        let a = slac::output::Artifact::text(bad, "x");
        let r = slac::output::write_all(&out, &[a]);
        assert!(r.is_err(), "{bad:?} must be refused");
    }
    assert!(!out.exists());
    assert!(!dir.path().join("evil.txt").exists());
}
