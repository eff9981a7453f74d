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

#[test]
fn every_ui_case_reports_exactly_its_codes() {
    let mut failures = Vec::new();
    let files = sla_files(Path::new("tests/ui"));
    assert!(files.len() > 10, "the UI corpus is missing");
    let mut rendered = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable case");
        let expected = expected_codes(&text, &path);
        let sources = load(std::slice::from_ref(&path));
        let diags = check_sources(&sources);
        let mut got: Vec<String> = diags.iter().map(|d| d.code.to_string()).collect();
        got.sort();
        let human = human(&diags, &sources);
        if got != expected {
            failures.push(format!(
                "{}: expected {expected:?}, got {got:?}\n{human}",
                path.display()
            ));
        }
        for d in &diags {
            assert!(
                d.help.is_some(),
                "{}: {} has no help line",
                path.display(),
                d.code
            );
            assert!(
                !d.labels.is_empty(),
                "{}: {} has no span",
                path.display(),
                d.code
            );
        }
        rendered.push((path, text, human));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Codes first, for every case; then what users see, which review keeps stable.
    for (path, text, human) in rendered {
        let name = path
            .strip_prefix("tests/ui")
            .unwrap_or(&path)
            .with_extension("")
            .to_string_lossy()
            .replace(['/', '\\'], "__");
        insta::with_settings!({
            snapshot_path => "ui/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, format!("{text}\n----- slac check -----\n{human}"));
        });
    }
}

#[test]
fn the_acme_portfolio_checks_clean() {
    let sources = load(&[Path::new("examples/acme").to_path_buf()]);
    assert_eq!(sources.len(), 7);
    let diags = check_sources(&sources);
    assert!(diags.is_empty(), "{}", human(&diags, &sources));
}
