//! Hostile text in `.sla` files (issue 14, "no injection into outputs"): titles, notes,
//! labels and comments reach YAML, Markdown, HTML and the terminal as text, never as
//! markup. Each test builds a portfolio whose strings try to break out of their place.

use crate::common::Slac;
use std::fs;
use std::path::{Path, PathBuf};

/// Every code point YAML 1.1 (and so Prometheus, Alertmanager) reads as a line end, as
/// a `.sla` escape.
const BREAKS: [&str; 5] = ["\\n", "\\u{d}", "\\u{85}", "\\u{2028}", "\\u{2029}"];

/// A portfolio in which every string that can reach a monitoring output carries
/// `brk` followed by a new top-level key.
fn hostile_monitoring(brk: &str) -> String {
    hostile(&|what: &str| {
        format!("{what}{brk}evil: 1{brk}# x{brk}- y{brk}\\u{{1b}}]52;c;ZXZpbA==\\u{{7}}\\\"")
    })
}

/// A portfolio in which every string (titles, descriptions, notes, labels, exclusions)
/// is `evil` of a harmless text.
fn hostile(evil: &dyn Fn(&str) -> String) -> String {
    format!(
        r#"provider acme "{p}" {{ contact "a@acme.example" }}
customer initech "{c}" {{ subscribes api }}

calendar office "{cal}" {{
  timezone "UTC"
  mon-fri 09:00-17:00
  closed 2026-12-24 "{closure}"
}}

service api "{svc}" {{ description "{desc}" }}

sla initech_api "{sla}" {{
  provider acme
  customer initech
  services api
  note "{note}"
  exclude planned "{excl}"

  availability "{obj}" {{
    target 99.9%
    window month
    during office
    indicator prometheus {{
      errors "sum(rate(api_errors_total[{{{{window}}}}]))"
      total  "sum(rate(api_requests_total[{{{{window}}}}]))"
    }}
  }}
}}
"#,
        p = evil("Acme"),
        c = evil("Initech"),
        cal = evil("Office"),
        closure = evil("Christmas Eve"),
        svc = evil("Public API"),
        desc = evil("The API"),
        sla = evil("API for Initech"),
        note = evil("A note"),
        excl = evil("Planned work"),
        obj = evil("Uptime"),
    )
}

/// Writes `text` as `portfolio.sla` and builds it; the temporary directory and `out`.
fn build(text: &str, emit: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("portfolio.sla");
    fs::write(&input, text).expect("write");
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            input.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
            "--today",
            "2026-11-26",
            "--emit",
            emit,
        ])
        .run();
    r.assert_code(0);
    (dir, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The top-level keys of every YAML document in `text`.
fn top_level_keys(text: &str) -> Vec<Vec<String>> {
    use serde::Deserialize as _;
    serde_norway::Deserializer::from_str(text)
        .map(|doc| {
            let v = serde_norway::Value::deserialize(doc).expect("valid YAML");
            v.as_mapping()
                .expect("a mapping at the top")
                .keys()
                .map(|k| k.as_str().expect("a string key").to_owned())
                .collect()
        })
        .collect()
}

/// No raw line break other than `\n`, no control character other than `\n` in `text`.
fn assert_no_raw_controls(file: &str, text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')),
            "{file} contains U+{:04X}",
            u32::from(c)
        );
    }
}

#[test]
fn injection_yaml_line_breaks_in_text_add_no_key() {
    for brk in BREAKS {
        let (_dir, out) = build(&hostile_monitoring(brk), "prometheus,alertmanager,openslo");
        let rules = read(&out, "prometheus/initech_api.rules.yml");
        let intervals = read(&out, "alertmanager/time_intervals.yml");
        let openslo = read(&out, "openslo/initech_api.yaml");
        for (file, text) in [
            ("rules", &rules),
            ("intervals", &intervals),
            ("openslo", &openslo),
        ] {
            assert_no_raw_controls(file, text);
            assert!(
                !text.lines().any(|l| l.starts_with("evil")),
                "{brk}: {file}:\n{text}"
            );
        }
        assert_eq!(top_level_keys(&rules), [["groups"]], "{brk}:\n{rules}");
        assert_eq!(
            top_level_keys(&intervals),
            [["time_intervals"]],
            "{brk}:\n{intervals}"
        );
        let docs = top_level_keys(&openslo);
        assert_eq!(docs.len(), 3, "{brk}:\n{openslo}");
        for keys in docs {
            assert_eq!(keys, ["apiVersion", "kind", "metadata", "spec"], "{brk}");
        }
    }
}

#[test]
fn injection_yaml_scalars_keep_the_text_exactly() {
    let (_dir, out) = build(&hostile_monitoring("\\u{2028}"), "openslo,prometheus");
    let openslo = read(&out, "openslo/initech_api.yaml");
    let docs: Vec<serde_norway::Value> = serde_norway::Deserializer::from_str(&openslo)
        .map(|d| serde::Deserialize::deserialize(d).expect("valid YAML"))
        .collect();
    let tail = "\u{2028}evil: 1\u{2028}# x\u{2028}- y\u{2028}\u{1b}]52;c;ZXZpbA==\u{7}\"";
    assert_eq!(
        docs[0]["metadata"]["displayName"].as_str(),
        Some(format!("Public API{tail}").as_str())
    );
    assert_eq!(
        docs[0]["spec"]["description"].as_str(),
        Some(format!("The API{tail}").as_str())
    );
    assert_eq!(
        docs[1]["metadata"]["displayName"].as_str(),
        Some(format!("Uptime{tail}").as_str())
    );
    let rules: serde_norway::Value =
        serde_norway::from_str(&read(&out, "prometheus/initech_api.rules.yml")).expect("YAML");
    let alert = &rules["groups"][0]["rules"]
        .as_sequence()
        .expect("rules")
        .iter()
        .find(|r| r["alert"].as_str() == Some("SlaErrorBudgetBurnPage"))
        .expect("a page alert")["annotations"];
    assert_eq!(
        alert["agreement_title"].as_str(),
        Some(format!("API for Initech{tail}").as_str())
    );
}

/// Markdown that tries to end a table row, start a heading or a list, show an image,
/// link or inline HTML, after each kind of line break.
fn markdown_payload(brk: &str, what: &str) -> String {
    format!(
        "{what} ![](https://e.example/p.png) [pay](https://e.example) <img src=x> | cell |{brk}# Heading{brk}- item{brk}1. first{brk}> quote{brk}| a | b |{brk}`code` *em* _em_ ~~s~~ \\\\ www.e.example https://e.example/x"
    )
}

/// The number of `|` in a line that split a GFM table row (not escaped with `\\`).
fn cell_bars(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            n += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    n
}

#[test]
fn injection_markdown_text_renders_literally() {
    for brk in BREAKS {
        let text = hostile(&|what: &str| markdown_payload(brk, what));
        let (_dir, out) = build(&text, "markdown");
        let md = read(&out, "internal/markdown/initech_api.md");
        assert_no_raw_controls("markdown", &md);
        for bad in [
            "![", "](", "<img", "<b", "https://", "www.e", "`code`", "*em*", "_em_", "~~s",
        ] {
            assert!(!md.contains(bad), "{brk}: {bad} in\n{md}");
        }
        for line in md.lines() {
            for start in ["# Heading", "- item", "1. first", "> quote", "| a | b |"] {
                assert!(!line.starts_with(start), "{brk}: {line}");
            }
            // Every table row has as many cells as its header.
            if line.starts_with("| Service |") || line.starts_with("| Closed on |") {
                assert_eq!(cell_bars(line), 5, "{line}");
            } else if line.starts_with("| ")
                && !line.starts_with("| Day")
                && !line.starts_with("| --- |")
            {
                let bars = cell_bars(line);
                assert!(
                    bars == 4 || bars == 5 || bars == 7,
                    "{brk}: {bars} cells in {line}"
                );
            }
        }
        assert!(
            md.contains("# API for Initech \\!\\[\\]\\(https\\://e\\.example/p\\.png\\)"),
            "{md}"
        );
    }
}

/// `slac check FILE` on `text` with more arguments; what it prints.
fn check(text: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("p.sla");
    fs::write(&input, text).expect("write");
    let mut args = vec!["check", input.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    let r = Slac::new().args(&args).run();
    r.assert_code(1);
    format!("{}{}", r.stdout, r.stderr)
}

#[test]
fn injection_terminal_shows_control_characters_never_sends_them() {
    // OSC 52 (write the clipboard), CSI as C1 (U+009B), a bell, U+2028, and a
    // right-to-left override (W0111), in a comment shown as context and in the bad string.
    let text = "provider acme \"Acme\" { contact \"a@acme.example\" }\n\
                sla a \"A\" {\n  provider acme\n  \
                # \u{1b}]52;c;ZXZpbA==\u{7} reviewed \u{9b}31m \u{2028}\u{202e}red\n  \
                timezone \"Mars/\u{1b}[2J\u{7}\"\n}\n";
    let plain = check(text, &["--color", "never"]);
    for c in plain.chars() {
        assert!(
            c == '\n' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{202e}')),
            "U+{:04X} reached the terminal:\n{plain}",
            u32::from(c)
        );
    }
    assert!(
        plain.contains("# \\u{1b}]52;c;ZXZpbA==\\u{7} reviewed \\u{9b}31m \\u{2028}\\u{202e}red"),
        "{plain}"
    );
    assert!(plain.contains("unknown time zone"), "{plain}");
    assert!(plain.contains("Mars/\\u{1b}[2J\\u{7}"), "{plain}");
    // The underline still sits under the whole string, escapes included.
    let e0105 = &plain[plain.find("unknown time zone").expect("E0105")..];
    let snippet = e0105
        .lines()
        .find(|l| l.contains("timezone \"Mars"))
        .expect("the line");
    let under = e0105
        .lines()
        .skip_while(|l| !l.contains("timezone \"Mars"))
        .nth(1)
        .expect("the underline");
    let quotes: Vec<usize> = snippet
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '"')
        .map(|(i, _)| i)
        .collect();
    let marks: Vec<usize> = under
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '─' || c == '┬')
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        (marks[0], marks[marks.len() - 1]),
        (quotes[0], quotes[quotes.len() - 1]),
        "{plain}"
    );
    // With colours, slac's own SGR sequences only: no OSC, no bell, no C1.
    let coloured = check(text, &["--color", "always"]);
    assert!(!coloured.contains("\u{1b}]"), "{coloured:?}");
    assert!(!coloured.contains('\u{7}') && !coloured.contains('\u{9b}'));
    // GitHub workflow commands go to a log viewer.
    let gh = check(text, &["--format", "github"]);
    assert!(!gh.contains('\u{1b}') && !gh.contains('\u{7}'), "{gh:?}");
}

/// `# reviewed` then a lone CR: editors show `cap 20%` on a line of its own, so it is code.
const LONE_CR: &str = "provider acme \"Acme\" { contact \"a@acme.example\" }\n\
                       customer c \"C\" { subscribes s }\nservice s \"S\"\n\
                       sla a \"A\" {\n  provider acme customer c services s\n  cap 50%\n  \
                       # reviewed\r  cap 20%\n}\n";

#[test]
fn injection_lone_cr_ends_a_comment_in_the_checker() {
    let mut sources = slac::source::SourceMap::new();
    sources.add("cr.sla", "cr.sla", LONE_CR.to_owned());
    let diags = crate::common::check_sources(&sources);
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E0108"], "{diags:?}");
    let human = crate::common::human(&diags, &sources);
    assert!(human.contains("[cr.sla:8:3]"), "{human}");
    assert!(human.contains(" 8 │   cap 20%"), "{human}");
    assert!(!human.contains('\r'), "{human:?}");
}

#[test]
fn injection_lone_cr_ends_a_comment_in_the_formatter() {
    let out = slac::fmt::format_text(slac::source::FileId(0), LONE_CR).expect("formats");
    assert!(
        out.contains("  cap 50%\n  # reviewed\n  cap 20%\n}\n"),
        "{out}"
    );
    // CRLF files keep their comments, without the CR in them, and stay CRLF (issue 22.5).
    let crlf = "service s \"S\" # one\r\n# two\r\n\r\n\r\nservice t \"T\"\r\n";
    let out = slac::fmt::format_text(slac::source::FileId(0), crlf).expect("formats");
    assert_eq!(
        out,
        "service s \"S\" # one\r\n\r\n# two\r\n\r\nservice t \"T\"\r\n"
    );
    // A plain string ends at a lone CR as at a line feed: it cannot hide one either.
    let mut sources = slac::source::SourceMap::new();
    sources.add("s.sla", "s.sla", "service s \"S\r\" \n".to_owned());
    let diags = crate::common::check_sources(&sources);
    assert_eq!(diags.first().map(|d| d.code.as_str()), Some("E0100"));
}

/// Runs a tool; what it printed, and whether it succeeded.
fn tool(cmd: &mut std::process::Command) -> (bool, String) {
    let o = cmd.output().expect("the tool is installed (see .ci/run)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), text)
}

#[test]
#[ignore = "needs promtool and amtool"]
fn injection_promtool_and_amtool_accept_hostile_text() {
    for brk in BREAKS {
        let (dir, out) = build(&hostile_monitoring(brk), "prometheus,alertmanager");
        let rules = out.join("prometheus/initech_api.rules.yml");
        let (ok, text) = tool(
            std::process::Command::new("promtool")
                .arg("check")
                .arg("rules")
                .arg(&rules),
        );
        assert!(ok && text.contains("SUCCESS"), "{brk}: {text}");
        let intervals = read(&out, "alertmanager/time_intervals.yml");
        let config = format!(
            "route:\n  receiver: default\n  routes:\n    - receiver: default\n      \
             active_time_intervals: [office]\n      mute_time_intervals: ['office:closed']\n\
             receivers:\n  - name: default\n{intervals}"
        );
        let path = dir.path().join("alertmanager.yml");
        fs::write(&path, &config).expect("write config");
        let (ok, text) = tool(
            std::process::Command::new("amtool")
                .arg("check-config")
                .arg(&path),
        );
        assert!(ok && text.contains("SUCCESS"), "{brk}: {text}\n{config}");
    }
}
