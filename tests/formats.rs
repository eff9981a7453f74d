//! `slac check --format sarif|github`: the real binary, parsed or compared line by line.

use crate::common::{Run, Slac};
use serde_json::Value;
use slac::diag::Code;
use std::fs;

const MIXED: &str = "tests/ui/e01/money_mixed_currencies.sla";

fn sarif(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif", "--today", "2026-11-26"];
    all.extend_from_slice(args);
    let out = Slac::new().args(&all).run();
    serde_json::from_str(&out.stdout).expect("sarif output is json")
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json", "--today", "2026-11-26"];
    all.extend_from_slice(args);
    serde_json::from_str(&Slac::new().args(&all).run().stdout).expect("json output")
}

/// Line, column, end line, end column of a SARIF location.
fn region(location: &Value) -> [u64; 4] {
    let r = &location["physicalLocation"]["region"];
    ["startLine", "startColumn", "endLine", "endColumn"].map(|k| r[k].as_u64().unwrap_or(0))
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x[key].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn sarif_for_two_labels_has_a_location_and_a_related_location() {
    let out = Slac::new()
        .args(["check", MIXED, "--format", "sarif"])
        .run();
    out.assert_code(1);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(
        v["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "slac");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 1);
    let rule = &rules[0];
    assert_eq!(rule["id"], "E0107");
    assert_eq!(rule["name"], Code::E0107.title());
    assert_eq!(rule["shortDescription"]["text"], Code::E0107.title());
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    // The rule carries the registry's explanation, as `slac explain` prints it.
    let explanation = Code::E0107.explanation();
    assert_eq!(rule["fullDescription"]["text"], explanation.explanation);
    let help = rule["help"]["text"].as_str().expect("help text");
    assert!(help.starts_with(explanation.explanation) && help.contains(explanation.wrong));

    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "E0107");
    assert_eq!(r["ruleIndex"], 0);
    assert_eq!(r["level"], "error");
    assert_eq!(
        r["message"]["text"],
        "agreement `api_sla` mixes currencies: EUR and USD\n\
         help: state the fee and every credit amount of `api_sla` in one currency"
    );
    let locations = r["locations"].as_array().expect("locations");
    assert_eq!(locations.len(), 1);
    let primary = &locations[0];
    assert_eq!(
        primary["physicalLocation"]["artifactLocation"]["uri"],
        MIXED
    );
    assert_eq!(region(primary), [14, 28, 14, 31]);
    assert_eq!(primary["message"]["text"], "in USD");
    assert!(primary.get("id").is_none());

    let related = r["relatedLocations"].as_array().expect("relatedLocations");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["id"], 1);
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        MIXED
    );
    assert_eq!(region(&related[0]), [9, 12, 9, 15]);
    assert_eq!(related[0]["message"]["text"], "in EUR");
}

#[test]
fn sarif_rules_are_exactly_the_codes_used_and_results_match_json() {
    let s = sarif(&["tests/ui"]);
    let j = json(&["tests/ui"]);
    let run = &s["runs"][0];
    let diags = j["diagnostics"].as_array().expect("diagnostics");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), diags.len());

    let mut used: Vec<Code> = diags
        .iter()
        .filter_map(|d| d["code"].as_str().and_then(Code::parse))
        .collect();
    used.sort();
    used.dedup();
    let rules = &run["tool"]["driver"]["rules"];
    let expected: Vec<String> = used.iter().map(|c| c.as_str().to_string()).collect();
    assert_eq!(strings(rules, "id"), expected);
    assert!(used.contains(&Code::W0110), "tests/ui has a warning");
    for (rule, code) in rules.as_array().expect("rules").iter().zip(&used) {
        assert_eq!(rule["name"], code.title());
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            code.severity().as_str()
        );
    }

    for (r, d) in results.iter().zip(diags) {
        assert_eq!(r["ruleId"], d["code"]);
        let index = usize::try_from(r["ruleIndex"].as_u64().expect("ruleIndex")).expect("index");
        assert_eq!(rules[index]["id"], d["code"]);
        assert_eq!(r["level"], d["severity"]);
        let text = r["message"]["text"].as_str().expect("text");
        assert!(text.starts_with(d["message"].as_str().expect("message")));
        let labels = d["labels"].as_array().expect("labels");
        let places: Vec<[u64; 4]> = labels
            .iter()
            .map(|l| {
                ["line", "column", "end_line", "end_column"].map(|k| l[k].as_u64().unwrap_or(0))
            })
            .collect();
        assert_eq!(region(&r["locations"][0]), places[0]);
        let related: Vec<[u64; 4]> = r
            .get("relatedLocations")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(region).collect())
            .unwrap_or_default();
        assert_eq!(related, places[1..]);
    }
}

#[test]
fn sarif_of_a_clean_portfolio_has_no_rules_and_no_results() {
    let out = Slac::new()
        .args([
            "check",
            "examples/acme",
            "--format",
            "sarif",
            "--today",
            "2026-11-26",
        ])
        .run();
    out.assert_code(0);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"],
        Value::Array(vec![])
    );
    assert_eq!(v["runs"][0]["results"], Value::Array(vec![]));
}

/// GitHub shows a rule's `help.markdown`: the explanation and both examples as `sla`
/// code blocks. A file named `c:x.sla` is a relative reference, not a URI with the scheme
/// `c`, and no region ends on the line after its span.
#[test]
fn sarif_help_is_markdown_and_odd_file_names_are_relative_references() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("c:x.sla"),
        "provider acme \"A\"\nsla x \"X\" {\n  provider \"q\n}\n",
    )
    .expect("write");
    let out = Slac::new()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif", "--today", "2026-11-26"])
        .run();
    out.assert_code(1);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    let run = &v["runs"][0];
    let rule = &run["tool"]["driver"]["rules"][0];
    let md = rule["help"]["markdown"].as_str().expect("help.markdown");
    assert!(
        md.contains("**Wrong:**") && md.contains("**Right:**"),
        "{md}"
    );
    assert_eq!(md.matches("```sla\n").count(), 2, "{md}");
    assert!(rule["help"]["text"]
        .as_str()
        .is_some_and(|t| !t.contains("```")));
    for r in run["results"].as_array().expect("results") {
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(uri.ends_with("c%3Ax.sla"), "{uri}");
        assert!(!uri.contains(':'), "{uri}: a colon would start a scheme");
        let region = &loc["region"];
        assert_eq!(region["startLine"], region["endLine"], "{region}");
    }
}

#[test]
fn sarif_is_byte_identical_across_runs() {
    let args = [
        "check",
        "tests/ui",
        "--format",
        "sarif",
        "--today",
        "2026-11-26",
    ];
    let a = Slac::new().args(args).run();
    let b = Slac::new().args(args).run();
    assert!(!a.stdout_bytes.is_empty());
    assert_eq!(a.stdout_bytes, b.stdout_bytes);
}

#[test]
fn github_gives_one_error_command_with_the_help_on_the_next_line() {
    let out = Slac::new()
        .args(["check", MIXED, "--format", "github"])
        .run();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        out.stdout,
        "::error file=tests/ui/e01/money_mixed_currencies.sla,line=14,col=28,endLine=14,\
         endColumn=31,title=E0107::agreement `api_sla` mixes currencies: EUR and USD\
         %0Ahelp: state the fee and every credit amount of `api_sla` in one currency\n"
    );
    assert_eq!(out.stderr, "", "no summary line");
}

#[test]
fn github_warnings_use_the_warning_command_and_exit_0() {
    let out = Slac::new()
        .args([
            "check",
            "tests/ui/e01/overlapping_hours.sla",
            "--format",
            "github",
        ])
        .run();
    assert_eq!(out.status.code(), Some(0));
    let text = &out.stdout;
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("::warning file=tests/ui/e01/overlapping_hours.sla,line=9,col=3,"),
        "{text}"
    );
    assert!(text.contains(",title=W0110::hours overlap in calendar `office`%0Ahelp: "));
}

/// Runs the binary in `dir`, so the file's display name is the relative path given.
fn slac_in(dir: &std::path::Path, args: &[&str]) -> Run {
    Slac::new().args(args).current_dir(dir).run()
}

#[test]
fn github_escapes_properties_and_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("zones")).expect("mkdir");
    fs::write(
        dir.path().join("zones/tz,1:x.sla"),
        "calendar c \"C\" {\n  timezone \"Europe/Pa,ris:x%\"\n  mon-fri 08:00-12:00\n}\n",
    )
    .expect("write");
    let out = slac_in(
        dir.path(),
        &["check", "zones/tz,1:x.sla", "--format", "github"],
    );
    out.assert_code(1);
    // In the file property `,` and `:` are encoded; in the message only `%` and newlines.
    assert_eq!(
        out.stdout,
        "::error file=zones/tz%2C1%3Ax.sla,line=2,col=12,endLine=2,endColumn=30,title=E0105\
         ::unknown time zone \"Europe/Pa,ris:x%25\"%0Ahelp: did you mean \"Europe/Paris\"?\n"
    );
}

#[test]
fn github_of_a_clean_portfolio_prints_nothing() {
    let out = Slac::new()
        .args([
            "check",
            "examples/acme",
            "--format",
            "github",
            "--today",
            "2026-11-26",
        ])
        .run();
    out.assert_code(0);
    assert_eq!(out.stdout, "");
}
