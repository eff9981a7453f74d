//! The long explanation of every diagnostic code, with a wrong and a right example.
//!
//! This is the text `slac explain CODE` prints and docs/checks.md is generated from
//! ([`checks_markdown`]); codes, severities and titles come from [`super::codes`]. Each
//! `wrong` example is a complete portfolio that `slac check --today 2026-11-26` reports
//! with exactly its code, once; each `right` example is the nearest fix and reports
//! nothing (tests/explain.rs proves it for every implemented family).

mod e01;
mod e02;
mod e03;
mod e04;
mod e06;
mod entry;
mod w05;

pub use entry::Explanation;

use super::render::visible;
use super::Code;
use std::fmt::Write as _;

/// A family of codes: the prefix of its codes and its heading.
#[derive(Clone, Copy, Debug)]
pub struct Family {
    pub prefix: &'static str,
    pub title: &'static str,
    entries: &'static [Explanation],
}

/// The families in phase order (the lifecycle, E06, runs before E04: E04 reads what a
/// status and a termination mean).
pub const FAMILIES: &[Family] = &[
    Family {
        prefix: "E01",
        title: "values and syntax",
        entries: e01::ENTRIES,
    },
    Family {
        prefix: "E02",
        title: "names",
        entries: e02::ENTRIES,
    },
    Family {
        prefix: "E03",
        title: "one agreement on its own (after inheritance)",
        entries: e03::ENTRIES,
    },
    Family {
        prefix: "E06",
        title: "the lifecycle, the catalogue and the register",
        entries: e06::ENTRIES,
    },
    Family {
        prefix: "E04",
        title: "between SLAs, OLAs and UCs",
        entries: e04::ENTRIES,
    },
    Family {
        prefix: "W05",
        title: "lints",
        entries: w05::ENTRIES,
    },
];

/// Every explanation, in registry order.
pub fn all() -> impl Iterator<Item = &'static Explanation> {
    FAMILIES.iter().flat_map(|f| f.entries.iter())
}

/// The family a code belongs to: `E01` for E0100–W0111 (a warning belongs to the phase of
/// its number), `W05` for the lints.
pub fn family_prefix(code: Code) -> &'static str {
    let digits = &code.as_str()[1..3];
    FAMILIES
        .iter()
        .find(|f| f.prefix[1..] == *digits)
        .map_or("", |f| f.prefix)
}

/// The explanation of `code`. Every code has one (a unit test proves it).
pub fn explain(code: Code) -> &'static Explanation {
    all()
        .find(|e| e.code == code)
        .unwrap_or_else(|| unreachable!("{code} has no explanation"))
}

impl Code {
    /// The long explanation with its examples (see [`explain`]).
    pub fn explanation(self) -> &'static Explanation {
        explain(self)
    }
}

/// The codes `slac diff` reports and `slac check` never does: their `wrong` and `right`
/// examples are the new side of a diff whose old side is [`before`], and each checks
/// clean on its own (tests/explain.rs proves both).
pub const DIFF_ONLY: &[Code] = &[Code::E0608];

/// The codes about slac.toml: their examples are slac.toml files, not portfolios
/// (tests/explain.rs reads them with `crate::project::parse`).
pub const PROJECT_FILE: &[Code] = &[Code::E0110, Code::E0111, Code::E0112];

/// The language of a code's examples in docs/checks.md.
pub fn example_language(code: Code) -> &'static str {
    if PROJECT_FILE.contains(&code) {
        "toml"
    } else {
        "sla"
    }
}

/// The old side of a diff code's examples (see [`DIFF_ONLY`]).
pub fn before(code: Code) -> Option<&'static str> {
    match code {
        Code::E0608 => Some(e06::E0608_BEFORE),
        _ => None,
    }
}

/// The code closest to what a user typed, for "did you mean" (`E401` → `E0401`).
pub fn closest_code(input: &str) -> Option<Code> {
    let upper = input.trim().to_ascii_uppercase();
    let near = crate::suggest::nearest(&upper, Code::ALL.iter().map(|c| c.as_str()), |_| 2)?;
    Code::ALL.iter().copied().find(|c| c.as_str() == near)
}

/// What `slac explain CODE` prints.
pub fn explain_text(code: Code) -> String {
    let e = explain(code);
    let mut out = String::new();
    let _ = writeln!(out, "{code}: {}", code.title());
    let _ = writeln!(out, "severity: {}", severity_words(code));
    let _ = writeln!(out);
    push_wrapped(&mut out, e.explanation, WIDTH);
    let _ = writeln!(out);
    if let Some(b) = before(code) {
        let _ = writeln!(out, "Before (the old side of `slac diff`):");
        let _ = writeln!(out);
        push_indented(&mut out, b);
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "Wrong:");
    let _ = writeln!(out);
    push_indented(&mut out, e.wrong);
    let _ = writeln!(out);
    let _ = writeln!(out, "Right:");
    let _ = writeln!(out);
    push_indented(&mut out, e.right);
    out
}

fn severity_words(code: Code) -> &'static str {
    match code.severity() {
        super::Severity::Error if DIFF_ONLY.contains(&code) => "error (fails `slac diff`)",
        super::Severity::Error => "error (fails the check)",
        super::Severity::Warning => "warning (fails the check only with --deny-warnings)",
    }
}

/// Width of `slac explain` prose.
const WIDTH: usize = 80;
/// Width of docs/checks.md prose (rustfmt's, as in the other docs).
const DOC_WIDTH: usize = 90;

/// Writes Markdown-ish prose (paragraphs separated by blank lines, `* ` bullets one per
/// line) wrapped at `width` columns, bullets with a hanging indent.
fn push_wrapped(out: &mut String, text: &str, width: usize) {
    for line in text.lines() {
        let (first, rest, body) = match line.strip_prefix("* ") {
            Some(b) => ("* ", "  ", b),
            None => ("", "", line),
        };
        let mut current = String::from(first);
        let mut empty = true;
        for word in &words(body) {
            let len = current.chars().count() + usize::from(!empty) + word.chars().count();
            if !empty && len > width {
                out.push_str(&current);
                out.push('\n');
                current = String::from(rest);
                empty = true;
            }
            if !empty {
                current.push(' ');
            }
            current.push_str(word);
            empty = false;
        }
        out.push_str(current.trim_end());
        out.push('\n');
    }
}

/// Splits prose at spaces, keeping each `code span` whole.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for w in text.split(' ') {
        match out.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        if w.matches('`').count() % 2 == 1 {
            open = !open;
        }
    }
    out
}

fn push_indented(out: &mut String, example: &str) {
    for line in visible(example).lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "    {line}");
        }
    }
}

const PHASES: &str = "\
Every diagnostic has a stable code, a one-line message that names the items involved,
labels on the exact source spans, and a `help` line that says how to fix it. Codes never
change meaning once released; `slac explain CODE` prints the section below for one code.

Severities: `error` fails the check (exit 1); `warning` fails only with
`--deny-warnings`. The phases run in order — values and syntax (E01), names (E02), each
agreement (E03), its lifecycle (E06), between agreements (E04), lints (W05) — and a phase
runs only when the phases before it found no error, so one mistake never shows up as a cascade of confusing
follow-on errors. Within a phase, every error is reported, not just the first. An
E01–E03 or W05 diagnostic about an inherited statement points at the statement where it
is written and is reported once, not again for each child. Between agreements (E04),
one weak supporter is one E0402 listing every deadline it does not back, one clock not
covered one E0403 listing every supporter, and a region that inherits the same failing
terms is named in its agreement's report instead of reported again.

Every example below is a complete portfolio: the wrong one reports exactly its code under
`slac check FILE --today 2026-11-26`, and the right one, the nearest fix, reports nothing.
A code `slac diff` reports (E0608) shows the old side first: `slac diff BEFORE WRONG`
reports it, `slac diff BEFORE RIGHT` does not, and each side checks clean.
The examples of E0110–E0112 are slac.toml files (docs/cli.md, \"slac.toml\"): slac reads
slac.toml before the portfolio, and a bad one stops the run with exit code 2. A warning
can be allowed (W0120, W0121, docs/cli.md, \"Allowing warnings\"); an error cannot.
";

/// docs/checks.md, generated from the registry (tests/explain.rs keeps the file in step).
pub fn checks_markdown() -> String {
    let mut out = String::new();
    out.push_str("<!-- Generated from src/diag/explain.rs: do not edit by hand.\n");
    out.push_str("     Regenerate with `SLAC_BLESS=1 cargo test explain`. -->\n\n");
    out.push_str("# Checks\n\n");
    out.push_str(PHASES);
    out.push('\n');
    for f in FAMILIES {
        let _ = writeln!(out, "* [{}xx — {}](#{})", f.prefix, f.title, anchor(f));
    }
    for f in FAMILIES {
        let _ = writeln!(out, "\n## {}xx — {}\n", f.prefix, f.title);
        out.push_str("| code | severity | title |\n|---|---|---|\n");
        for e in f.entries {
            let code = e.code;
            let _ = writeln!(
                out,
                "| [{code}](#{}) | {} | {} |",
                code.as_str().to_ascii_lowercase(),
                code.severity().as_str(),
                code.title()
            );
        }
        for e in f.entries {
            let code = e.code;
            let _ = writeln!(out, "\n### {code}\n");
            let _ = writeln!(out, "**{}** ({})\n", code.title(), code.severity().as_str());
            push_wrapped(&mut out, e.explanation, DOC_WIDTH);
            out.push('\n');
            if let Some(b) = before(code) {
                let _ = writeln!(
                    out,
                    "Before (the old side of `slac diff`):\n\n```sla\n{}\n```\n",
                    visible(b.trim_end())
                );
            }
            // An invisible character (W0111) is shown as its escape.
            let lang = example_language(code);
            let _ = writeln!(
                out,
                "Wrong:\n\n```{lang}\n{}\n```\n",
                visible(e.wrong.trim_end())
            );
            let _ = writeln!(
                out,
                "Right:\n\n```{lang}\n{}\n```",
                visible(e.right.trim_end())
            );
        }
    }
    out
}

fn anchor(f: &Family) -> String {
    let heading = format!("{}xx — {}", f.prefix, f.title);
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_exactly_one_explanation_in_its_family() {
        for &code in Code::ALL {
            let n = all().filter(|e| e.code == code).count();
            assert_eq!(n, 1, "{code} has {n} explanations");
        }
        for f in FAMILIES {
            for e in f.entries {
                assert_eq!(
                    family_prefix(e.code),
                    f.prefix,
                    "{} is filed under {}",
                    e.code,
                    f.prefix
                );
            }
        }
        let order: Vec<Code> = all().map(|e| e.code).collect();
        assert_eq!(order, Code::ALL, "explanations are in registry order");
    }

    #[test]
    fn entries_are_well_formed() {
        for e in all() {
            assert!(
                e.explanation.ends_with('.'),
                "{}: explanation ends a sentence",
                e.code
            );
            for ex in [e.wrong, e.right] {
                // A portfolio ends with its last item's `}`; a slac.toml with a line.
                let end = if PROJECT_FILE.contains(&e.code) {
                    "\n"
                } else {
                    "}\n"
                };
                assert!(
                    !ex.starts_with('\n') && ex.ends_with(end),
                    "{}: example framing",
                    e.code
                );
                assert!(!ex.contains("# expect"), "{}", e.code);
            }
            assert_ne!(e.wrong, e.right, "{}", e.code);
        }
    }

    #[test]
    fn closest_code_suggests() {
        assert_eq!(closest_code("E401"), Some(Code::E0401));
        assert_eq!(closest_code("w0504"), Some(Code::W0504));
        assert_eq!(closest_code("hello"), None);
    }
}
