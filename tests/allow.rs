//! Allowed warnings (issue 22.2): `--allow`, slac.toml and its errors (docs/cli.md).

use crate::common::Slac;
use std::fs;
use std::path::Path;

/// An SLA that promises availability only: one W0502, nothing else.
const WATERMELON: &str = r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla api_sla "API SLA" {
  provider acme
  customer globex
  services api
  availability 99.9% per month
}
"#;

/// A portfolio in a directory of its own that is a repository root (`.git`), so no
/// slac.toml above it is found.
fn project(toml: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    fs::write(dir.path().join("a.sla"), WATERMELON).expect("write");
    if let Some(t) = toml {
        fs::write(dir.path().join("slac.toml"), t).expect("write");
    }
    dir
}

fn codes(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("json report");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn check(dir: &Path, extra: &[&str]) -> crate::common::Run {
    Slac::new()
        .args(["check", ".", "--format", "json", "--today", "2026-11-26"])
        .args(extra)
        .current_dir(dir)
        .run()
}

#[test]
fn allow_on_the_command_line_silences_a_warning_and_an_unused_one_is_w0120() {
    let dir = project(None);
    let out = check(dir.path(), &[]);
    out.assert_code(0);
    assert_eq!(codes(&out.stdout), ["W0502"]);
    let out = check(dir.path(), &["--allow", "W0502", "--deny-warnings"]);
    out.assert_code(0);
    assert!(codes(&out.stdout).is_empty(), "{}", out.stdout);
    // Unused: W0120 without a place (the command line has none), naming the flag.
    let out = check(dir.path(), &["--allow", "W0502", "--allow", "w0505"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "W0120");
    assert_eq!(d["labels"].as_array().map(Vec::len), Some(0));
    assert!(d["message"]
        .as_str()
        .is_some_and(|m| m.contains("--allow W0505")));
    assert!(d["help"].is_string());
}

#[test]
fn allowing_an_error_or_an_unknown_code_is_a_usage_error() {
    let dir = project(None);
    for bad in ["E0401", "W9999", "nonsense"] {
        let out = Slac::new()
            .args(["check", ".", "--allow", bad])
            .current_dir(dir.path())
            .run();
        out.assert_code(2);
        assert!(out.stderr.contains(bad), "{}", out.stderr);
    }
    // Under --format json, the same usage error as a JSON object on stdout.
    let out = check(dir.path(), &["--allow", "E0401"]);
    out.assert_code(2);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("errors cannot be allowed")),
        "{}",
        out.stdout
    );
}

#[test]
fn slac_toml_allows_and_sets_today_and_an_unused_entry_points_into_it() {
    let dir = project(Some(
        "[check]\nallow = [\"W0502\", \"W0505\"]\ntoday = \"2026-11-26\"\n",
    ));
    let out = Slac::new()
        .args(["check", ".", "--format", "json"])
        .current_dir(dir.path())
        .run();
    out.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), 1, "{}", out.stdout);
    assert_eq!(diags[0]["code"], "W0120");
    let l = &diags[0]["labels"][0];
    assert_eq!(l["file"], "slac.toml");
    assert_eq!(
        (l["line"].as_u64(), l["column"].as_u64()),
        (Some(2), Some(19))
    );
    // a.sla and slac.toml, which a diagnostic points into.
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn slac_toml_is_found_in_a_parent_up_to_the_repository_root() {
    let dir = project(Some("[check]\nallow = [\"W0502\"]\n"));
    fs::create_dir(dir.path().join("sub")).expect("mkdir");
    fs::rename(dir.path().join("a.sla"), dir.path().join("sub/a.sla")).expect("mv");
    let out = check(&dir.path().join("sub"), &[]);
    out.assert_code(0);
    assert!(codes(&out.stdout).is_empty(), "{}", out.stdout);
    // No diagnostic points into slac.toml: the summary counts the portfolio's file only.
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1);
    // Not above the repository root: a slac.toml there is not this project's.
    let outer = tempfile::tempdir().expect("temp dir");
    fs::write(
        outer.path().join("slac.toml"),
        "[check]\nallow = [\"W0502\"]\n",
    )
    .expect("write");
    fs::create_dir_all(outer.path().join("repo/.git")).expect("mkdir");
    fs::write(outer.path().join("repo/a.sla"), WATERMELON).expect("write");
    let out = check(&outer.path().join("repo"), &[]);
    assert_eq!(codes(&out.stdout), ["W0502"]);
}

#[test]
fn a_bad_slac_toml_is_an_error_with_its_code_and_place_and_exit_2() {
    for (toml, code, line) in [
        ("[check\nallow = []\n", "E0110", 1),
        ("[check]\nalow = [\"W0502\"]\n", "E0111", 2),
        ("[check]\nallow = \"W0502\"\n", "E0111", 2),
        ("[output]\n", "E0111", 1),
        ("[check]\nallow = [\"E0401\"]\n", "E0112", 2),
        ("[check]\ntoday = \"tomorrow\"\n", "E0112", 2),
        ("[build]\nemit = [\"pdf\"]\n", "E0112", 2),
    ] {
        let dir = project(Some(toml));
        let out = check(dir.path(), &[]);
        out.assert_code(2);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let d = &v["diagnostics"][0];
        assert_eq!(d["code"], code, "{toml}: {}", out.stdout);
        assert_eq!(d["labels"][0]["file"], "slac.toml", "{toml}");
        assert_eq!(d["labels"][0]["line"].as_u64(), Some(line), "{toml}");
        assert!(d["help"].is_string(), "{toml}");
    }
    let dir = project(Some("[check]\nalow = [\"W0502\"]\n"));
    let out = Slac::new()
        .args(["check", "."])
        .current_dir(dir.path())
        .run();
    out.assert_code(2);
    assert!(
        out.stderr.contains("did you mean `check.allow`"),
        "{}",
        out.stderr
    );
}

#[test]
fn build_takes_its_output_directory_from_slac_toml() {
    let dir = project(Some(
        "[check]\nallow = [\"W0502\"]\ntoday = \"2026-11-26\"\n[build]\nout = \"site\"\nemit = [\"json\"]\n",
    ));
    let out = Slac::new()
        .args(["build", "."])
        .current_dir(dir.path())
        .run();
    out.assert_code(0);
    assert!(
        dir.path().join("site/json/portfolio.json").is_file(),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("W0502"), "{}", out.stderr);
    // Without slac.toml nor --out, a clear usage error.
    let bare = project(None);
    let out = Slac::new()
        .args(["build", "."])
        .current_dir(bare.path())
        .run();
    out.assert_code(2);
    assert!(out.stderr.contains("--out"), "{}", out.stderr);
}
