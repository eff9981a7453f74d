//! Diagnostics as data: one type for every message slac gives about a portfolio.
//!
//! Phases push [`Diagnostic`]s into a `Vec`, sorted once by [`sort`]; renderers (human, json, …)
//! turn the sorted list into text. Codes, titles and explanations live in [`codes`].

pub mod codes;
pub mod explain;
pub mod render;
mod severity;

use crate::source::Span;

pub use codes::Code;
pub use severity::Severity;

/// A labelled source span; the first label of a diagnostic is the primary one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity and a primary label.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: vec![Label {
                span,
                message: None,
            }],
            help: None,
        }
    }

    /// Sets the message of the primary label.
    #[must_use]
    pub fn primary(mut self, message: impl Into<String>) -> Diagnostic {
        if let Some(l) = self.labels.first_mut() {
            l.message = Some(message.into());
        }
        self
    }

    #[must_use]
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: Some(message.into()),
        });
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }
}

/// How many of `diags` are errors (the rest are warnings).
pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Sorts by primary span (file order, then position), then code: the order users read.
/// The sort is stable, so diagnostics at one place keep the order phases found them in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.primary_span().map(|s| (s.file, s.start, s.end)), d.code));
}
