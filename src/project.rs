//! slac.toml, the project file at a portfolio's root (docs/cli.md, "slac.toml"): allowed
//! warnings, the default of `--today`, `slac build`'s output. Read with the places of its
//! keys and values, so every mistake in it is a diagnostic (E0110–E0112) pointing there.

use crate::allow::{Allow, Origin};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use chrono::NaiveDate;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The project file's name.
pub const FILE_NAME: &str = "slac.toml";

/// What slac.toml says; every field is optional and the command line wins over it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// `[check] allow`: warnings allowed in the whole portfolio.
    pub allow: Vec<Allow>,
    /// `[check] today`.
    pub today: Option<Today>,
    /// `[build] out`, as written (relative to the directory of slac.toml).
    pub out: Option<String>,
    /// `[build] emit`.
    pub emit: Option<Vec<String>>,
}

/// The default of `--today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Today {
    /// The system's date in UTC (what slac does without slac.toml).
    System,
    /// A fixed date, for reproducible CI runs.
    Date(NaiveDate),
}

/// The slac.toml that governs `start` (a directory, or a file's directory): the first
/// found in it or its parents, stopping at the directory that holds `.git` (the
/// repository's root) so a project never picks up a file from outside its repository.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = if start.as_os_str() == "-" {
        Path::new(".")
    } else {
        start
    };
    let dir = if start.is_dir() {
        start.to_path_buf()
    } else {
        match start.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let mut dir = std::fs::canonicalize(dir).ok()?;
    loop {
        let candidate = dir.join(FILE_NAME);
        if std::fs::symlink_metadata(&candidate).is_ok() {
            return Some(candidate);
        }
        if dir.join(".git").exists() || !dir.pop() {
            return None;
        }
    }
}

/// Reads slac.toml's text (`file` is its id in the source map that shows it).
pub fn parse(file: FileId, text: &str) -> Result<Project, Vec<Diagnostic>> {
    let span = |r: Range<usize>| Span::new(file, r.start, r.end);
    let root = DeTable::parse(text).map_err(|e| {
        let at = e.span().unwrap_or(0..0);
        vec![Diagnostic::new(
            Code::E0110,
            span(at),
            format!("slac.toml is not valid TOML: {}", first_line(e.message())),
        )
        .primary("here")
        .help(
            "slac.toml is TOML: `[check]` then `allow = [\"W0502\"]`; docs/cli.md shows every key",
        )]
    })?;
    let mut diags = Vec::new();
    let mut project = Project::default();
    for (key, value) in root.get_ref() {
        match key.get_ref().as_ref() {
            "check" => {
                if let Some(table) = table(value, "check", &span, &mut diags) {
                    read_check(table, &mut project, &span, &mut diags);
                }
            }
            "build" => {
                if let Some(table) = table(value, "build", &span, &mut diags) {
                    read_build(table, &mut project, &span, &mut diags);
                }
            }
            other => diags.push(unknown_key(
                other,
                span(key.span()),
                "",
                &["check", "build"],
            )),
        }
    }
    if diags.is_empty() {
        Ok(project)
    } else {
        Err(diags)
    }
}

type SpanOf<'a> = dyn Fn(Range<usize>) -> Span + 'a;

fn read_check(
    table: &DeTable<'_>,
    project: &mut Project,
    span: &SpanOf<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "allow" => {
                for (code, at) in strings(value, "check.allow", span, diags) {
                    match crate::allow::warning_code(code) {
                        Ok(code) => project.allow.push(Allow {
                            code,
                            within: None,
                            origin: Origin::ProjectFile(span(at)),
                        }),
                        Err(why) => diags.push(
                            Diagnostic::new(Code::E0112, span(at), why)
                                .primary("cannot be allowed")
                                .help("`allow` lists warnings (W…); `slac explain --list` lists the codes"),
                        ),
                    }
                }
            }
            "today" => {
                if let Some((text, at)) = string(value, "check.today", span, diags) {
                    match parse_today(text) {
                        Some(t) => project.today = Some(t),
                        None => diags.push(
                            Diagnostic::new(
                                Code::E0112,
                                span(at),
                                format!(
                                    "`{}` is neither \"system\" nor a date",
                                    crate::diag::render::visible(text)
                                ),
                            )
                            .primary("not a date")
                            .help("write `today = \"system\"` (the system's date in UTC) or a date such as `today = \"2026-06-01\"`"),
                        ),
                    }
                }
            }
            other => diags.push(unknown_key(
                other,
                span(key.span()),
                "check.",
                &["allow", "today"],
            )),
        }
    }
}

fn read_build(
    table: &DeTable<'_>,
    project: &mut Project,
    span: &SpanOf<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "out" => {
                if let Some((text, at)) = string(value, "build.out", span, diags) {
                    if text.is_empty() {
                        diags.push(
                            Diagnostic::new(Code::E0112, span(at), "`out` is empty")
                                .primary("no directory")
                                .help("name the output directory, e.g. `out = \"site\"`"),
                        );
                    } else {
                        project.out = Some(text.to_string());
                    }
                }
            }
            "emit" => {
                let known = crate::emit::names();
                let mut list = Vec::new();
                for (name, at) in strings(value, "build.emit", span, diags) {
                    if known.contains(&name) {
                        list.push(name.to_string());
                    } else {
                        diags.push(
                            Diagnostic::new(
                                Code::E0112,
                                span(at),
                                format!("unknown output `{}`", crate::diag::render::visible(name)),
                            )
                            .primary("not an output")
                            .help(format!("the outputs are {}", known.join(", "))),
                        );
                    }
                }
                project.emit = Some(list);
            }
            other => diags.push(unknown_key(
                other,
                span(key.span()),
                "build.",
                &["out", "emit"],
            )),
        }
    }
}

/// `"system"` or `YYYY-MM-DD`.
pub fn parse_today(text: &str) -> Option<Today> {
    if text == "system" {
        return Some(Today::System);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(Today::Date)
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("").trim()
}

fn unknown_key(key: &str, at: Span, prefix: &str, known: &[&str]) -> Diagnostic {
    let shown = crate::diag::render::visible(key);
    let near = crate::suggest::nearest(key, known.iter().copied(), |_| 2);
    let list: Vec<String> = known.iter().map(|k| format!("`{prefix}{k}`")).collect();
    let help = match near {
        Some(n) => format!(
            "did you mean `{prefix}{n}`? slac.toml knows {}",
            list.join(", ")
        ),
        None => format!("slac.toml knows {} here", list.join(", ")),
    };
    Diagnostic::new(
        Code::E0111,
        at,
        format!("unknown key `{prefix}{shown}` in slac.toml"),
    )
    .primary("unknown key")
    .help(help)
}

fn wrong_type(at: Span, key: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(Code::E0111, at, format!("`{key}` must be {expected}"))
        .primary(format!("not {expected}"))
        .help("docs/cli.md shows every key of slac.toml with its type")
}

fn table<'a>(
    value: &'a Spanned<DeValue<'a>>,
    key: &str,
    span: &SpanOf<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a DeTable<'a>> {
    if let DeValue::Table(t) = value.get_ref() {
        Some(t)
    } else {
        diags.push(wrong_type(span(value.span()), key, "a table"));
        None
    }
}

fn string<'a>(
    value: &'a Spanned<DeValue<'a>>,
    key: &str,
    span: &SpanOf<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'a str, Range<usize>)> {
    if let DeValue::String(s) = value.get_ref() {
        Some((s.as_ref(), value.span()))
    } else {
        diags.push(wrong_type(span(value.span()), key, "a string"));
        None
    }
}

fn strings<'a>(
    value: &'a Spanned<DeValue<'a>>,
    key: &str,
    span: &SpanOf<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'a str, Range<usize>)> {
    let DeValue::Array(items) = value.get_ref() else {
        diags.push(wrong_type(span(value.span()), key, "a list of strings"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        if let DeValue::String(s) = item.get_ref() {
            out.push((s.as_ref(), item.span()));
        } else {
            diags.push(wrong_type(span(item.span()), key, "a list of strings"));
        }
    }
    out
}
