//! One UI case: every `.sla` file under tests/ui/ is a portfolio on its own whose first line,
//! `# expect: CODE, CODE…`, lists every code `slac check --today 2026-11-26` must report,
//! each as often as it occurs, and nothing else. The human rendering is snapshotted so a
//! change to any message shows up in review.

use crate::common::{check_sources, human, load};
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
pub fn run_case(path: &Path) -> Vec<String> {
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
