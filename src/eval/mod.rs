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
    e.finish()
}
