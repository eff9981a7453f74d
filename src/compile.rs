//! The checking pipeline, phase by phase (docs/checks.md): a phase runs only when the
//! phases before it found no error, so one mistake never cascades.

use crate::check;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, Portfolio};
use crate::source::SourceMap;
use crate::syntax;
use chrono::NaiveDate;

/// What the checks need besides the files.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The date the date-based lints compare with (`--today`).
    pub today: NaiveDate,
}

/// The result of checking a portfolio. The syntax trees are dropped once the portfolio is
/// resolved: nothing after the resolver reads them, and a large portfolio's trees weigh as
/// much as its model.
#[derive(Debug)]
pub struct Checked {
    /// The resolved portfolio, when no phase found an error.
    pub portfolio: Option<Portfolio>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

pub fn check(sources: &SourceMap, options: &Options) -> Checked {
    let mut diags = Vec::new();
    let files = syntax::parse_all(sources, &mut diags);
    let resolved = if errors(&diags) {
        None
    } else {
        model::resolve(&files, &mut diags)
    };
    drop(files);
    let portfolio = resolved.and_then(|p| run_phases(p, sources, *options, &mut diags));
    let mut sink = Diagnostics::new();
    sink.extend(diags);
    Checked {
        portfolio,
        diagnostics: sink.into_sorted(),
    }
}

fn errors(diags: &[Diagnostic]) -> bool {
    diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
}

/// E03 → E04 → W05 on the resolved portfolio (E02 passed), each only when nothing before
/// it failed. The portfolio is returned only when every phase passed (warnings allowed).
fn run_phases(
    portfolio: Portfolio,
    sources: &SourceMap,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Option<Portfolio> {
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
    check::lints::check(&portfolio, sources, options.today, &mut phase);
    check::dedup(&mut phase);
    diags.append(&mut phase);
    Some(portfolio)
}
