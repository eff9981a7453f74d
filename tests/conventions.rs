//! CLI conventions (issue 22.5): completions, the man page, `slac init`, `explain --list`,
//! usage errors as JSON, `--today` and `due` messages, no progress line in a pipe.

use crate::common::Slac;
use slac::diag::Code;

#[test]
fn completions_are_written_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef slac"),
        ("fish", "complete -c slac"),
    ] {
        let out = Slac::new().args(["completions", shell]).run();
        out.assert_code(0);
        assert!(
            out.stdout.contains(marker),
            "{shell}: {}",
            &out.stdout[..200.min(out.stdout.len())]
        );
        for sub in ["check", "build", "explain", "init"] {
            assert!(out.stdout.contains(sub), "{shell} completes no `{sub}`");
        }
    }
    Slac::new()
        .args(["completions", "tcsh"])
        .run()
        .assert_code(2);
}

#[test]
fn the_man_page_is_roff_for_slac_and_each_command() {
    let out = Slac::new().args(["man"]).run();
    out.assert_code(0);
    assert!(out.stdout.contains(".TH slac 1"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH SUBCOMMANDS") || out.stdout.contains("check"));
    let out = Slac::new().args(["man", "check"]).run();
    out.assert_code(0);
    assert!(out.stdout.contains(".TH slac-check 1"), "{}", out.stdout);
    assert!(out.stdout.contains("deny\\-warnings"), "{}", out.stdout);
    let out = Slac::new().args(["man", "nope"]).run();
    out.assert_code(2);
    assert!(out.stderr.contains("check, due"), "{}", out.stderr);
}

#[test]
fn init_writes_a_starter_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("new");
    let t = target.to_str().expect("utf-8");
    Slac::new().args(["init", t]).run().assert_code(0);
    let check = Slac::new().args(["check", t, "--deny-warnings"]).run();
    check.assert_code(0);
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "{}",
        check.stderr
    );
    // It builds where its slac.toml says, and its `today = "system"` is accepted.
    let build = Slac::new().args(["build", "."]).current_dir(&target).run();
    build.assert_code(0);
    assert!(target.join("out/json/portfolio.json").is_file());
    // A second run refuses, naming the files, and changes nothing.
    std::fs::write(target.join("portfolio.sla"), "# mine\n").expect("write");
    let again = Slac::new().args(["init", t]).run();
    again.assert_code(2);
    assert!(again.stderr.contains("portfolio.sla") && again.stderr.contains("slac.toml"));
    assert_eq!(
        std::fs::read_to_string(target.join("portfolio.sla")).expect("read"),
        "# mine\n"
    );
    // One file there is enough to refuse both.
    let half = dir.path().join("half");
    std::fs::create_dir(&half).expect("mkdir");
    std::fs::write(half.join("slac.toml"), "").expect("write");
    Slac::new()
        .args(["init", half.to_str().expect("utf-8")])
        .run()
        .assert_code(2);
    assert!(!half.join("portfolio.sla").exists());
}

#[test]
fn explain_list_names_every_code_once() {
    let out = Slac::new().args(["explain", "--list"]).run();
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), Code::ALL.len());
    for (line, code) in lines.iter().zip(Code::ALL) {
        assert!(line.starts_with(code.as_str()), "{line}");
        assert!(line.contains(code.title()), "{line}");
        assert!(line.contains(code.severity().as_str()), "{line}");
    }
    Slac::new().args(["explain"]).run().assert_code(2);
}

#[test]
fn usage_errors_are_json_on_stdout_under_format_json() {
    for args in [
        &["check", "--format", "json", "--bogus"][..],
        &["check", "--format=json", "--today", "yesterday"],
        &["status", "--format", "json", "--within", "soon"],
    ] {
        let out = Slac::new().args(args).run();
        out.assert_code(2);
        let v: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|_| panic!("{:?}: not JSON: {}", args, out.stdout));
        assert_eq!(v["exit_code"], 2);
        assert!(v["error"]["kind"].is_string());
        assert!(v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
        assert_eq!(out.stderr, "");
    }
    // Without --format json, clap's own text on stderr.
    let out = Slac::new().args(["check", "--bogus"]).run();
    out.assert_code(2);
    assert!(out.stdout.is_empty() && out.stderr.contains("--bogus"));
}

#[test]
fn a_bad_today_says_what_was_given_and_what_is_accepted() {
    for (given, says) in [
        ("26/11/2026", "is not a date"),
        ("2026-02-30", "not a day of the calendar"),
    ] {
        for cmd in ["check", "build", "status"] {
            let out = Slac::new()
                .args([cmd, "examples/acme", "--today", given])
                .run();
            out.assert_code(2);
            assert!(out.stderr.contains(given), "{cmd}: {}", out.stderr);
            assert!(out.stderr.contains(says), "{cmd}: {}", out.stderr);
            assert!(out.stderr.contains("YYYY-MM-DD"), "{cmd}: {}", out.stderr);
        }
    }
}

#[test]
fn due_refuses_flags_that_do_not_apply_and_lists_the_regions() {
    let base = [
        "due",
        "examples/acme",
        "--today",
        "2026-11-26",
        "--opened",
        "2026-11-27T10:00:00+01:00",
    ];
    let out = Slac::new()
        .args(base)
        .args([
            "--agreement",
            "globex_printing",
            "--request",
            "toner",
            "--target",
            "resolve",
        ])
        .run();
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("--target resolve does not apply to a request"),
        "{}",
        out.stderr
    );
    let out = Slac::new()
        .args(base)
        .args([
            "--agreement",
            "globex_printing",
            "--region",
            "urban",
            "--incident",
            "p2",
            "--target",
            "response",
        ])
        .run();
    out.assert_code(2);
    assert!(out.stderr.contains("its regions: rural"), "{}", out.stderr);
    let out = Slac::new()
        .args(base)
        .args([
            "--agreement",
            "globex_checkout",
            "--region",
            "rural",
            "--incident",
            "p1",
            "--target",
            "resolve",
        ])
        .run();
    out.assert_code(2);
    assert!(out.stderr.contains("has no regions"), "{}", out.stderr);
}

#[test]
fn a_build_in_a_pipe_shows_no_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("out");
    let out = Slac::new()
        .args(["build", "examples/acme", "--today", "2026-11-26", "--out"])
        .arg(&out_dir)
        .run();
    out.assert_code(0);
    assert!(
        !out.stderr.contains('\r') && !out.stderr.contains('\u{1b}'),
        "{:?}",
        out.stderr
    );
    assert!(!out.stderr.contains("building:"), "{}", out.stderr);
}
