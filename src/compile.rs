//! The checking pipeline, phase by phase (docs/checks.md): a phase runs only when the
//! phases before it found no error, so one mistake never cascades.

use crate::check;
use crate::diag::{self, Diagnostic};
use crate::model::{self, Portfolio};
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
    /// The resolved portfolio, when no phase found an error.
    pub portfolio: Option<Portfolio>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        diag::count_errors(&self.diagnostics) > 0
    }
}

pub fn check(sources: &SourceMap, options: &Options) -> Checked {
    let mut diags = Vec::new();
    let files = syntax::parse_all(sources, &mut diags);
    let portfolio = run_phases(&files, *options, &mut diags);
    diag::sort(&mut diags);
    Checked {
        files,
        portfolio,
        diagnostics: diags,
    }
}

fn errors(diags: &[Diagnostic]) -> bool {
    diag::count_errors(diags) > 0
}

/// E02 → E03 → E04 → W05, each only when nothing before it failed. The portfolio is
/// returned only when every phase passed (warnings allowed).
fn run_phases(
    files: &[ast::File],
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Option<Portfolio> {
    if errors(diags) {
        return None;
    }
    let portfolio = model::resolve(files, diags)?;
    let mut phase = Vec::new();
    check::agreement::check(&portfolio, &mut phase);
    check::dedup(&mut phase);
    let failed = errors(&phase);
    diags.append(&mut phase);
    if failed {
        return None;
    }
    check::between::check(&portfolio, options.today, &mut phase);
    check::dedup_exact(&mut phase);
    let failed = errors(&phase);
    diags.append(&mut phase);
    if failed {
        return None;
    }
    check::lints::check(&portfolio, options.today, &mut phase);
    check::dedup(&mut phase);
    diags.append(&mut phase);
    Some(portfolio)
}
