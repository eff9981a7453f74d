//! `slac explain` and docs/checks.md: every code's explanation, and its wrong and right
//! examples checked by the real checker.

use crate::common::{check_sources, Slac};
use slac::diag::explain::{self, checks_markdown};
use slac::diag::Code;
use slac::source::SourceMap;

/// The families whose checks are implemented: their examples must report exactly what
/// they claim. Extend this list as E02, E03, E04 and W05 land. An entry still marked
/// `PLACEHOLDER` is one whose check has not landed yet ([`written`]).
const IMPLEMENTED: &[&str] = &["E01", "E02", "E03", "E04", "E06", "W05"];

const CHECKS_MD: &str = "docs/checks.md";

fn codes_of(name: &str, text: &str) -> Vec<String> {
    let mut sources = SourceMap::new();
    sources.add(name, name, text.to_string());
    let mut codes: Vec<String> = check_sources(&sources)
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    codes.sort();
    codes
}

/// The codes an example reports, restricted to the implemented families.
fn implemented_codes_of(name: &str, text: &str) -> Vec<String> {
    codes_of(name, text)
        .into_iter()
        .filter(|c| Code::parse(c).is_some_and(is_implemented))
        .collect()
}

fn is_implemented(code: Code) -> bool {
    IMPLEMENTED.contains(&explain::family_prefix(code)) && written(code)
}

/// Whether the code's explanation is written (not a placeholder of a check to come).
fn written(code: Code) -> bool {
    !explain::explain(code)
        .explanation
        .starts_with("PLACEHOLDER")
}

/// Codes reported by `slac diff`, never by `slac check`: their examples check clean.
fn diff_only(code: Code) -> bool {
    explain::DIFF_ONLY.contains(&code)
}

/// THE PAIR TEST: for every implemented code, the wrong example reports exactly that code
/// and the right one nothing. Examples of codes not implemented yet must already be clean
/// for the implemented families (no syntax slip hides behind a later phase).
#[test]
fn every_wrong_example_reports_its_code_once_and_every_right_one_nothing() {
    let mut failures = Vec::new();
    for &code in Code::ALL {
        if explain::PROJECT_FILE.contains(&code) {
            // slac.toml examples: `project_file_examples_report_their_code`.
            continue;
        }
        let e = explain::explain(code);
        let expected: Vec<String> = if is_implemented(code) && !diff_only(code) {
            vec![code.to_string()]
        } else {
            Vec::new()
        };
        if let Some(before) = explain::before(code) {
            let old = implemented_codes_of(&format!("{code}-before.sla"), before);
            if !old.is_empty() {
                failures.push(format!("{code}: the before example reports {old:?}"));
            }
        }
        let wrong = implemented_codes_of(&format!("{code}-wrong.sla"), e.wrong);
        if wrong != expected {
            failures.push(format!(
                "{code}: the wrong example reports {wrong:?}, expected {expected:?}"
            ));
        }
        let right = implemented_codes_of(&format!("{code}-right.sla"), e.right);
        if !right.is_empty() {
            failures.push(format!("{code}: the right example reports {right:?}"));
        }
    }
    assert!(
        Code::ALL.iter().any(|&c| is_implemented(c)),
        "no implemented family"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The pair test of the slac.toml codes: the wrong example is that code, once; the right
/// one is read without a diagnostic.
#[test]
fn project_file_examples_report_their_code() {
    for &code in explain::PROJECT_FILE {
        let e = explain::explain(code);
        let wrong = slac::project::parse(slac::source::FileId(0), e.wrong)
            .expect_err("the wrong example is refused");
        let codes: Vec<Code> = wrong.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![code], "{code}: {wrong:?}");
        assert!(wrong[0].help.is_some(), "{code} has no help");
        assert!(
            slac::project::parse(slac::source::FileId(0), e.right).is_ok(),
            "{code}: the right example is refused"
        );
    }
}

/// THE PAIR TEST of the codes `slac diff` reports: `slac diff BEFORE WRONG` reports the
/// code once and exits 1, `slac diff BEFORE RIGHT` reports no error and exits 0.
#[test]
fn every_diff_code_is_reported_from_before_to_wrong_and_not_to_right() {
    assert!(!explain::DIFF_ONLY.is_empty());
    let dir = tempfile::tempdir().expect("tempdir");
    for &code in explain::DIFF_ONLY {
        let e = explain::explain(code);
        let before = explain::before(code).unwrap_or_else(|| panic!("{code} has no before"));
        let path = |name: &str, text: &str| {
            let p = dir.path().join(format!("{code}-{name}.sla"));
            std::fs::write(&p, text).expect("write");
            p.to_string_lossy().into_owned()
        };
        let old = path("before", before);
        for (name, text, reported) in [("wrong", e.wrong, 1), ("right", e.right, 0)] {
            let new = path(name, text);
            let out = Slac::new()
                .args(["diff", &old, &new, "--format", "json"])
                .run();
            out.assert_code(reported);
            let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
            let codes: Vec<&str> = r["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .filter_map(|v| v["code"].as_str())
                .collect();
            let want: Vec<&str> = if reported == 1 {
                vec![code.as_str()]
            } else {
                Vec::new()
            };
            assert_eq!(codes, want, "{code} {name}: {r}");
            // The example changes something: a right example that changed nothing would
            // prove nothing.
            assert!(
                r["summary"]["tightened"].as_u64().unwrap_or(0)
                    + r["summary"]["loosened"].as_u64().unwrap_or(0)
                    > 0,
                "{code} {name} changes no commitment: {r}"
            );
        }
    }
}

#[test]
fn docs_checks_md_is_generated_from_the_registry() {
    let expected = checks_markdown();
    if std::env::var_os("SLAC_BLESS").is_some_and(|v| !v.is_empty()) {
        std::fs::write(CHECKS_MD, &expected).expect("docs/checks.md is writable");
        return;
    }
    let actual = std::fs::read_to_string(CHECKS_MD).unwrap_or_default();
    assert!(
        actual == expected,
        "{CHECKS_MD} is out of date with src/diag/explain.rs; regenerate it with \
         `SLAC_BLESS=1 cargo test explain` and commit the result"
    );
}

#[test]
fn docs_checks_md_lists_every_code_in_its_family() {
    let md = checks_markdown();
    let mut last = 0;
    for &code in Code::ALL {
        let at = md
            .find(&format!("\n### {code}\n"))
            .unwrap_or_else(|| panic!("{code} has no section"));
        assert!(at > last, "{code} is out of order");
        last = at;
    }
    for heading in [
        "## E01xx — values and syntax",
        "## E02xx — names",
        "## E03xx — one agreement",
        "## E04xx — between SLAs, OLAs and UCs",
        "## W05xx — lints",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    assert!(md.contains("a phase\nruns only when the phases before it found no error"));
}

#[test]
fn explain_e0401_describes_availability_composition() {
    let out = Slac::new().args(["explain", "E0401"]).run();
    out.assert_code(0);
    let text = &out.stdout;
    assert!(
        text.starts_with("E0401: availability not backed by supporters\n"),
        "{text}"
    );
    for needle in [
        "severity: error",
        "any_of",
        "1 − (1−a)(1−b)…",
        "best of their targets",
        "`1 − min(open_x, (1 − a) × open_s + uncovered) / open_x`",
        "checkout ≤ payments_db 99.95% (dba_payments) = 99.95%",
        "Wrong:",
        "Right:",
        "availability 99.95% per month",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn explain_accepts_any_case() {
    let lower = Slac::new().args(["explain", "w0504"]).run();
    lower.assert_code(0);
    assert!(lower
        .stdout
        .starts_with("W0504: item never referenced\nseverity: warning"));
    assert_eq!(
        lower.stdout,
        Slac::new().args(["explain", "W0504"]).run().stdout
    );
}

#[test]
fn explain_unknown_code_exits_2_and_suggests_the_closest() {
    let out = Slac::new().args(["explain", "E401"]).run();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    out.assert_stderr_contains("unknown diagnostic code `E401`");
    out.assert_stderr_contains("did you mean `E0401`");

    let far = Slac::new().args(["explain", "nonsense"]).run();
    assert_eq!(far.status.code(), Some(2));
    far.assert_stderr_contains("E0100 to W0509");
}
