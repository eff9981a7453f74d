//! UI tests: every `.sla` file under tests/ui/ is a portfolio on its own whose first line,
//! `# expect: CODE, CODE…`, lists every code `slac check --today 2026-11-26` must report,
//! each as often as it occurs, and nothing else. The human rendering is snapshotted so a
//! change to any message shows up in review.

use crate::common::{check_sources, human, load, sla_files};
use std::path::Path;

fn expected_codes(text: &str, path: &Path) -> Vec<String> {
    let first = text.lines().next().unwrap_or("");
    let list = first
        .strip_prefix("# expect:")
        .unwrap_or_else(|| panic!("{}: first line must be `# expect: CODES`", path.display()));
    let mut codes: Vec<String> = list
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && c != "nothing")
        .collect();
    codes.sort();
    codes
}

/// The snapshot name of a case: its path below tests/ui without `.sla`, `/` as `__`.
fn snapshot_name(path: &Path) -> String {
    path.strip_prefix("tests/ui")
        .unwrap_or(path)
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__")
}

/// Every problem of one case, each as a line naming the file; empty when it passes.
fn run_case(path: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let text = std::fs::read_to_string(path).expect("readable case");
    let expected = expected_codes(&text, path);
    let sources = load(&[path.to_path_buf()]);
    let diags = check_sources(&sources);
    let mut got: Vec<String> = diags.iter().map(|d| d.code.to_string()).collect();
    got.sort();
    let human = human(&diags, &sources);
    if got != expected {
        problems.push(format!(
            "{}: expected {expected:?}, got {got:?}\n{human}",
            path.display()
        ));
    }
    for d in &diags {
        if d.help.is_none() {
            problems.push(format!("{}: {} has no help line", path.display(), d.code));
        }
        if d.labels.is_empty() {
            problems.push(format!("{}: {} has no span", path.display(), d.code));
        }
    }
    // What users see, which review keeps stable. insta panics on a mismatch (after
    // printing the diff); caught here so that every other case still runs.
    let name = snapshot_name(path);
    let snapshot = std::panic::catch_unwind(|| {
        insta::with_settings!({
            snapshot_path => "ui/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, format!("{text}\n----- slac check -----\n{human}"));
        });
    });
    if snapshot.is_err() {
        problems.push(format!(
            "{}: the rendering differs from tests/ui/snapshots/{}.snap (diff above)",
            path.display(),
            snapshot_name(path)
        ));
    }
    problems
}

/// One driver for every case, by design: a file dropped into tests/ui/ is a case without
/// touching any code (no list, no macro, no build script generating a `#[test]` per file,
/// which would add a build script to the whole package for the tests' sake). Each case
/// runs on its own, every problem is collected, and the failure lists every failing case
/// by file name, not only the first. `SLAC_UI_CASE=e04/` runs only the cases whose path
/// contains that text.
#[test]
fn every_ui_case_reports_exactly_its_codes() {
    let only = std::env::var("SLAC_UI_CASE").unwrap_or_default();
    let files = sla_files(Path::new("tests/ui"));
    assert!(files.len() > 10, "the UI corpus is missing");
    let mut failing = Vec::new();
    let mut problems = Vec::new();
    let mut ran = 0;
    for path in files {
        if !path.to_string_lossy().contains(only.as_str()) {
            continue;
        }
        ran += 1;
        let found = run_case(&path);
        if !found.is_empty() {
            failing.push(path.display().to_string());
            problems.extend(found);
        }
    }
    assert!(ran > 0, "no UI case matches SLAC_UI_CASE={only:?}");
    assert!(
        failing.is_empty(),
        "{} of {ran} UI cases fail:\n  {}\n\n{}",
        failing.len(),
        failing.join("\n  "),
        problems.join("\n\n")
    );
}

#[test]
fn the_acme_portfolio_checks_clean() {
    let sources = load(&[Path::new("examples/acme").to_path_buf()]);
    assert_eq!(sources.len(), 7);
    let diags = check_sources(&sources);
    assert!(diags.is_empty(), "{}", human(&diags, &sources));
}
