//! `slac check`.

use super::common::{fail, paths_or_dot, today, EXIT_FAILED, EXIT_OK};
use crate::compile::{self, Options};
use crate::diag::render::{self, Style};
use chrono::NaiveDate;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories (searched recursively for *.sla); default: the current directory.
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,

    /// The date that date-based lints compare with (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE")]
    today: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    let sources = match crate::load::load(&paths_or_dot(&args.paths)) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let checked = compile::check(
        &sources,
        &Options {
            today: today(args.today),
        },
    );
    let diags = &checked.diagnostics;
    let errors = crate::diag::count_errors(diags);
    let warnings = diags.len() - errors;
    match args.format {
        Format::Human => eprint!("{}", render::human_report(diags, &sources, style)),
        Format::Json => super::common::print_stdout(&render::json(diags, &sources)),
        Format::Sarif => super::common::print_stdout(&render::sarif(diags, &sources)),
        Format::Github => super::common::print_stdout(&render::github(diags, &sources)),
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}
