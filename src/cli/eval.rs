//! `slac eval`: attainment, breaches and service credits for one period.

use super::common::{fail, print_stdout, EXIT_OK};
use crate::diag::render::{visible, Style};
use crate::eval::{self, input, Evaluation, Kind, Period};
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

    /// outages.csv: service,start,end,cause,announced[,region][,item].
    #[arg(long, value_name = "CSV")]
    outages: Option<PathBuf>,

    /// tickets.csv: id,customer,service,type,class,opened,responded,resolved[,paused][,region][,updates].
    #[arg(long, value_name = "CSV")]
    tickets: Option<PathBuf>,

    /// measurements.csv: service,objective,good,total (latency and outcome objectives).
    #[arg(long, value_name = "CSV")]
    measurements: Option<PathBuf>,

    /// charges.csv: customer,service,region,period,amount,currency[,item]: what was
    /// billed, the fees of `fee from charges`.
    #[arg(long, value_name = "CSV")]
    charges: Option<PathBuf>,
    /// requests.csv: service,start,errors,total[,region]: the requests of each interval of
    /// the objectives whose downtime is defined by error rates.
    #[arg(long, value_name = "CSV")]
    requests: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Count an outage of a service against its dependents too (an `any_of` group is down
    /// only while all its members are).
    #[arg(long)]
    propagate: bool,

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
        propagate: args.propagate,
    };
    let mut evaluation = Evaluation::new(&portfolio, options);
    if let Err(e) = stream_inputs(args, &mut evaluation) {
        return fail(&e.to_string());
    }
    // A row naming an id the portfolio does not define would silently judge nothing.
    let errors = evaluation.errors();
    if !errors.is_empty() {
        const SHOWN: usize = 50;
        for e in errors.iter().take(SHOWN) {
            eprintln!("error: {}", visible(&e.to_string()));
        }
        if errors.len() > SHOWN {
            eprintln!("error: … and {} more", errors.len() - SHOWN);
        }
        return fail(&format!(
            "{} in the input rows; nothing was evaluated",
            crate::diag::render::plural(errors.len(), "error", "errors")
        ));
    }
    let report = evaluation.finish();
    if matches!(args.format, Format::Json) {
        // Streamed to stdout (a write error there, a closed pipe, is not reported, as
        // for the other formats).
        let _ = report.write_json(std::io::stdout().lock());
        return EXIT_OK;
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

/// Streams every given file through the evaluation, one row at a time: memory follows
/// what the agreements keep, not the size of the files. A malformed row stops it.
fn stream_inputs(args: &Args, e: &mut Evaluation<'_>) -> Result<(), input::InputError> {
    if let Some(p) = &args.outages {
        e.expect(Kind::Outages);
        let name = p.display().to_string();
        input::each_outage(&name, &mut input::open(p)?, &mut |o| e.outage(&name, o))?;
    }
    if let Some(p) = &args.tickets {
        e.expect(Kind::Tickets);
        let name = p.display().to_string();
        input::each_ticket(&name, &mut input::open(p)?, &mut |t| e.ticket(&name, t))?;
    }
    if let Some(p) = &args.measurements {
        e.expect(Kind::Measurements);
        let name = p.display().to_string();
        input::each_measurement(&name, &mut input::open(p)?, &mut |m| {
            e.measurement(&name, m);
        })?;
    }
    if let Some(p) = &args.charges {
        e.expect(Kind::Charges);
        let name = p.display().to_string();
        input::each_charge(&name, &mut input::open(p)?, &mut |c| e.charge(&name, c))?;
    }
    if let Some(p) = &args.requests {
        e.expect(Kind::Requests);
        let name = p.display().to_string();
        input::each_request(&name, &mut input::open(p)?, &mut |r| e.request(&name, r))?;
    }
    Ok(())
}
