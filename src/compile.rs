//! The checking pipeline, phase by phase (docs/checks.md): a phase runs only when the
//! phases before it found no error, so one mistake never cascades.

use crate::check;
use crate::diag::{self, Diagnostic};
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

/// The result of checking a portfolio. No syntax tree is kept: each is dropped once its
/// file is outlined, and again once the resolver has built its items (`check_noting`).
#[derive(Debug)]
pub struct Checked {
    /// The resolved portfolio, when no phase found an error.
    pub portfolio: Option<Portfolio>,
    /// The resolved portfolio when each agreement is sound on its own (E01–E03 and the
    /// lifecycle, E06, passed) but agreements do not fit together (E04): what `slac
    /// status` still reads, since an SLA backed only by a draft is one of its answers.
    pub unbacked: Option<Portfolio>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        diag::count_errors(&self.diagnostics) > 0
    }
}

pub fn check(sources: &SourceMap, options: &Options) -> Checked {
    check_noting(sources, options, &mut None)
}

/// [`check`], also noting every reference the resolver binds in `uses` when it is `Some`
/// (what `slac lsp` navigates by); left as it was when a syntax error stops the run first.
pub fn check_noting(
    sources: &SourceMap,
    options: &Options,
    uses: &mut Option<Vec<model::Use>>,
) -> Checked {
    let mut diags = Vec::new();
    // Each tree is outlined (item names, calendars) and its `# slac: allow` comments read,
    // then dropped: the resolver parses each file again as it builds its items, so the
    // trees of a large portfolio, eight times its text, are never all in memory beside the
    // model (model::Outline; docs/performance.md).
    let mut outline = model::Outline::default();
    let mut allows: Vec<crate::allow::Allow> = Vec::new();
    let mut allow_diags = Vec::new();
    syntax::parse_each(sources, &mut diags, |tree| {
        allows.extend(crate::allow::from_comments(
            &tree,
            &sources.get(tree.id).text,
            &mut allow_diags,
        ));
        outline.add(&tree);
    });
    diags.append(&mut allow_diags);
    let resolved = if errors(&diags) {
        None
    } else {
        // The same trees again: parsing is a pure function of the text, and its
        // diagnostics were all reported above.
        let trees = sources
            .files()
            .filter_map(|(id, f)| syntax::parse_file(id, &f.text, &mut Vec::new()));
        model::resolve_outlined(outline, trees, &mut diags, uses)
    };
    let (portfolio, unbacked) = match resolved.map(|p| run_phases(p, *options, &mut diags)) {
        Some(Phases::Passed(p)) => (Some(p), None),
        Some(Phases::Unbacked(p)) => (None, Some(p)),
        Some(Phases::Failed) | None => (None, None),
    };
    crate::allow::apply(&mut diags, &allows, portfolio.is_some());
    diag::sort(&mut diags);
    Checked {
        portfolio,
        unbacked,
        diagnostics: diags,
    }
}

fn errors(diags: &[Diagnostic]) -> bool {
    diag::count_errors(diags) > 0
}

/// E03 → E06 → E04 → W05 on the resolved portfolio (E02 passed), each only when nothing before
/// it failed.
fn run_phases(portfolio: Portfolio, options: Options, diags: &mut Vec<Diagnostic>) -> Phases {
    let mut phase = Vec::new();
    check::agreement::check(&portfolio, &mut phase);
    check::money::check(&portfolio, &mut phase);
    check::catalogue::check(&portfolio, &mut phase);
    check::dedup(&mut phase);
    let failed = errors(&phase);
    diags.append(&mut phase);
    if failed {
        return Phases::Failed;
    }
    // The lifecycle before E04: E04 reads what the status and the termination mean.
    check::lifecycle::check(&portfolio, &mut phase);
    let failed = errors(&phase);
    diags.append(&mut phase);
    if failed {
        return Phases::Failed;
    }
    check::between::check(&portfolio, options.today, &mut phase);
    check::dedup_exact(&mut phase);
    let failed = errors(&phase);
    diags.append(&mut phase);
    if failed {
        return Phases::Unbacked(portfolio);
    }
    check::lints::check(&portfolio, options.today, &mut phase);
    check::dedup(&mut phase);
    diags.append(&mut phase);
    Phases::Passed(portfolio)
}

/// How far the phases got.
enum Phases {
    /// Every phase passed (warnings allowed).
    Passed(Portfolio),
    /// Only E04 failed: each agreement is sound, they do not fit together.
    Unbacked(Portfolio),
    /// An earlier phase failed.
    Failed,
}
