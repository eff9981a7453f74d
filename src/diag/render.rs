//! Renderers: the same sorted diagnostics as miette's graphical report (human), the JSON
//! document of docs/cli.md, SARIF 2.1.0 ([`sarif`]) or GitHub Actions workflow commands
//! ([`github`]).

mod github;
mod sarif;
mod terminal;

pub use github::github;
pub use sarif::sarif;
pub use terminal::visible;

use super::{Diagnostic, Label, Severity};
use crate::source::{FileId, SourceMap};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use terminal::Shown;

/// How the human report looks.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// The whole human report: every diagnostic, then the summary line. Text from the files
/// (snippets, names, messages) goes through [`visible`] (terminal.rs): control characters
/// are shown as `\u{1b}`, never sent to the terminal.
pub fn human(diags: &[Diagnostic], sources: &SourceMap, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let shown: Vec<Shown<'_>> = sources.files().map(|(_, f)| Shown::new(&f.text)).collect();
    let mut out = String::new();
    for d in diags {
        let report = Report::new(d, sources, &shown);
        if handler.render_report(&mut out, &report).is_err() {
            // A report that cannot be drawn still has to be seen.
            let _ = writeln!(
                out,
                "{}[{}]: {}",
                d.severity.as_str(),
                d.code,
                visible(&d.message)
            );
        }
        out.push('\n');
    }
    out
}

/// `error: 2 errors, 1 warning in 7 files` (docs/cli.md).
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    let head = if errors > 0 {
        "error"
    } else if warnings > 0 {
        "warning"
    } else {
        "ok"
    };
    format!(
        "{head}: {}, {} in {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(files, "file", "files")
    )
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    files: usize,
}

/// One JSON document; lines and columns are 1-based, columns count characters, and the
/// end is the position just after the span.
pub fn json(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let diagnostics = diags
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity,
            message: &d.message,
            help: d.help.as_deref(),
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let p = Place::of(l, sources);
                    JsonLabel {
                        file: p.file,
                        line: p.line,
                        column: p.column,
                        end_line: p.end_line,
                        end_column: p.end_column,
                        message: l.message.as_deref(),
                    }
                })
                .collect(),
        })
        .collect();
    let report = JsonReport {
        diagnostics,
        summary: JsonSummary {
            errors: diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: diags
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
            files: sources.len(),
        },
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// Where a label points, as every machine-readable format reports it: the file's display
/// name, 1-based lines and columns (columns count characters), and the end just after the
/// span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> Place<'a> {
    fn of(label: &Label, sources: &'a SourceMap) -> Place<'a> {
        let f = sources.get(label.span.file);
        let (line, column) = f.line_col(label.span.start as usize);
        let (end_line, end_column) = f.line_col(label.span.end as usize);
        Place {
            file: &f.name,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// A file's text under its display name, borrowed (miette's `NamedSource` wants owned
/// `'static` text, and copying every file per diagnostic would be wasteful).
struct FileSource<'a> {
    name: Cow<'a, str>,
    text: &'a str,
}

impl SourceCode for FileSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One diagnostic as miette sees it: the labels in the primary file, and one related
/// note per other file that has labels.
struct Report<'a> {
    diag: &'a Diagnostic,
    message: String,
    severity: miette::Severity,
    source: FileSource<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
    help: Option<Cow<'a, str>>,
    code: Option<&'static str>,
}

impl<'a> Report<'a> {
    fn new(diag: &'a Diagnostic, sources: &'a SourceMap, shown: &'a [Shown<'a>]) -> Report<'a> {
        let primary = diag.primary_span().map_or(FileId(0), |s| s.file);
        let mut files: Vec<FileId> = Vec::new();
        for l in &diag.labels {
            if l.span.file != primary && !files.contains(&l.span.file) {
                files.push(l.span.file);
            }
        }
        let labels_in = |file: FileId, first_primary: bool| -> Vec<LabeledSpan> {
            diag.labels
                .iter()
                .enumerate()
                .filter(|(_, l)| l.span.file == file)
                .map(|(i, l)| {
                    let f = &shown[file.0 as usize];
                    let start = f.map(l.span.start as usize);
                    let span = SourceSpan::from((start, f.map(l.span.end as usize) - start));
                    let message = l.message.as_deref().map(|m| visible(m).into_owned());
                    if i == 0 && first_primary {
                        LabeledSpan::new_primary_with_span(message, span)
                    } else {
                        LabeledSpan::new_with_span(message, span)
                    }
                })
                .collect()
        };
        let source_of = |file: FileId| FileSource {
            name: visible(&sources.get(file).name),
            text: &shown[file.0 as usize].text,
        };
        let related = files
            .iter()
            .map(|&file| Report {
                diag,
                message: format!("see also `{}`", visible(&sources.get(file).name)),
                severity: miette::Severity::Advice,
                source: source_of(file),
                labels: labels_in(file, false),
                related: Vec::new(),
                help: None,
                code: None,
            })
            .collect();
        Report {
            diag,
            message: visible(&diag.message).into_owned(),
            severity: match diag.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            source: source_of(primary),
            labels: labels_in(primary, true),
            related,
            help: diag.help.as_deref().map(visible),
            code: Some(diag.code.as_str()),
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diag, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}
