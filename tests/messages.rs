//! How messages are laid out (issue 22.4): wrapped at the width asked for, never inside a
//! code span; not wrapped at all when the output is not a terminal.

use crate::common::{check_sources, load, Slac};
use slac::diag::render::{self, Style};
use std::path::PathBuf;

/// A case whose help is long and full of code spans with spaces in them.
const CASE: &str = "tests/ui/e04/missing_during_reported_once.sla";

#[test]
fn wrapped_lines_never_split_a_code_span() {
    let sources = load(&[PathBuf::from(CASE)]);
    let diags = check_sources(&sources);
    assert!(!diags.is_empty());
    for width in [30, 45, 60, 80, 100] {
        let text = render::human(
            &diags,
            &sources,
            Style {
                color: false,
                width,
            },
        );
        let mut wrapped = false;
        for line in text.lines() {
            // Message, help and their continuation lines (snippets are not wrapped).
            let prose = line.trim_start().starts_with(['×', '│']) || line.contains("help:");
            let continued =
                line.starts_with("        ") && !line.contains('·') && !line.contains('│');
            if prose || continued {
                wrapped |= continued || line.trim_start().starts_with('│');
                assert_eq!(
                    line.matches('`').count() % 2,
                    0,
                    "a code span is split at width {width}: {line:?}\n{text}"
                );
            }
        }
        assert!(wrapped, "nothing wrapped at width {width}:\n{text}");
    }
}

#[test]
fn output_that_is_not_a_terminal_is_not_wrapped() {
    let run = Slac::new()
        .args(["check", CASE, "--today", "2026-11-26"])
        .run();
    run.assert_code(1);
    let err = &run.stderr;
    let message = err
        .lines()
        .find(|l| l.contains("× support hours of"))
        .unwrap_or_else(|| panic!("the message:\n{err}"));
    assert!(
        message.contains("are not covered by 2 supporters"),
        "{message}"
    );
    assert!(
        message.contains("`cloud_uc` (closed from"),
        "one line:\n{err}"
    );
    let help = err.lines().find(|l| l.contains("help:")).expect("help");
    assert!(
        help.trim_end().ends_with("around the clock"),
        "one line:\n{err}"
    );
}
