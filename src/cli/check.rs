//! `slac check`.

use super::common::{fail, parse_today, paths_or_dot, EXIT_FAILED, EXIT_OK};
use super::settings::parse_allow;
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

    /// The date that date-based lints compare with (YYYY-MM-DD); default: slac.toml's
    /// `today`, else the system's date.
    #[arg(long, value_name = "DATE", value_parser = parse_today)]
    today: Option<NaiveDate>,

    /// Allow a warning in the whole portfolio (repeatable; errors cannot be allowed).
    #[arg(long = "allow", value_name = "CODE", value_parser = parse_allow)]
    allow: Vec<crate::diag::Code>,
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
    let paths = paths_or_dot(&args.paths);
    let mut sources = match crate::load::load(&paths) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let report =
        |diags: &[crate::diag::Diagnostic], sources: &crate::source::SourceMap| match args.format {
            Format::Human => eprint!("{}", render::human_report(diags, sources, style)),
            Format::Json => super::common::print_stdout(&render::json(diags, sources)),
            Format::Sarif => super::common::print_stdout(&render::sarif(diags, sources)),
            Format::Github => super::common::print_stdout(&render::github(diags, sources)),
        };
    let settings = match super::common::settings(&paths, &mut sources, &report) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut checked = compile::check(
        &sources,
        &Options {
            today: settings.today(args.today),
        },
    );
    let complete = checked.portfolio.is_some();
    settings.allow(
        &args.allow,
        &mut sources,
        &mut checked.diagnostics,
        complete,
    );
    let diags = &checked.diagnostics;
    let errors = crate::diag::count_errors(diags);
    let warnings = diags.len() - errors;
    report(diags, &sources);
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}
