//! `slac eval`: attainment, breaches and service credits for one period.

use super::{fail, print_stdout, EXIT_OK};
use crate::diag::render::Style;
use crate::eval::{self, input, Inputs, Period};
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

    /// outages.csv: service,start,end,cause,announced.
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
    let mut inputs = Inputs::default();
    if let Some(p) = &args.outages {
        inputs.outages = input::read_file(p, input::parse_outages)?;
    }
    if let Some(p) = &args.tickets {
        inputs.tickets = input::read_file(p, input::parse_tickets)?;
    }
    if let Some(p) = &args.measurements {
        inputs.measurements = input::read_file(p, input::parse_measurements)?;
    }
    Ok(inputs)
}
