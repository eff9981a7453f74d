//! The checking pipeline, phase by phase (docs/checks.md): a phase runs only when the
//! phases before it found no error, so one mistake never cascades.

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::SourceMap;
use crate::syntax::{self, ast};
use chrono::NaiveDate;

/// What the checks need besides the files.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The date the date-based lints compare with (`--today`).
    pub today: NaiveDate,
}

/// The result of checking a portfolio.
#[derive(Debug)]
pub struct Checked {
    pub files: Vec<ast::File>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

pub fn check(sources: &SourceMap, _options: &Options) -> Checked {
    let mut e01 = Vec::new();
    let files = syntax::parse_all(sources, &mut e01);
    let mut diags = Diagnostics::new();
    diags.extend(e01);
    Checked {
        files,
        diagnostics: diags.into_sorted(),
    }
}
