//! SARIF 2.1.0 for code-scanning uploads: one run, one rule per code used, one result per
//! diagnostic. Only fields slac can fill truthfully are written.

use super::place::Place;
use crate::diag::{Code, Diagnostic, Label};
use crate::source::SourceMap;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// Columns count characters, like every other slac format (SARIF's default is UTF-16
    /// code units).
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'static str,
    name: &'static str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text<'a>>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
    /// GitHub code scanning shows `markdown` when there is one, and `text` raw otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Text<'a> {
        Text {
            text: text.into(),
            markdown: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(rename = "physicalLocation")]
    physical: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF 2.1.0 log of one `slac check`: rules are exactly the codes used, in registry
/// order; results follow the diagnostics' order. The same input gives the same bytes.
pub fn sarif(diags: &[Diagnostic], sources: &SourceMap) -> String {
    // The first diagnostic of each code, in registry order: it describes the rule.
    let mut first: BTreeMap<Code, &Diagnostic> = BTreeMap::new();
    for d in diags {
        first.entry(d.code).or_insert(d);
    }
    let index: BTreeMap<Code, usize> = first.keys().enumerate().map(|(i, &c)| (c, i)).collect();
    let rules = first.iter().map(|(&code, d)| rule(code, d)).collect();
    let results = diags
        .iter()
        .map(|d| SarifResult {
            rule_id: d.code.as_str(),
            rule_index: index.get(&d.code).copied().unwrap_or_default(),
            level: d.severity.as_str(),
            message: Text::new(message(d)),
            locations: d
                .labels
                .first()
                .map(|l| location(None, l, sources))
                .into_iter()
                .collect(),
            related_locations: d
                .labels
                .iter()
                .skip(1)
                .enumerate()
                .map(|(i, l)| location(Some(i + 1), l, sources))
                .collect(),
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "slac",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

fn rule(code: Code, first: &Diagnostic) -> Rule<'_> {
    Rule {
        id: code.as_str(),
        name: code.title(),
        short_description: Text::new(code.title()),
        default_configuration: Configuration {
            level: code.severity().as_str(),
        },
        full_description: Text::new(first.code.explanation().explanation),
        help: Some(Text {
            markdown: Some(rule_help_markdown(first)),
            ..Text::new(rule_help(first))
        }),
    }
}

/// The rule's help as Markdown: the explanation as a paragraph (its inline Markdown, the
/// backticks of statements, kept) and the examples as fenced code blocks, with a fence
/// longer than any run of backticks in them.
fn rule_help_markdown(first: &Diagnostic) -> String {
    let e = first.code.explanation();
    let fenced = |code: &str| {
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let lang = crate::diag::explain::example_language(first.code);
        format!("{fence}{lang}\n{}\n{fence}", code.trim_end_matches('\n'))
    };
    format!(
        "{}\n\n**Wrong:**\n\n{}\n\n**Right:**\n\n{}\n\nMore: `slac explain {}`.",
        e.explanation,
        fenced(e.wrong),
        fenced(e.right),
        first.code
    )
}

/// The rule's help: the registry's explanation with its wrong and right examples (what
/// `slac explain` prints), so a code-scanning alert explains itself.
fn rule_help(first: &Diagnostic) -> String {
    let e = first.code.explanation();
    format!(
        "{}\n\nWrong:\n{}\nRight:\n{}",
        e.explanation, e.wrong, e.right
    )
}

/// The message, with the help as a second line.
fn message(d: &Diagnostic) -> Cow<'_, str> {
    match &d.help {
        Some(help) => Cow::Owned(format!("{}\nhelp: {help}", d.message)),
        None => Cow::Borrowed(&d.message),
    }
}

fn location<'a>(id: Option<usize>, label: &'a Label, sources: &SourceMap) -> Location<'a> {
    let p = Place::of(label, sources);
    Location {
        id,
        physical: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(p.file) },
            region: Region {
                start_line: p.line,
                start_column: p.column,
                end_line: p.end_line,
                end_column: p.end_column,
            },
        },
        message: label.message.as_deref().map(Text::new),
    }
}

/// A display name as a URI reference (RFC 3986): forward slashes, and every byte that may
/// not appear in a path percent-encoded, ordinary names unchanged. A `:` is encoded too: in
/// the first segment of a relative reference (`c:x.sla`, `C:/a.sla`) it would make the
/// name a scheme. A name that starts with `//` would be read as an authority: it is kept
/// a path by a `/.` segment in front.
fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    if out.starts_with("//") {
        out.insert_str(0, "/.");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_keep_ordinary_names_and_encode_the_rest() {
        assert_eq!(uri("contracts/acme.sla"), "contracts/acme.sla");
        assert_eq!(uri(r"contracts\acme.sla"), "contracts/acme.sla");
        assert_eq!(uri("a b/100%/é.sla"), "a%20b/100%25/%C3%A9.sla");
        assert_eq!(uri("c:x.sla"), "c%3Ax.sla", "not a scheme");
        assert_eq!(uri(r"C:\p\a.sla"), "C%3A/p/a.sla");
        assert_eq!(uri("//host/a.sla"), "/.//host/a.sla", "not an authority");
        assert_eq!(uri("/tmp/a.sla"), "/tmp/a.sla");
    }
}
