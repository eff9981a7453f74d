//! What every subcommand shares: exit codes, default paths and date, how reports and
//! errors are printed, and loading a portfolio that must check clean.

use super::settings::{Report, Settings};
use crate::diag::render::Style;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Exit codes (docs/cli.md).
pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_FAILED: i32 = 1;
pub(crate) const EXIT_USAGE: i32 = 2;
/// `--fail-on-forecast`: an error budget is forecast to run out before its period ends.
pub(crate) const EXIT_FORECAST: i32 = 3;
/// `--prometheus`: the live data could not be read (unreachable, timed out, an HTTP or
/// API error, missing data).
pub(crate) const EXIT_SOURCE: i32 = 4;

/// A failure of the live data source: its message, exit 4.
pub(super) fn fail_source(e: &crate::live::prometheus::LiveError) -> i32 {
    eprintln!("error: {}", crate::diag::render::visible(&e.to_string()));
    EXIT_SOURCE
}

/// `PATH…` defaults to the current directory.
pub(super) fn paths_or_dot(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// The columns human reports wrap at: a terminal's width (`COLUMNS` when set, else what
/// the terminal says, else 100); 0, no wrapping, when stderr is not a terminal: a file or
/// a CI log has no width, and a tool reading it wants one message per line.
pub(super) fn stderr_width() -> usize {
    use std::io::IsTerminal as _;
    if !std::io::stderr().is_terminal() {
        return 0;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    columns
        .or_else(terminal_columns)
        .filter(|&c: &usize| c >= 20)
        .unwrap_or(100)
}

#[cfg(unix)]
fn terminal_columns() -> Option<usize> {
    let size = rustix::termios::tcgetwinsize(std::io::stderr()).ok()?;
    Some(usize::from(size.ws_col))
}

#[cfg(not(unix))]
fn terminal_columns() -> Option<usize> {
    None
}

/// `--today`, else the system's date in UTC.
pub(super) fn today(arg: Option<NaiveDate>) -> NaiveDate {
    arg.unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// `--today DATE`, with a message that says what was given and what is accepted.
pub(super) fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        let shown = crate::diag::render::visible(s);
        if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
            format!("`{shown}` is not a day of the calendar; write an existing date as YYYY-MM-DD, e.g. 2026-11-26")
        } else {
            format!("`{shown}` is not a date; write YYYY-MM-DD, e.g. 2026-11-26 (without --today, slac takes slac.toml's `today`, else the system's date in UTC)")
        }
    })
}

/// Whether the command line asks for JSON (`--format json` or `--format=json`), read
/// from the raw arguments: a usage error is then a JSON object too.
pub(super) fn wants_json(args: &[std::ffi::OsString]) -> bool {
    args.windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json")
}

/// A usage error as JSON (docs/cli.md): `{"error": {"kind", "message", "usage"}, "exit_code": 2}`.
pub(super) fn usage_json(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut lines = rendered.lines();
    let message = lines
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let usage = rendered
        .lines()
        .find_map(|l| l.strip_prefix("Usage: "))
        .map(str::to_string);
    let kind = format!("{:?}", e.kind());
    let value = serde_json::json!({
        "error": { "kind": kind, "message": message, "usage": usage },
        "exit_code": EXIT_USAGE,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Writes to stdout (`true`) or stderr, ignoring a failure: a closed pipe (`slac … | head`)
/// is the reader's choice, not an error worth a panic.
pub(crate) fn write_stream(stdout: bool, args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    if stdout {
        let mut out = std::io::stdout().lock();
        let _ = out.write_fmt(args);
        let _ = out.flush();
    } else {
        let mut err = std::io::stderr().lock();
        let _ = err.write_fmt(args);
        let _ = err.flush();
    }
}

/// Writes a machine-readable report to stdout. A closed pipe (`slac … | head`) is the
/// reader's choice, not an error worth a panic.
pub(super) fn print_stdout(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    if !text.is_empty() && !text.ends_with('\n') {
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}

/// Loads and checks the portfolio for the commands that need a clean one (`due`, `eval`):
/// with any error the diagnostics are printed and the exit code is returned instead.
pub(super) fn load_checked(
    paths: &[PathBuf],
    day: Option<NaiveDate>,
    style: Style,
) -> Result<(crate::source::SourceMap, crate::model::Portfolio), i32> {
    let paths = paths_or_dot(paths);
    let mut sources = crate::load::load(&paths).map_err(|e| fail(&e.to_string()))?;
    let report = |diags: &[crate::diag::Diagnostic], sources: &crate::source::SourceMap| {
        eprint!(
            "{}",
            crate::diag::render::human_report(diags, sources, style)
        );
    };
    let settings = settings(&paths, &mut sources, &report)?;
    let checked = crate::compile::check(
        &sources,
        &crate::compile::Options {
            today: settings.today(day),
        },
    );
    match checked.portfolio {
        Some(p)
            if !checked
                .diagnostics
                .iter()
                .any(|d| d.severity == crate::diag::Severity::Error) =>
        {
            Ok((sources, p))
        }
        _ => {
            eprint!(
                "{}",
                crate::diag::render::human_report(&checked.diagnostics, &sources, style)
            );
            Err(EXIT_FAILED)
        }
    }
}

/// The slac.toml of `paths` ([`Settings::read`]), or exit code 2 once the reason is shown.
pub(super) fn settings(
    paths: &[PathBuf],
    sources: &mut crate::source::SourceMap,
    report: Report<'_>,
) -> Result<Settings, i32> {
    Settings::read(paths, sources, report).map_err(|why| match why {
        Some(message) => fail(&message),
        None => EXIT_USAGE,
    })
}

/// Prints a usage or input error the way every command does, and gives exit code 2.
pub(super) fn fail(message: &str) -> i32 {
    // Messages quote input files (a CSV field, a path): shown, never obeyed.
    eprintln!("error: {}", crate::diag::render::visible(message));
    EXIT_USAGE
}

/// A refused or failed write (`build`, `synth`): the output directory is as it was.
pub(super) fn fail_write(e: &crate::output::WriteError) -> i32 {
    let code = fail(&format!("{e}; nothing was written"));
    if let Some(help) = e.help() {
        eprintln!("  help: {help}");
    }
    code
}
