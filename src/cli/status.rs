//! `slac status`: what needs action now and within a horizon (docs/cli.md), from
//! [`crate::model::actions::actions`], which reads the register's rows.

use super::common::{fail, print_stdout, EXIT_OK};
use crate::diag::render::{plural, visible, Style};
use crate::model::actions::{actions, Item};
use crate::model::lifecycle::Action;
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories of the portfolio; default: the current directory.
    paths: Vec<PathBuf>,

    /// How far ahead to look, in whole days or weeks (`90d`, `12w`).
    #[arg(long, value_name = "DURATION", default_value = "90d", value_parser = parse_within)]
    within: u64,

    /// The date to look from (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE", value_parser = super::common::parse_today)]
    today: Option<NaiveDate>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Human,
    Json,
}

/// `90d` → 90: a `.sla` duration (`crate::written::parse_duration`) of whole days.
fn parse_within(s: &str) -> Result<u64, String> {
    let ms = crate::written::parse_duration(s).map_err(|_| {
        format!("`{s}` is not a duration; write whole days or weeks, e.g. 90d or 12w")
    })?;
    let day = crate::time::DAY;
    if ms % day != 0 {
        return Err(format!(
            "`{s}` is not a whole number of days; write e.g. 90d or 12w"
        ));
    }
    Ok((ms / day) as u64)
}

#[derive(Serialize)]
struct Report<'a> {
    today: NaiveDate,
    within_days: u64,
    until: NaiveDate,
    items: &'a [Item],
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    let (portfolio, day) = match load(&args.paths, args.today, style) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let Some(until) = day.checked_add_days(chrono::Days::new(args.within)) else {
        return fail(&format!(
            "{day} plus {} days is past the last date slac handles",
            args.within
        ));
    };
    let items = actions(&portfolio, day, until);
    match args.format {
        Format::Json => {
            let report = Report {
                today: day,
                within_days: args.within,
                until,
                items: &items,
            };
            print_stdout(&serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Human => print_stdout(&human(&items, day, until, args.within)),
    }
    // Something to act on is the answer, not a failure: the exit code is 0 either way.
    EXIT_OK
}

/// The portfolio, checked. Agreements that do not fit together (E04) do not stop the
/// list: an SLA backed only by a draft is an E04 error and one of the things to act on.
/// They are reported on stderr; any other error stops it, as in every command.
fn load(
    paths: &[std::path::PathBuf],
    day: Option<NaiveDate>,
    style: Style,
) -> Result<(crate::model::Portfolio, NaiveDate), i32> {
    let paths = super::common::paths_or_dot(paths);
    let mut sources = crate::load::load(&paths).map_err(|e| fail(&e.to_string()))?;
    let report = |diags: &[crate::diag::Diagnostic], sources: &crate::source::SourceMap| {
        eprint!(
            "{}",
            crate::diag::render::human_report(diags, sources, style)
        );
    };
    let settings = super::common::settings(&paths, &mut sources, &report)?;
    let day = settings.today(day);
    let checked = crate::compile::check(&sources, &crate::compile::Options { today: day });
    let has_errors = checked.has_errors();
    match (checked.portfolio, checked.unbacked) {
        (Some(p), _) if !has_errors => Ok((p, day)),
        (None, Some(p)) => {
            let errors = crate::diag::count_errors(&checked.diagnostics);
            eprintln!(
                "warning: {} between agreements (`slac check` shows {}); what needs action is listed all the same",
                crate::written::plural(errors, "error", "errors"),
                if errors == 1 { "it" } else { "them" }
            );
            Ok((p, day))
        }
        _ => {
            eprint!(
                "{}",
                crate::diag::render::human_report(&checked.diagnostics, &sources, style)
            );
            Err(super::common::EXIT_FAILED)
        }
    }
}

fn heading(action: Action, within: u64) -> String {
    match action {
        Action::ReviewOverdue => "Reviews overdue".into(),
        Action::ReviewDue => format!("Reviews due within {within} days"),
        Action::Expiring => format!("Ending within {within} days"),
        Action::AwaitingApproval => "Waiting for approval".into(),
        Action::AwaitingSignature => "Waiting for signatures".into(),
        Action::DraftBacking => "Backed only by drafts".into(),
    }
}

/// `in 30 days`, `today`, `3 days ago`.
fn when(days: Option<i64>) -> String {
    match days {
        None => String::new(),
        Some(0) => "today".into(),
        Some(d) if d > 0 => format!("in {}", plural(d as usize, "day", "days")),
        Some(d) => format!("{} ago", plural(d.unsigned_abs() as usize, "day", "days")),
    }
}

fn human(items: &[Item], today: NaiveDate, until: NaiveDate, within: u64) -> String {
    let mut out = format!("Status on {today}, looking {within} days ahead (to {until}).\n");
    if items.is_empty() {
        out.push_str("Nothing needs action.\n");
        return out;
    }
    let mut group = None;
    for it in items {
        if group != Some(it.action) {
            group = Some(it.action);
            let count = items.iter().filter(|i| i.action == it.action).count();
            let _ = write!(out, "\n{} ({count})\n", heading(it.action, within));
        }
        let name = match &it.region {
            Some(r) => format!("{}.{r}", it.agreement),
            None => it.agreement.clone(),
        };
        let line = format!(
            "  {:<10}  {:<13}  {name} ({} {}, “{}”): {}",
            it.date.map_or_else(String::new, |d| d.to_string()),
            when(it.days),
            it.kind,
            it.status,
            it.title,
            it.detail
        );
        // Titles and reasons come from the files: shown, never obeyed by a terminal.
        let _ = writeln!(out, "{}", visible(line.trim_end()));
    }
    out
}
