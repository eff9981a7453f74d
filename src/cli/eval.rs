//! `slac eval`: attainment, breaches and service credits for one period.

use super::common::{fail, print_stdout, EXIT_OK};
use super::inputs::{row_errors, ForecastArgs, InputArgs};
use crate::diag::render::{visible, Style};
use crate::eval::{self, Evaluation, Period};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories of the portfolio; default: the current directory.
    paths: Vec<PathBuf>,

    /// The period: a month (2026-11), a quarter (2026-Q4) or a year (2026), in each
    /// agreement's time zone.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    period: Period,

    #[command(flatten)]
    inputs: InputArgs,

    #[command(flatten)]
    forecast: ForecastArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// The date for the lints of the check that runs first (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::common::parse_today)]
    today: Option<chrono::NaiveDate>,
}

fn parse_period(s: &str) -> Result<Period, String> {
    s.parse()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Human,
    Json,
    Html,
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    let (_sources, portfolio) = match super::common::load_checked(&args.paths, args.today, style) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let options = eval::Options {
        period: args.period,
        propagate: args.inputs.propagate,
    };
    let mut evaluation = Evaluation::new(&portfolio, options);
    if let Err(e) = args.inputs.stream(&mut evaluation) {
        return fail(&e.to_string());
    }
    let now = args.forecast.now(args.today);
    match args.inputs.live(&portfolio, args.period, now) {
        Ok(Some(live)) => live.feed(&mut evaluation),
        Ok(None) => {}
        Err(e) => return super::common::fail_source(&e),
    }
    if let Some(message) = row_errors(&evaluation) {
        return fail(&message);
    }
    if matches!(args.format, Format::Json) && !args.forecast.wanted() {
        // Written to stdout as each agreement is judged (a write error there, a closed
        // pipe, is not reported, as for the other formats).
        let _ = evaluation.write_json(std::io::stdout().lock());
        return EXIT_OK;
    }
    let report = evaluation.finish();
    if args.forecast.wanted() {
        let list = crate::report::forecast::forecast(&portfolio, args.period, &report, now);
        match args.format {
            Format::Json => {
                let mut v = serde_json::to_value(&report).unwrap_or_default();
                if let Some(m) = v.as_object_mut() {
                    m.insert(
                        "forecast".into(),
                        serde_json::to_value(&list).unwrap_or_default(),
                    );
                }
                print_stdout(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&v).unwrap_or_default()
                ));
            }
            Format::Html => match report.to_html() {
                // The forecast lines in a section of their own before the page ends.
                Ok(h) => print_stdout(&h.replacen(
                    "</body>",
                    &format!(
                        "<section><h2>Forecast</h2><pre>{}</pre></section>\n</body>",
                        handlebars::html_escape(&crate::report::forecast::to_human(&list))
                    ),
                    1,
                )),
                Err(e) => return fail(&format!("cannot render the HTML report: {e}")),
            },
            Format::Human => print_stdout(&format!(
                "{}\n{}",
                visible(&report.to_human()),
                crate::report::forecast::to_human(&list)
            )),
        }
        return args.forecast.code(&list);
    }
    let text = match args.format {
        // Ticket ids and paths come from the input files: shown, never obeyed.
        Format::Human => visible(&report.to_human()).into_owned(),
        Format::Json => report.to_json(),
        Format::Html => match report.to_html() {
            Ok(h) => h,
            Err(e) => return fail(&format!("cannot render the HTML report: {e}")),
        },
    };
    print_stdout(&text);
    EXIT_OK
}
