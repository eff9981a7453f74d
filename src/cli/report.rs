//! `slac report`: the evaluation of every period from `--from` to `--to`, each by the
//! same evaluation as `slac eval --period` (docs/report.md).

use super::common::{fail, fail_write, print_stdout, EXIT_OK};
use super::inputs::{row_errors, ForecastArgs, InputArgs};
use crate::diag::render::Style;
use crate::emit::view::audience;
use crate::eval::{self, Evaluation, Period};
use crate::output::{Artifact, Writer};
use crate::report::series::{self, PeriodEval, Reader};
use clap::ValueEnum;
use std::path::PathBuf;

/// More periods than ten years of months is a mistake in `--from`/`--to`, not a report.
const MAX_PERIODS: usize = 120;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories of the portfolio; default: the current directory.
    paths: Vec<PathBuf>,

    /// The first period: a month (2026-01), a quarter (2026-Q1) or a year (2026).
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    from: Period,

    /// The last period, of the same kind as --from (inclusive).
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    to: Period,

    #[command(flatten)]
    inputs: InputArgs,

    #[command(flatten)]
    forecast: ForecastArgs,

    /// Write internal/report.{html,json} and customers/<customer>/report.{html,json} to
    /// DIR (replaced as a whole, as `slac build --out`); without it the internal report
    /// is printed.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// What is printed without --out.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,

    /// The date for the lints of the check that runs first (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    today: Option<chrono::NaiveDate>,
}

fn parse_period(s: &str) -> Result<Period, String> {
    s.parse()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Json,
    Html,
}

/// `--from` to `--to`, inclusive, or why not.
fn periods(from: Period, to: Period) -> Result<Vec<Period>, String> {
    if from.kind != to.kind {
        return Err(format!(
            "--from {from} and --to {to} are different kinds of period (a {} and a {})",
            from.kind_word(),
            to.kind_word()
        ));
    }
    if to < from {
        return Err(format!("--to {to} is before --from {from}"));
    }
    let mut out = vec![from];
    let mut p = from;
    while p < to {
        p = p.next();
        out.push(p);
        if out.len() > MAX_PERIODS {
            return Err(format!(
                "--from {from} to --to {to} is more than {MAX_PERIODS} periods"
            ));
        }
    }
    Ok(out)
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    let list = match periods(args.from, args.to) {
        Ok(l) => l,
        Err(e) => return fail(&e),
    };
    let (_sources, portfolio) = match super::common::load_checked(&args.paths, args.today, style) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let now = args.forecast.now(args.today);
    let mut evals = Vec::with_capacity(list.len());
    for period in list {
        let options = eval::Options {
            period,
            propagate: args.inputs.propagate,
        };
        let live = match args.inputs.live(&portfolio, period, now) {
            Ok(l) => l,
            Err(e) => return super::common::fail_source(&e),
        };
        let live = live.as_ref();
        let slas = match judge(&args.inputs, Evaluation::new(&portfolio, options), live) {
            Ok(r) => r,
            Err(code) => return code,
        };
        let underpinning = match judge(
            &args.inputs,
            Evaluation::underpinning(&portfolio, options),
            live,
        ) {
            Ok(r) => r,
            Err(code) => return code,
        };
        evals.push(PeriodEval {
            period,
            slas,
            underpinning,
        });
    }
    let mut internal = series::build(&portfolio, &evals, Reader::Internal);
    let mut code = EXIT_OK;
    if let (true, Some(last)) = (args.forecast.wanted(), evals.last()) {
        let list = crate::report::forecast::forecast(&portfolio, last.period, &last.slas, now);
        code = args.forecast.code(&list);
        internal.forecast = Some(list);
    }
    let Some(out) = &args.out else {
        let text = match args.format {
            Format::Json => to_json(&internal),
            Format::Html => crate::report::html::render(&internal),
        };
        print_stdout(&text);
        return code;
    };
    let mut writer = match Writer::begin(out) {
        Ok(w) => w,
        Err(e) => return fail_write(&e),
    };
    let mut docs = vec![("internal".to_string(), internal)];
    for folder in audience::folders(&portfolio) {
        if let Some(c) = folder.customer {
            docs.push((
                folder.dir,
                series::build(&portfolio, &evals, Reader::Customer(c)),
            ));
        }
    }
    for (dir, s) in &docs {
        for a in [
            Artifact::text(format!("{dir}/report.html"), crate::report::html::render(s)),
            Artifact::text(format!("{dir}/report.json"), to_json(s)),
        ] {
            if let Err(e) = writer.put(&a) {
                return fail_write(&e);
            }
        }
    }
    if let Err(e) = writer.finish() {
        return fail_write(&e);
    }
    code
}

fn to_json(s: &series::Series) -> String {
    let mut t = serde_json::to_string_pretty(s).unwrap_or_default();
    t.push('\n');
    t
}

/// One period's evaluation of the input files, as `slac eval` runs it.
fn judge(
    inputs: &InputArgs,
    mut e: Evaluation<'_>,
    live: Option<&super::inputs::Live>,
) -> Result<eval::Report, i32> {
    if let Err(err) = inputs.stream(&mut e) {
        return Err(fail(&err.to_string()));
    }
    if let Some(l) = live {
        l.feed(&mut e);
    }
    if let Some(message) = row_errors(&e) {
        return Err(fail(&message));
    }
    Ok(e.finish())
}
