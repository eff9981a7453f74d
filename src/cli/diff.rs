//! `slac diff`.

use super::common::{fail, paths_or_dot, today, EXIT_FAILED, EXIT_OK};
use crate::compile::{self, Options};
use crate::diag::render::{self, Style};
use crate::model::Portfolio;
use crate::source::SourceMap;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// OLD and NEW (files or directories); with --git, the paths of the working tree to
    /// compare (default: the current directory).
    paths: Vec<PathBuf>,

    /// Compare the working tree with this git revision (a branch, tag or commit).
    #[arg(long, value_name = "REV")]
    git: Option<String>,

    /// Exit 1 when an SLA got weaker, whoever its customer is; `=all`: also an OLA or
    /// a UC.
    #[arg(
        long,
        value_enum,
        value_name = "WHICH",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "sla"
    )]
    deny_weakening: Option<Deny>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Which weakenings fail the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Deny {
    /// Of an SLA, external or internal customer alike.
    Sla,
    /// Of any agreement: SLAs, OLAs and UCs.
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Human,
    Json,
    /// A pull-request comment: a table per agreement.
    Markdown,
}

/// Checks one side; prints its diagnostics when it has errors.
fn checked(sources: &SourceMap, style: Style) -> Option<Portfolio> {
    let result = compile::check(sources, &Options { today: today(None) });
    let errors = crate::diag::count_errors(&result.diagnostics);
    if errors > 0 {
        eprint!(
            "{}",
            render::human_report(&result.diagnostics, sources, style)
        );
        return None;
    }
    result.portfolio
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    let (old, new) = if let Some(rev) = &args.git {
        let paths = paths_or_dot(&args.paths);
        let old = match crate::diff::git::load_revision(rev, &paths) {
            Ok(s) => s,
            Err(e) => return fail(&e),
        };
        let new = match crate::load::load(&paths) {
            Ok(s) => s,
            Err(e) => return fail(&e.to_string()),
        };
        (old, new)
    } else {
        let [old, new] = args.paths.as_slice() else {
            return fail("`slac diff` takes two paths, OLD and NEW, or `--git REV [PATH…]`");
        };
        let load = |p: &PathBuf| crate::load::load(std::slice::from_ref(p));
        match (load(old), load(new)) {
            (Ok(o), Ok(n)) => (o, n),
            (Err(e), _) | (_, Err(e)) => return fail(&e.to_string()),
        }
    };
    let (o, n) = (checked(&old, style), checked(&new, style));
    let (Some(o), Some(n)) = (o, n) else {
        return EXIT_FAILED;
    };
    let report = crate::diff::diff(&o, &n);
    let text = match args.format {
        Format::Human => crate::diff::human(&report),
        Format::Json => crate::diff::json(&report),
        Format::Markdown => crate::diff::markdown(&report),
    };
    super::common::print_stdout(&text);
    let deny = args.deny_weakening.map(|d| match d {
        Deny::Sla => crate::diff::Deny::Sla,
        Deny::All => crate::diff::Deny::All,
    });
    // E0608 fails whatever the flags; weakenings only when denied.
    if report.failed() || deny.is_some_and(|d| report.denied(d)) {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}
