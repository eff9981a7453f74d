//! A reader that goes away (`slac check examples | head -1`, `2>&-`) costs the text, never
//! a panic (exit 101): the command keeps its own exit code.

use std::process::{Command, Stdio};

/// Spawned by hand, not through `common::Slac`, which always reads both outputs to the
/// end: here one read end must be dropped while slac still runs.
///
/// Runs slac with stdout (`closed_stdout`) or stderr piped and the read end dropped at
/// once, so every write meets a closed pipe.
fn run_closed(args: &[&str], closed_stdout: bool) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_slac"));
    cmd.args(args).env("NO_COLOR", "1").stdin(Stdio::null());
    if closed_stdout {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    } else {
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    }
    let mut child = cmd.spawn().expect("slac runs");
    let mut other = String::new();
    if closed_stdout {
        drop(child.stdout.take());
        let status_and_err = child.wait_with_output().expect("wait");
        other.push_str(&String::from_utf8_lossy(&status_and_err.stderr));
        return (status_and_err.status.code(), other);
    }
    drop(child.stderr.take());
    let status = child.wait().expect("wait");
    (status.code(), other)
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    for args in [
        &["explain", "E0401"][..],
        &["check", "examples", "--format", "json"],
        &["check", "examples", "--format", "sarif"],
        &["diff", "examples/acme", "examples/acme"],
        &["fmt", "--check", "examples"],
        &["status", "examples/acme", "--today", "2026-12-01"],
        &[
            "status",
            "examples/acme",
            "--today",
            "2026-12-01",
            "--format",
            "json",
        ],
        &[
            "due",
            "examples/acme",
            "--agreement",
            "globex_checkout",
            "--incident",
            "p1",
            "--target",
            "resolve",
            "--opened",
            "2026-11-27T16:30:00+01:00",
        ],
    ] {
        let (code, stderr) = run_closed(args, true);
        assert_ne!(code, Some(101), "slac {args:?}: {stderr}");
        assert!(code.is_some(), "slac {args:?} was killed: {stderr}");
        assert!(!stderr.contains("panicked"), "slac {args:?}: {stderr}");
    }
}

#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    for (args, want) in [
        (&["check", "examples"][..], 0),
        (&["explain", "X9999"], 2),
        (&["check", "no/such/dir"], 2),
        (&["check", "tests/ui/e01"], 1),
    ] {
        let (code, _) = run_closed(args, false);
        assert_eq!(code, Some(want), "slac {args:?}");
    }
}
