//! Large inputs that once made diagnostics slow or unreadable: every diagnostic is still
//! in the JSON, the human and GitHub outputs print a capped number with a count of the
//! rest, and a snippet of a very long line shows a window around the span, at the right
//! line and column. Speed is measured in benches/diagnostics.rs, not here.

use crate::common::Slac;
use std::fmt::Write as _;

fn teams(n: usize, sep: &str) -> String {
    let mut text = String::from("provider acme \"Acme\"");
    for i in 0..n {
        text.push_str(sep);
        let _ = write!(text, "team t{i} \"Équipe {i}\"");
    }
    text + "\n"
}

fn check(text: &str, format: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("teams.sla");
    std::fs::write(&file, text).expect("write");
    let r = Slac::new()
        .args([
            "check",
            file.to_str().expect("utf-8"),
            "--format",
            format,
            "--today",
            "2026-11-26",
        ])
        .run();
    assert_eq!(r.status.code(), Some(0), "warnings only");
    (r.stdout, r.stderr)
}

#[test]
fn ten_thousand_warnings_print_fifty_and_count_the_rest() {
    let text = teams(10_000, "\n");
    let (out, err) = check(&text, "human");
    let human = out + &err;
    assert_eq!(
        human.matches("is never used").count(),
        50,
        "{}",
        &human[..2000]
    );
    assert!(
        human.contains("9950 more diagnostics not shown (W0504: 9950)"),
        "{}",
        &human[human.len() - 400..]
    );
    assert!(human.contains("10000 warnings"));
    let (json, _) = check(&text, "json");
    assert_eq!(json.matches("\"code\": \"W0504\"").count(), 10_000);
    let (github, _) = check(&text, "github");
    assert_eq!(
        github
            .lines()
            .filter(|l| l.starts_with("::warning"))
            .count(),
        50
    );
    assert!(
        github.contains("::notice::9950 more diagnostics"),
        "{github}"
    );
}

#[test]
fn a_snippet_of_a_very_long_line_is_a_window_at_the_right_place() {
    // One line, several megabytes once rendered whole; the last team is far along it.
    let text = teams(30, " ");
    let text = text.trim_end().to_string() + &" ".repeat(200_000) + "team far \"Fär\"\n";
    let (out, err) = check(&text, "human");
    let human = out + &err;
    let col = text.find("far").expect("far") + 1 - 30; // 30 × `É`/`ä` are two bytes
    let at = format!("teams.sla:1:{col}]");
    assert!(human.contains(&at), "no {at} in the header");
    let longest = human.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 400, "a snippet line of {longest} characters");
    let (json, _) = check(&text, "json");
    assert!(
        json.contains(&format!("\"column\": {col},")),
        "the same column in JSON"
    );
}

/// `n` calendars, each with `rules` distinct recurring closures.
fn recurring(n: usize, rules: usize) -> String {
    let mut text = String::from("provider acme \"Acme\"\n");
    for c in 0..n {
        let _ = writeln!(text, "calendar c{c} \"C\" {{\n  mon-fri 09:00-17:00");
        for k in 0..rules {
            let _ = writeln!(
                text,
                "  closed every {:02}-{:02} {:02}:00-{:02}:30",
                1 + k % 12,
                1 + k / 12 % 28,
                9 + k / 336,
                9 + k / 336
            );
        }
        text.push_str("}\n");
    }
    text
}

#[test]
fn recurring_closures_are_bounded_before_they_are_expanded() {
    for (text, scope) in [
        (recurring(1, 2_000), "calendar `c0` has more than 64"),
        (recurring(17, 61), "the portfolio has more than 1024"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("p.sla");
        std::fs::write(&file, text).expect("write");
        let r = Slac::new()
            .args([
                "check",
                file.to_str().expect("utf-8"),
                "--today",
                "2026-11-26",
            ])
            .run();
        assert_eq!(r.status.code(), Some(1));
        assert!(
            r.stderr.contains("E0207") && r.stderr.contains(scope),
            "{}",
            r.stderr
        );
    }
    // Within the limits: checked, with a warning for the unused calendars only.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("p.sla");
    std::fs::write(&file, recurring(2, 64)).expect("write");
    let r = Slac::new()
        .args([
            "check",
            file.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
        ])
        .run();
    assert!(!r.stderr.contains("E0207"), "{}", r.stderr);
}
