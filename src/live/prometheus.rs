//! What `--prometheus` asks and how the answers become events (docs/report.md, "Live
//! data").
//!
//! The queries are the recording rules' own (`emit::slo`): the objective's error ratio
//! (`slac:sli_error:ratio_rate<W>`'s expression) and its `total`, with `{{window}}` the
//! step. For every open interval of the objective's `during` calendar in the part of the
//! period the agreement is in force (up to now), `query_range` gives one sample per step,
//! each the rate over the step that ends there; total events are Σ total × step and bad
//! events Σ error ratio × total × step, rounded to whole events at the end. These are
//! the `good` and `total` of a measurements.csv row, which eval then judges as it judges
//! that file: one meaning of attainment.
//!
//! Never a silent 100%: a step without a `total` sample, a query that returns no series
//! or several, an error ratio missing where there was traffic, and every failure of the
//! server are errors that stop the evaluation.

// `o` the objective, `a`/`b` an open interval, `e` an error: the names of the
// arithmetic below.
#![allow(clippy::many_single_char_names)]

use crate::eval::clock::{self, Nanos};
use crate::eval::input::Measurement;
use crate::eval::Period;
use crate::model::periods::{agreement_bounds, validity_bounds};
use crate::model::{MeasuredBy, ObjectiveKind, Portfolio, ALWAYS};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The step, and the `{{window}}` of each sample: five minutes, the shortest window of
/// the recording rules (a window of one scrape interval would often hold one sample, and
/// `rate` needs two).
pub const STEP_SECONDS: i64 = 300;
/// Steps per request: Prometheus refuses more than 11,000 points per series.
const STEPS_PER_QUERY: i64 = 10_000;

const NS: i64 = 1_000_000_000;

/// One sample: a step's end (seconds since the epoch) and its value.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub at: i64,
    pub value: f64,
}

/// A `query_range` answer: each series' labels and samples, and the server's warnings.
#[derive(Debug, Default)]
pub struct Matrix {
    pub series: Vec<(BTreeMap<String, String>, Vec<Sample>)>,
    pub warnings: Vec<String>,
}

/// A Prometheus-compatible API.
pub trait Source {
    /// The server, for messages.
    fn name(&self) -> &str;
    /// `query` evaluated at `start`, `start + step`, … `end` (seconds).
    fn query_range(
        &self,
        query: &str,
        start: i64,
        end: i64,
        step: i64,
    ) -> Result<Matrix, LiveError>;
}

/// Why live data could not be read; every one stops the evaluation (exit 4).
#[derive(Debug)]
pub enum LiveError {
    Timeout {
        server: String,
    },
    Unreachable {
        server: String,
        why: String,
    },
    Http {
        server: String,
        status: u16,
        body: String,
    },
    /// `"status": "error"`.
    Api {
        server: String,
        status: u16,
        kind: String,
        error: String,
        query: String,
    },
    Malformed {
        server: String,
        why: String,
    },
    /// The answer came with a warning (a partial response of Thanos, an annotation of
    /// Prometheus): it may hold less than the data.
    Warned {
        server: String,
        warning: String,
        query: String,
    },
    /// The answer has no series, or several, where the indicator must be one.
    Series {
        what: String,
        found: usize,
        query: String,
    },
    /// Steps without a sample.
    Gap {
        what: String,
        missing: usize,
        steps: usize,
        first: String,
    },
    /// An open interval that does not start or end on a step.
    Unaligned {
        what: String,
        at: String,
    },
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveError::Timeout { server } => write!(f, "prometheus {server}: no answer within the timeout (--prometheus-timeout)"),
            LiveError::Unreachable { server, why } => write!(f, "prometheus {server}: cannot be reached: {why}"),
            LiveError::Http { server, status, body } => write!(f, "prometheus {server}: HTTP status {status}: {body}"),
            LiveError::Api { server, status, kind, error, query } => write!(
                f,
                "prometheus {server}: the query failed (HTTP {status}, {kind}): {error}; query: {query}"
            ),
            LiveError::Malformed { server, why } => write!(f, "prometheus {server}: not a Prometheus API answer: {why}"),
            LiveError::Warned { server, warning, query } => write!(
                f,
                "prometheus {server}: the answer came with a warning and may be partial: {warning}; query: {query}"
            ),
            LiveError::Series { what, found, query } => write!(
                f,
                "{what}: the query returned {found} series, where one is needed (aggregate it, e.g. with sum()); query: {query}"
            ),
            LiveError::Gap { what, missing, steps, first } => write!(
                f,
                "{what}: no data for {missing} of {steps} steps of 5m, the first ending at {first}; the attainment is not computed (never taken as 100%)"
            ),
            LiveError::Unaligned { what, at } => write!(
                f,
                "{what}: the open time starts or ends at {at}, not on a 5-minute step; live data is read in steps of 5 minutes"
            ),
        }
    }
}

fn utc(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0).map_or_else(
        || seconds.to_string(),
        |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    )
}

/// The events of every objective measured by its Prometheus indicator, for `period` up
/// to `now`, as measurement rows (one per service of the objective; the first agreement
/// to name a (service, objective) gives its row, as one row of a file would).
pub fn measurements(
    portfolio: &Portfolio,
    period: Period,
    now: Nanos,
    source: &dyn Source,
) -> Result<Vec<Measurement>, LiveError> {
    let first_day = period.first_day();
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for (_, slos) in crate::emit::slo::collect_all(portfolio, first_day) {
        for slo in slos {
            let o = slo.objective;
            if o.kind == ObjectiveKind::Availability && o.measured_by() != MeasuredBy::Indicator {
                continue;
            }
            if !period.matches(o.window()) {
                continue;
            }
            let services: Vec<String> = match &o.service {
                Some(s) => vec![s.value.name.to_string()],
                None => slo
                    .terms
                    .service_refs()
                    .iter()
                    .map(|r| r.name.to_string())
                    .collect(),
            };
            if services
                .iter()
                .all(|s| done.contains(&(s.clone(), o.id.clone())))
            {
                continue;
            }
            let (ps, pe) = agreement_bounds(slo.terms, &period);
            let (vs, ve) = validity_bounds(slo.terms);
            let (from, to) = (ps.max(vs), pe.min(ve).min(now));
            if from >= to {
                continue;
            }
            let what = format!(
                "{}{} {}",
                slo.agreement.name,
                slo.region
                    .map_or(String::new(), |r| format!(" (region {})", r.name)),
                o.id
            );
            let cal =
                &portfolio.calendars[o.during.as_ref().map_or(ALWAYS, |d| d.value.index)].clock;
            let window = format!("{STEP_SECONDS}s");
            let ratio_q = crate::emit::slo::at(&slo.error_ratio, &window);
            let total_q = crate::emit::slo::at(&slo.total, &window);
            let (mut bad, mut total) = (0f64, 0f64);
            for (a, b) in clock::open_intervals(cal, from, to) {
                // The running period: only the whole steps before now.
                let b = if b == to && to == now {
                    b - b.rem_euclid(STEP_SECONDS * NS)
                } else {
                    b
                };
                if b <= a {
                    continue;
                }
                for t in [a, b] {
                    if t.rem_euclid(STEP_SECONDS * NS) != 0 {
                        return Err(LiveError::Unaligned {
                            what,
                            at: utc(t.div_euclid(NS)),
                        });
                    }
                }
                let (a, b) = (a / NS, b / NS);
                let mut start = a + STEP_SECONDS;
                while start <= b {
                    let end = (start + (STEPS_PER_QUERY - 1) * STEP_SECONDS).min(b);
                    let totals = one_series(
                        source.query_range(&total_q, start, end, STEP_SECONDS)?,
                        &format!("{what} total"),
                        &total_q,
                    )?;
                    let ratios = one_series_or_none(
                        source.query_range(&ratio_q, start, end, STEP_SECONDS)?,
                        &format!("{what} error ratio"),
                        &ratio_q,
                    )?;
                    let steps = ((end - start) / STEP_SECONDS + 1) as usize;
                    let mut missing = Vec::new();
                    let mut bad_missing = Vec::new();
                    for k in 0..steps as i64 {
                        let at = start + k * STEP_SECONDS;
                        let Some(t) = totals.get(&at).filter(|v| v.is_finite() && **v >= 0.0)
                        else {
                            missing.push(at);
                            continue;
                        };
                        let events = t * STEP_SECONDS as f64;
                        total += events;
                        if events > 0.0 {
                            match ratios.get(&at).filter(|v| v.is_finite()) {
                                Some(r) => bad += r.clamp(0.0, 1.0) * events,
                                None => bad_missing.push(at),
                            }
                        }
                    }
                    if let Some(&first) = missing.first() {
                        return Err(LiveError::Gap {
                            what: format!("{what} total"),
                            missing: missing.len(),
                            steps,
                            first: utc(first),
                        });
                    }
                    if let Some(&first) = bad_missing.first() {
                        return Err(LiveError::Gap {
                            what: format!("{what} error ratio"),
                            missing: bad_missing.len(),
                            steps,
                            first: utc(first),
                        });
                    }
                    start = end + STEP_SECONDS;
                }
            }
            let total_n = total.round().max(0.0) as u64;
            let bad_n = (bad.round().max(0.0) as u64).min(total_n);
            for s in services {
                if done.insert((s.clone(), o.id.clone())) {
                    out.push(Measurement {
                        line: 0,
                        service: s,
                        objective: o.id.to_string(),
                        good: total_n - bad_n,
                        total: total_n,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The samples of the one series a query must return, by step.
fn one_series(m: Matrix, what: &str, query: &str) -> Result<BTreeMap<i64, f64>, LiveError> {
    if m.series.len() != 1 {
        return Err(LiveError::Series {
            what: what.to_string(),
            found: m.series.len(),
            query: query.to_string(),
        });
    }
    Ok(m.series
        .into_iter()
        .flat_map(|(_, s)| s)
        .map(|s| (s.at, s.value))
        .collect())
}

/// As [`one_series`], but no series is no sample at all (the ratio is absent where the
/// total is 0, and so is checked step by step against it).
fn one_series_or_none(m: Matrix, what: &str, query: &str) -> Result<BTreeMap<i64, f64>, LiveError> {
    if m.series.is_empty() {
        return Ok(BTreeMap::new());
    }
    one_series(m, what, query)
}
