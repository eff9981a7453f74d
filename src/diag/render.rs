//! Renderers: the same sorted diagnostics as miette's graphical report (human), the JSON
//! document of docs/cli.md, SARIF 2.1.0 ([`sarif`]) or GitHub Actions workflow commands
//! ([`github`]).

mod cap;
mod github;
mod place;
mod sarif;
mod terminal;
mod wrap;

pub use github::github;
pub use sarif::sarif;
pub use terminal::visible;

use super::{Diagnostic, Severity};
use crate::source::{FileId, LineIndex, SourceMap};
pub use crate::written::plural;
use cap::{capped, not_shown};
pub use cap::{IN_ALL, PER_CODE};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};
use place::Place;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use terminal::Shown;

/// How the human report looks.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// Columns to wrap messages at; 0: no wrapping (output that is not a terminal).
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
        // Unwrapped, the width still bounds nested reports' indentation arithmetic.
        .with_width(if style.width == 0 {
            10_000
        } else {
            style.width
        })
        .with_wrap_lines(style.width > 0)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::Custom(wrap::words))
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_links(false);
    let (printed, rest) = capped(diags);
    // Every file's text as shown and its line index, only when a snippet is drawn: a
    // clean portfolio of ten megabytes need not be indexed again to say so.
    let shown: Vec<Shown<'_>> = if printed.is_empty() {
        Vec::new()
    } else {
        sources.files().map(|(_, f)| Shown::new(&f.text)).collect()
    };
    let indexes: Vec<LineIndex> = shown.iter().map(|s| LineIndex::new(&s.text)).collect();
    let mut out = String::new();
    for d in printed {
        let report = Report::new(d, sources, &shown, &indexes);
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
    if let Some(note) = not_shown(&rest) {
        let _ = writeln!(out, "note: {note}\n");
    }
    out
}

/// What every command prints on stderr for its diagnostics: the human report, then the
/// summary line.
pub fn human_report(diags: &[Diagnostic], sources: &SourceMap, style: Style) -> String {
    let errors = super::count_errors(diags);
    let mut out = human(diags, sources, style);
    out.push_str(&summary(errors, diags.len() - errors, sources.len()));
    out.push('\n');
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

/// A file's text under its display name, borrowed (miette's `NamedSource` wants owned
/// `'static` text, and copying every file per diagnostic would be wasteful), with its
/// line index: a snippet is cut from the lines it shows, never found by scanning the file
/// from the start, and a very long line is shown as a window around the span.
struct FileSource<'a> {
    name: Cow<'a, str>,
    text: &'a str,
    index: &'a LineIndex,
}

/// Bytes of a long line shown on each side of a span.
const WINDOW: usize = 120;

impl FileSource<'_> {
    fn floor(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn ceil(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }
}

impl SourceCode for FileSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let ix = self.index;
        let first = ix.line(start);
        let last = ix.line(end.saturating_sub(1).max(start));
        // The lines shown, or a window of a long line around the span.
        // One line more on each side than asked: miette decides where the context ends
        // exactly as it would on the whole file.
        let mut a = ix.start(first.saturating_sub(before + 1), self.text);
        let mut b = ix.start(last + after + 2, self.text);
        if start - ix.start(first, self.text) > WINDOW {
            a = self.floor(start - WINDOW);
        }
        if ix.start(last + 1, self.text).saturating_sub(end) > WINDOW {
            b = self.ceil(end + WINDOW);
        }
        let window = &self.text[a..b];
        let inner = window.read_span(&SourceSpan::from((start - a, end - start)), before, after)?;
        // miette counts lines and columns from the start of what it was given: add where
        // the window starts. Without context lines it reports the span's own column.
        let data_start = a + inner.span().offset();
        let line = ix.line(a) + inner.line();
        let column = if before == 0 {
            ix.line_col(self.text, start).1
        } else {
            inner.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::from((data_start, inner.span().len())),
            line,
            column,
            ix.line(a) + inner.line_count(),
        )))
    }
}

/// Labels whose lines are further apart than this are drawn as separate snippets.
const MAX_GAP_LINES: usize = 4;

/// One diagnostic as miette sees it: the labels near the primary one, and one related
/// note per other group of labels (further down the same file, or in another file).
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
    fn new(
        diag: &'a Diagnostic,
        sources: &'a SourceMap,
        shown: &'a [Shown<'a>],
        indexes: &'a [LineIndex],
    ) -> Report<'a> {
        let primary = diag.primary_span().map_or(FileId(0), |s| s.file);
        let mut files: Vec<FileId> = Vec::new();
        for l in &diag.labels {
            if l.span.file != primary && !files.contains(&l.span.file) {
                files.push(l.span.file);
            }
        }
        // The labels of a file, in groups of nearby lines: labels far apart are drawn as
        // one snippet each, not as one with every line between them.
        let groups_in = |file: FileId| -> Vec<Vec<usize>> {
            let (f, ix) = (&shown[file.0 as usize], &indexes[file.0 as usize]);
            let mut lines: Vec<(usize, usize, usize)> = diag
                .labels
                .iter()
                .enumerate()
                .filter(|(_, l)| l.span.file == file)
                .map(|(i, l)| {
                    let (start, end) = (f.map(l.span.start as usize), f.map(l.span.end as usize));
                    (ix.line(start), ix.line(end.saturating_sub(1).max(start)), i)
                })
                .collect();
            lines.sort_unstable();
            let mut groups: Vec<Vec<usize>> = Vec::new();
            let mut reach = None;
            for (first, last, i) in lines {
                match (reach, groups.last_mut()) {
                    (Some(r), Some(g)) if first <= r + MAX_GAP_LINES => g.push(i),
                    _ => groups.push(vec![i]),
                }
                reach = Some(reach.map_or(last, |r: usize| r.max(last)));
            }
            groups
        };
        let labels_of = |file: FileId, group: &[usize], first_primary: bool| -> Vec<LabeledSpan> {
            let mut group = group.to_vec();
            group.sort_unstable();
            group
                .into_iter()
                .map(|i| {
                    let l = &diag.labels[i];
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
            index: &indexes[file.0 as usize],
        };
        let see_also = |file: FileId, group: &[usize], with_line: bool| {
            let name = visible(&sources.get(file).name).into_owned();
            let message = match group.iter().min() {
                Some(&i) if with_line => {
                    let line = sources
                        .get(file)
                        .line_col(diag.labels[i].span.start as usize)
                        .0;
                    format!("see also `{name}`, line {line}")
                }
                _ => format!("see also `{name}`"),
            };
            Report {
                diag,
                message,
                severity: miette::Severity::Advice,
                source: source_of(file),
                labels: labels_of(file, group, false),
                related: Vec::new(),
                help: None,
                code: None,
            }
        };
        let mut main = Vec::new();
        let mut related = Vec::new();
        for group in groups_in(primary) {
            if group.contains(&0) {
                main = group;
            } else {
                related.push(see_also(primary, &group, true));
            }
        }
        for &file in &files {
            let groups = groups_in(file);
            let with_line = groups.len() > 1;
            related.extend(groups.iter().map(|g| see_also(file, g, with_line)));
        }
        Report {
            diag,
            message: visible(&diag.message).into_owned(),
            severity: match diag.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            source: source_of(primary),
            labels: labels_of(primary, &main, true),
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
