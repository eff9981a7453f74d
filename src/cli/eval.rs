//! `slac eval`: attainment, breaches and service credits for one period.

use super::{fail, print_stdout, EXIT_OK};
use crate::diag::render::Style;
use crate::eval::{self, input, Input, Inputs, Period};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files and directories of the portfolio; default: the current directory.
    paths: Vec<PathBuf>,

    /// The period: a month (2026-11), a quarter (2026-Q4) or a year (2026), in each
    /// agreement's time zone.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    period: Period,

    /// outages.csv: service,start,end,cause,announced[,region].
    #[arg(long, value_name = "CSV")]
    outages: Option<PathBuf>,

    /// tickets.csv: id,customer,service,type,class,opened,responded,resolved[,paused][,region].
    #[arg(long, value_name = "CSV")]
    tickets: Option<PathBuf>,

    /// measurements.csv: service,objective,good,total (latency and outcome objectives).
    #[arg(long, value_name = "CSV")]
    measurements: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Count an outage of a service against its dependents too (an `any_of` group is down
    /// only while all its members are).
    #[arg(long)]
    propagate: bool,

    /// The date for the lints of the check that runs first (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    today: Option<chrono::NaiveDate>,
}

fn parse_period(s: &str) -> Result<Period, String> {
    s.parse()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Html,
}

pub fn run(args: &Args, style: Style) -> i32 {
    let (_sources, portfolio) = match super::load_checked(&args.paths, args.today, style) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let portfolio = &portfolio;
    let inputs = match read_inputs(args) {
        Ok(i) => i,
        Err(e) => return fail(&e.to_string()),
    };
    // A row naming an id the portfolio does not define would silently judge nothing.
    let unknown = eval::known::unknown_ids(portfolio, &inputs);
    if !unknown.is_empty() {
        for e in &unknown {
            eprintln!("error: {e}");
        }
        return fail(&format!(
            "{} in the input rows; nothing was evaluated",
            crate::diag::render::plural(unknown.len(), "unknown id", "unknown ids")
        ));
    }
    let report = eval::evaluate(
        portfolio,
        &inputs,
        &eval::Options {
            period: args.period,
            propagate: args.propagate,
        },
    );
    let text = match args.format {
        Format::Human => report.to_human(),
        Format::Json => report.to_json(),
        Format::Html => match report.to_html() {
            Ok(h) => h,
            Err(e) => return fail(&format!("cannot render the HTML report: {e}")),
        },
    };
    print_stdout(&text);
    EXIT_OK
}

/// Reads every given file completely before anything is computed.
fn read_inputs(args: &Args) -> Result<Inputs, input::InputError> {
    fn read<T>(
        path: Option<&PathBuf>,
        parse: fn(&str, &mut dyn std::io::Read) -> Result<Vec<T>, input::InputError>,
    ) -> Result<Option<Input<T>>, input::InputError> {
        path.map(|p| {
            Ok(Input {
                file: p.display().to_string(),
                rows: input::read_file(p, parse)?,
            })
        })
        .transpose()
    }
    Ok(Inputs {
        outages: read(args.outages.as_ref(), input::parse_outages)?,
        tickets: read(args.tickets.as_ref(), input::parse_tickets)?,
        measurements: read(args.measurements.as_ref(), input::parse_measurements)?,
    })
}
