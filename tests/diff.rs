//! `slac diff`: pairs of portfolios whose changes are known.

use crate::common::{Run, Slac};
use std::path::Path;
use std::process::Command;

const BASE: &str = r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
team ops "Ops"
calendar office {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
}
service api "API"
sla floor {
  level corporate
  provider acme
  support {
    during office
    incident p1 { response 1h resolve 8h }
    incident p2 { response 4h resolve 24h }
  }
}
sla globex_api {
  extends floor
  provider acme
  customer globex
  services api
  availability 99.9% per month
  support {
    incident p1 { response 30m resolve 4h }
  }
  penalty on availability {
    below 99.9% credit 10%
    below 99% credit 25%
  }
  cap 50%
}
sla internal_api {
  provider acme
  customer ops
  services api
  availability 99.5% per month
}
"#;

struct Pair {
    dir: tempfile::TempDir,
}

impl Pair {
    /// `old/p.sla` is BASE; `new/p.sla` is BASE with each `(from, to)` replaced.
    fn new(edits: &[(&str, &str)]) -> Pair {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut new = BASE.to_string();
        for (from, to) in edits {
            assert!(new.contains(from), "{from} not in the base");
            new = new.replacen(from, to, 1);
        }
        for (side, text) in [("old", BASE), ("new", new.as_str())] {
            std::fs::create_dir(dir.path().join(side)).expect("mkdir");
            std::fs::write(dir.path().join(side).join("p.sla"), text).expect("write");
        }
        Pair { dir }
    }

    fn run(&self, extra: &[&str]) -> Run {
        let old = self.dir.path().join("old");
        let new = self.dir.path().join("new");
        let mut args = vec![
            "diff",
            old.to_str().expect("utf-8"),
            new.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        Slac::new().args(&args).run()
    }

    fn json(&self) -> serde_json::Value {
        let out = self.run(&["--format", "json"]);
        out.assert_code(0);
        serde_json::from_str(&out.stdout).expect("json")
    }
}

/// `(name, region, what, effect, weakening)` of every change.
fn changes(report: &serde_json::Value) -> Vec<(String, Option<String>, String, String, bool)> {
    report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_string(),
                c["region"].as_str().map(str::to_string),
                c["what"].as_str().unwrap_or_default().to_string(),
                c["effect"].as_str().unwrap_or_default().to_string(),
                c["weakening"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

fn has(report: &serde_json::Value, name: &str, what: &str, effect: &str, weakening: bool) -> bool {
    changes(report)
        .iter()
        .any(|c| c.0 == name && c.2 == what && c.3 == effect && c.4 == weakening)
}

#[test]
fn identical_portfolios_have_no_changes() {
    let p = Pair::new(&[]);
    let out = p.run(&["--deny-weakening"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, "no semantic changes\n");
    // Layout and comments are not changes.
    let q = Pair::new(&[("sla internal_api {", "# internal\nsla   internal_api{")]);
    assert_eq!(q.json()["changes"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_tightened_target_is_not_a_weakening() {
    let p = Pair::new(&[(
        "availability 99.9% per month",
        "availability 99.95% per month",
    )]);
    let r = p.json();
    assert!(
        has(&r, "globex_api", "availability target", "tightened", false),
        "{r}"
    );
    assert_eq!(r["summary"]["weakenings"], 0);
    assert_eq!(p.run(&["--deny-weakening"]).status.code(), Some(0));
}

#[test]
fn a_loosened_customer_deadline_is_a_weakening() {
    let p = Pair::new(&[("{ response 30m resolve 4h }", "{ response 15m resolve 6h }")]);
    let r = p.json();
    assert!(
        has(&r, "globex_api", "incident p1 response", "tightened", false),
        "{r}"
    );
    assert!(
        has(&r, "globex_api", "incident p1 resolve", "loosened", true),
        "{r}"
    );
    let out = p.run(&["--deny-weakening"]);
    assert_eq!(out.status.code(), Some(1));
    out.assert_stdout_contains("[weakening]");
    assert_eq!(
        p.run(&[]).status.code(),
        Some(0),
        "without the flag it is a report"
    );
}

#[test]
fn a_loosened_internal_sla_is_a_weakening_too() {
    // `ops` is a team: an internal business unit's SLA is denied like a customer's.
    let p = Pair::new(&[("availability 99.5% per month", "availability 99% per month")]);
    let r = p.json();
    assert!(
        has(&r, "internal_api", "availability target", "loosened", true),
        "{r}"
    );
    assert_eq!(r["summary"]["sla_weakenings"], 1);
    assert_eq!(p.run(&["--deny-weakening"]).status.code(), Some(1));
    assert_eq!(p.run(&["--deny-weakening=sla"]).status.code(), Some(1));
}

#[test]
fn a_longer_window_is_a_weakening() {
    // E0303 calls it loosening; so does diff (it said "changed" and let it through).
    let p = Pair::new(&[(
        "availability 99.9% per month",
        "availability 99.9% per year",
    )]);
    let r = p.json();
    assert!(
        has(&r, "globex_api", "availability window", "loosened", true),
        "{r}"
    );
    assert_eq!(p.run(&["--deny-weakening"]).status.code(), Some(1));
    let back = Pair::new(&[(
        "availability 99.5% per month",
        "availability 99.5% per week",
    )]);
    assert!(
        has(
            &back.json(),
            "internal_api",
            "availability window",
            "tightened",
            false
        ),
        "{}",
        back.json()
    );
}

const OLA: &str = r#"provider acme "Acme"
team ops "Ops"
team dev "Dev"
supplier aws "AWS"
service api "API"
ola dev_ops {
  provider ops
  customer dev
  services api
  support { incident p1 { response 30m resolve 4h } }
}
uc aws_uc {
  provider aws
  customer acme
  services api
  availability 99.9% per month
}
"#;

#[test]
fn weakened_olas_and_ucs_are_reported_and_denied_with_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.sla"), dir.path().join("new.sla"));
    std::fs::write(&old, OLA).expect("w");
    let weaker = OLA
        .replace("resolve 4h", "resolve 8h")
        .replace("99.9% per month", "99.5% per month");
    std::fs::write(&new, weaker).expect("w");
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", old.to_str().expect("p"), new.to_str().expect("p")];
        args.extend_from_slice(extra);
        Slac::new().args(&args).run()
    };
    let out = run(&["--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(
        has(&r, "dev_ops", "incident p1 resolve", "loosened", true),
        "{r}"
    );
    assert!(
        has(&r, "aws_uc", "availability target", "loosened", true),
        "{r}"
    );
    assert_eq!(r["summary"]["weakenings"], 2);
    assert_eq!(r["summary"]["sla_weakenings"], 0);
    let human = run(&[]).stdout;
    assert!(
        human.contains("loosened   incident p1 resolve: 4h → 8h  [weakening]"),
        "{human}"
    );
    let md = run(&["--format", "markdown"]).stdout;
    assert!(
        md.contains("**2 weakenings**: 0 of an SLA, 2 of an OLA or UC."),
        "{md}"
    );
    assert_eq!(run(&["--deny-weakening"]).status.code(), Some(0));
    assert_eq!(run(&["--deny-weakening=all"]).status.code(), Some(1));
    assert_eq!(run(&["--deny-weakening=none"]).status.code(), Some(2));
}

#[test]
fn a_corporate_change_shows_in_every_agreement_that_inherits_it() {
    let p = Pair::new(&[("{ response 4h resolve 24h }", "{ response 4h resolve 30h }")]);
    let r = p.json();
    assert!(
        has(&r, "floor", "incident p2 resolve", "loosened", true),
        "{r}"
    );
    assert!(
        has(&r, "globex_api", "incident p2 resolve", "loosened", true),
        "{r}"
    );
    assert_eq!(p.run(&["--deny-weakening"]).status.code(), Some(1));
}

#[test]
fn calendars_closures_and_clauses() {
    // Longer service hours: the support clock runs more, deadlines come sooner.
    let p = Pair::new(&[("mon-fri 09:00-17:00", "mon-fri 08:00-18:00")]);
    let r = p.json();
    assert!(
        has(&r, "globex_api", "support during", "tightened", false),
        "{r}"
    );
    assert!(has(&r, "office", "hours", "changed", false), "{r}");
    // A closed day stops the clock: looser.
    let p = Pair::new(&[(
        "mon-fri 09:00-17:00",
        "mon-fri 09:00-17:00\n  closed 2026-12-24",
    )]);
    let r = p.json();
    assert!(
        has(&r, "globex_api", "support during", "loosened", true),
        "{r}"
    );
    assert!(has(&r, "office", "closed", "changed", false), "{r}");
    // A new exclusion and a lower cap excuse more.
    let p = Pair::new(&[("  cap 50%\n", "  cap 25%\n  exclude war \"Acts of war.\"\n")]);
    let r = p.json();
    assert!(has(&r, "globex_api", "cap", "loosened", true), "{r}");
    assert!(
        has(&r, "globex_api", "exclude war", "loosened", true),
        "{r}"
    );
    // Bigger credits tighten; a new region with slower deadlines loosens for its sites.
    let p = Pair::new(&[
        ("below 99% credit 25%", "below 99% credit 30%"),
        (
            "  cap 50%\n",
            "  cap 50%\n  region rural { support { incident p2 { response 4h resolve 24h } } }\n",
        ),
    ]);
    let r = p.json();
    assert!(
        has(
            &r,
            "globex_api",
            "penalty on availability",
            "tightened",
            false
        ),
        "{r}"
    );
    assert!(
        changes(&r).iter().any(|c| c.1.as_deref() == Some("rural")),
        "{r}"
    );
}

#[test]
fn validity_parties_services_and_dependencies() {
    let p = Pair::new(&[
        (
            "  services api\n  availability 99.9%",
            "  services api\n  valid from 2026-01-01 to 2026-12-31\n  availability 99.9%",
        ),
        ("team ops \"Ops\"", "team ops \"Operations\""),
        (
            "service api \"API\"",
            "service db\nservice api \"API\" { depends_on db }",
        ),
    ]);
    let r = p.json();
    assert!(has(&r, "globex_api", "valid from", "loosened", true), "{r}");
    assert!(has(&r, "globex_api", "valid to", "loosened", true), "{r}");
    assert!(has(&r, "ops", "title", "changed", false), "{r}");
    assert!(has(&r, "api", "depends_on", "changed", false), "{r}");
    assert!(has(&r, "db", "service", "changed", false), "{r}");
}

#[test]
fn added_and_removed_agreements() {
    let p = Pair::new(&[(
        "sla internal_api {\n  provider acme\n  customer ops\n  services api\n  availability 99.5% per month\n}\n",
        "",
    )]);
    let r = p.json();
    assert!(
        has(&r, "internal_api", "agreement", "loosened", true),
        "{r}"
    );
    assert_eq!(r["changes"][0]["change"], "removed");
    // Removing a customer-facing SLA is a weakening.
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.sla"), dir.path().join("new.sla"));
    std::fs::write(
        &old,
        "provider a\ncustomer c\nsla s { level customer provider a customer c }\n",
    )
    .expect("w");
    std::fs::write(&new, "provider a\ncustomer c\n").expect("w");
    let out = Slac::new()
        .args([
            "diff",
            old.to_str().expect("p"),
            new.to_str().expect("p"),
            "--deny-weakening",
        ])
        .run();
    assert_eq!(out.status.code(), Some(1), "{}{}", out.stdout, out.stderr);
    let out = Slac::new()
        .args([
            "diff",
            new.to_str().expect("p"),
            old.to_str().expect("p"),
            "--deny-weakening",
        ])
        .run();
    assert_eq!(out.status.code(), Some(0), "{}", out.stdout);
    out.assert_stdout_contains("tightened  agreement: added sla");
}

#[test]
fn json_and_markdown_shapes() {
    let p = Pair::new(&[("{ response 30m resolve 4h }", "{ response 30m resolve 5h }")]);
    let r = p.json();
    let c = &r["changes"][0];
    for key in [
        "subject",
        "name",
        "region",
        "customer_facing",
        "what",
        "change",
        "effect",
        "old",
        "new",
        "weakening",
    ] {
        assert!(c.get(key).is_some(), "missing {key}: {c}");
    }
    assert_eq!(c["old"], "4h");
    assert_eq!(c["new"], "5h");
    for key in ["tightened", "loosened", "changed", "weakenings"] {
        assert!(r["summary"][key].is_u64(), "summary.{key}");
    }
    let md = p.run(&["--format", "markdown"]).stdout;
    assert!(md.starts_with("## SLA changes"), "{md}");
    assert!(md.contains("### sla globex\\_api \\(customer\\-facing\\)\n\n| what | change | old | new | effect |\n| --- | --- | --- | --- | --- |\n"), "{md}");
    assert!(
        md.contains(
            "| incident p1 resolve | modified | `4h` | `5h` | ⚠️ **loosened (weakening)** |"
        ),
        "{md}"
    );
    assert!(md.contains("**1 weakening**"), "{md}");
}

#[test]
fn errors_on_either_side_exit_1_and_usage_errors_exit_2() {
    let p = Pair::new(&[(
        "services api\n  availability 99.9%",
        "services nope\n  availability 99.9%",
    )]);
    let out = p.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    out.assert_stderr_contains("nope");
    assert_eq!(
        Slac::new()
            .args(["diff", "examples/acme"])
            .run()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        Slac::new()
            .args(["diff", "examples/acme", "/nonexistent"])
            .run()
            .status
            .code(),
        Some(2)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn slac_in(dir: &Path, args: &[&str]) -> Run {
    Slac::new().args(args).current_dir(dir).run()
}

#[test]
fn git_compares_the_working_tree_with_a_revision() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.name", "Test"]);
    git(repo, &["config", "user.email", "test@example.com"]);
    std::fs::create_dir(repo.join("contracts")).expect("mkdir");
    std::fs::write(repo.join("contracts/p.sla"), BASE).expect("write");
    std::fs::write(repo.join("README.md"), "not a contract\n").expect("write");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    let changed = BASE.replace("{ response 30m resolve 4h }", "{ response 30m resolve 8h }");
    std::fs::write(repo.join("contracts/p.sla"), changed).expect("write");

    let out = slac_in(repo, &["diff", "--git", "HEAD", "--format", "json"]);
    out.assert_code(0);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(
        has(&r, "globex_api", "incident p1 resolve", "loosened", true),
        "{r}"
    );
    let out = slac_in(
        repo,
        &["diff", "--git", "main", "contracts", "--deny-weakening"],
    );
    out.assert_code(1);
    // From a subdirectory, paths are relative to it.
    let out = slac_in(
        &repo.join("contracts"),
        &["diff", "--git", "HEAD", "p.sla", "--format", "markdown"],
    );
    out.assert_code(0);
    out.assert_stdout_contains("incident p1 resolve");
    // A file new in the working tree: everything is added.
    std::fs::write(repo.join("contracts/more.sla"), "customer initech\n").expect("write");
    let out = slac_in(repo, &["diff", "--git", "HEAD", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(has(&r, "initech", "party", "changed", false), "{r}");
    // Errors of git are usage errors.
    let out = slac_in(repo, &["diff", "--git", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    out.assert_stderr_contains("no-such-rev");
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("x.sla"), "team a\n").expect("write");
    assert_eq!(
        slac_in(outside.path(), &["diff", "--git", "HEAD"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn claims_and_measured_by_are_changes() {
    let p = Pair::new(&[(
        "availability 99.9% per month",
        "availability 99.9% per month measured by outages\n  claims { to \"billing@e.example\" minimum 10 EUR credited as refund }",
    )]);
    let r = p.json();
    // A minimum where there was none pays fewer credits.
    assert!(
        has(&r, "globex_api", "claims minimum", "loosened", true),
        "{r}"
    );
    for what in [
        "claims to",
        "claims credited as",
        "availability measured by",
    ] {
        assert!(has(&r, "globex_api", what, "changed", false), "{what}: {r}");
    }
}

/// A signed SLA, as committed.
const SIGNED: &str = r#"provider acme "Acme"
customer globex "Globex" { subscribes api }
service api "API"
sla globex_api "Globex API" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 to 2027-12-31
  availability 99.9% per month
  latency 99% within 200ms per month
  status signed
  signed 2025-12-15 by globex "Walter Skinner, CIO"
  signed 2025-12-16 by acme "Sophie Laurent, COO"
}
"#;

/// A repository whose `HEAD` holds `committed` as `p.sla`, with `working` in its
/// working tree; the report of `slac diff --git HEAD` in `format`.
fn git_diff(committed: &str, working: &str, format: &str) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.name", "Test"]);
    git(repo, &["config", "user.email", "test@example.com"]);
    std::fs::write(repo.join("p.sla"), committed).expect("write");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "signed"]);
    std::fs::write(repo.join("p.sla"), working).expect("write");
    slac_in(repo, &["diff", "--git", "HEAD", "--format", format])
}

fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in edits {
        assert!(out.contains(from), "{from} not in the text");
        out = out.replacen(from, to, 1);
    }
    out
}

#[test]
fn a_signed_agreement_changed_in_place_is_e0608_in_every_format() {
    // A tightened target is no weakening, yet the signed text changed.
    let edited = edit(
        SIGNED,
        &[(
            "availability 99.9% per month",
            "availability 99.95% per month",
        )],
    );
    let out = git_diff(SIGNED, &edited, "json");
    out.assert_code(1);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(r["summary"]["errors"], 1, "{r}");
    assert_eq!(r["summary"]["weakenings"], 0, "{r}");
    let e = &r["errors"][0];
    assert_eq!(e["code"], "E0608", "{r}");
    assert_eq!(e["name"], "globex_api", "{r}");
    assert_eq!(e["version"], 1, "{r}");
    assert!(
        has(&r, "globex_api", "availability target", "tightened", false),
        "{r}"
    );
    let human = git_diff(SIGNED, &edited, "human");
    human.assert_code(1);
    human.assert_stdout_contains(
        "error[E0608]: signed SLA `globex_api` changed without a new version",
    );
    human.assert_stdout_contains("help: write the change as `version 2 amends 1");
    human.assert_stdout_contains("; 1 error\n");
    let md = git_diff(SIGNED, &edited, "markdown");
    md.assert_code(1);
    md.assert_stdout_contains("> [!CAUTION]\n> **E0608**: signed SLA");
}

#[test]
fn a_signed_agreement_amended_as_a_new_version_is_no_error() {
    let amended = edit(
        SIGNED,
        &[
            ("availability 99.9% per month", "availability 99.95% per month"),
            (
                "  status signed\n",
                "  status approved\n  version 2 amends 1 \"Higher availability\"\n  history {\n    version 1 signed 2025-12-16\n  }\n  approved 2026-05-04 by \"Claire Martin, Head of Service Management\"\n",
            ),
            ("  signed 2025-12-15 by globex \"Walter Skinner, CIO\"\n", ""),
            ("  signed 2025-12-16 by acme \"Sophie Laurent, COO\"\n", ""),
        ],
    );
    let out = git_diff(SIGNED, &amended, "json");
    out.assert_code(0);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(r["summary"]["errors"], 0, "{r}");
    assert_eq!(r["errors"].as_array().map(Vec::len), Some(0), "{r}");
    // The lifecycle's own changes are entries, marked changed, never weakenings.
    for what in ["status", "version", "history", "approved", "signature"] {
        assert!(has(&r, "globex_api", what, "changed", false), "{what}: {r}");
    }
}

#[test]
fn lifecycle_only_changes_and_drafts_are_no_error() {
    // Terminating a signed agreement changes its lifecycle, not its commitments.
    let terminated = edit(
        SIGNED,
        &[
            ("status signed", "status terminated"),
            (
                "  signed 2025-12-16 by acme \"Sophie Laurent, COO\"\n",
                "  signed 2025-12-16 by acme \"Sophie Laurent, COO\"\n  terminated 2026-06-30 \"Replaced\"\n",
            ),
        ],
    );
    let out = git_diff(SIGNED, &terminated, "json");
    out.assert_code(0);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(has(&r, "globex_api", "status", "changed", false), "{r}");
    assert!(has(&r, "globex_api", "terminated", "changed", false), "{r}");
    assert_eq!(r["summary"]["errors"], 0, "{r}");
    // A draft is edited in place until it is signed.
    let draft = edit(
        SIGNED,
        &[
            ("status signed", "status draft"),
            (
                "  signed 2025-12-15 by globex \"Walter Skinner, CIO\"\n",
                "",
            ),
            ("  signed 2025-12-16 by acme \"Sophie Laurent, COO\"\n", ""),
        ],
    );
    let loosened = edit(
        &draft,
        &[(
            "availability 99.9% per month",
            "availability 99.5% per month",
        )],
    );
    let out = git_diff(&draft, &loosened, "json");
    out.assert_code(0);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(
        has(&r, "globex_api", "availability target", "loosened", true),
        "{r}"
    );
    assert_eq!(r["summary"]["errors"], 0, "{r}");
    // An untracked agreement (no lifecycle) neither.
    let untracked = edit(&draft, &[("  status draft\n", "")]);
    let untracked_loosened = edit(&loosened, &[("  status draft\n", "")]);
    git_diff(&untracked, &untracked_loosened, "human").assert_code(0);
}
