//! `slac eval`: attainment, breaches and service credits of every SLA in force for one
//! period, from outage, ticket and measurement data (docs/cli.md, "eval").
//!
//! Pure: [`input`] parses CSV text it is handed, [`evaluate`] computes a [`Report`] from the
//! checked portfolio and the parsed inputs, [`report`] renders it. Times are integer
//! nanoseconds (RFC 3339 fractions are never rounded) and shares are exact fractions;
//! numbers become `f64` only in the JSON.

pub mod attainment;
pub mod clock;
pub mod credits;
pub mod input;
mod judge;
pub mod known;
pub mod period;
pub mod rates;
pub mod report;
pub mod scope;
mod stream;
pub mod tickets;
pub use judge::Options;
pub use stream::{Evaluation, Kind};

use crate::model::Portfolio;
use input::{Charge, Measurement, Outage, Request, Ticket};
pub use period::Period;
pub use report::Report;

/// The rows of one input file.
#[derive(Clone, Debug, Default)]
pub struct Input<T> {
    /// The path as given, for messages.
    pub file: String,
    pub rows: Vec<T>,
}

/// The parsed input files; `None` for a file not given, which is not the same as an
/// empty one: without outages an availability objective is not evaluated.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub outages: Option<Input<Outage>>,
    pub tickets: Option<Input<Ticket>>,
    pub measurements: Option<Input<Measurement>>,
    pub charges: Option<Input<Charge>>,
    /// requests.csv: the requests of error-rate objectives (language.md §4.1).
    pub requests: Option<Input<Request>>,
}

/// Evaluates every SLA and regional variant in force in the period from rows already in
/// memory; the CLI streams its files through [`Evaluation`] instead.
pub fn evaluate(portfolio: &Portfolio, inputs: &Inputs, options: &Options) -> Report {
    fed(portfolio, inputs, options).finish()
}

/// An [`Evaluation`] given every row of `inputs`, in the order of the files.
fn fed<'p>(portfolio: &'p Portfolio, inputs: &Inputs, options: &Options) -> Evaluation<'p> {
    let mut e = Evaluation::new(portfolio, *options);
    if let Some(i) = &inputs.outages {
        e.expect(Kind::Outages);
        for o in &i.rows {
            e.outage(&i.file, o.clone());
        }
    }
    if let Some(i) = &inputs.tickets {
        e.expect(Kind::Tickets);
        for t in &i.rows {
            e.ticket(&i.file, t.clone());
        }
    }
    if let Some(i) = &inputs.measurements {
        e.expect(Kind::Measurements);
        for m in &i.rows {
            e.measurement(&i.file, m.clone());
        }
    }
    if let Some(i) = &inputs.charges {
        e.expect(Kind::Charges);
        for c in &i.rows {
            e.charge(&i.file, c.clone());
        }
    }
    if let Some(i) = &inputs.requests {
        e.expect(Kind::Requests);
        for r in &i.rows {
            e.request(&i.file, r.clone());
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `slac eval --format json` writes each agreement as it is judged: the same text as
    /// the whole report's JSON: portfolios with regions and an unmatched row, in a month, a
    /// quarter and a month no SLA is in force in (an empty list).
    #[test]
    fn the_streamed_json_is_the_report_as_json() {
        for services in [4, 30, 120] {
            let mut map = crate::source::SourceMap::new();
            for f in crate::synth::portfolio(services) {
                map.add(f.name.clone(), &f.name, f.text);
            }
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
            let checked = crate::compile::check(&map, &crate::compile::Options { today });
            let portfolio = checked.portfolio.expect("the synthetic portfolio checks");
            let (outages, tickets) = crate::synth::events(services, 3);
            // A row for a service nobody has: reported as unmatched.
            let outages =
                format!("{outages}nobody,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,incident,\n");
            let inputs = Inputs {
                outages: Some(Input {
                    file: "outages.csv".into(),
                    rows: input::parse_outages("outages.csv", &mut outages.as_bytes())
                        .expect("outages"),
                }),
                tickets: Some(Input {
                    file: "tickets.csv".into(),
                    rows: input::parse_tickets("tickets.csv", &mut tickets.as_bytes())
                        .expect("tickets"),
                }),
                ..Inputs::default()
            };
            for period in ["2026-11", "2026-Q4", "2031-01"] {
                let options = Options {
                    period: period.parse::<Period>().expect("period"),
                    propagate: false,
                };
                let whole = format!("{}\n", evaluate(&portfolio, &inputs, &options).to_json());
                let mut streamed = Vec::new();
                fed(&portfolio, &inputs, &options)
                    .write_json(&mut streamed)
                    .expect("written");
                assert_eq!(
                    String::from_utf8(streamed).expect("utf-8"),
                    whole,
                    "{services} {period}"
                );
            }
        }
    }
}
