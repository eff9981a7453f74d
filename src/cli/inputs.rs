//! The input files of `slac eval` and `slac report`: one set of flags, streamed the same
//! way into an [`Evaluation`] (docs/cli.md, "Input files").

use crate::eval::{input, Evaluation, Kind};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub(super) struct InputArgs {
    /// outages.csv: service,start,end,cause,announced[,region][,item].
    #[arg(long, value_name = "CSV")]
    pub(super) outages: Option<PathBuf>,

    /// tickets.csv: id,customer,service,type,class,opened,responded,resolved[,paused][,region][,updates].
    #[arg(long, value_name = "CSV")]
    pub(super) tickets: Option<PathBuf>,

    /// measurements.csv: service,objective,good,total (latency and outcome objectives).
    #[arg(long, value_name = "CSV", conflicts_with = "prometheus")]
    pub(super) measurements: Option<PathBuf>,

    /// Read the indicators of the objectives measured by them from this Prometheus HTTP
    /// API (Prometheus, Thanos, Mimir with its `/prometheus` prefix, `VictoriaMetrics`)
    /// instead of --measurements.
    #[arg(long, value_name = "URL")]
    pub(super) prometheus: Option<String>,

    /// A header for every request to --prometheus, `Name: value` (repeatable), e.g.
    /// `X-Scope-OrgID: team-a`; `Authorization` may come from the environment variable
    /// `SLAC_PROMETHEUS_AUTHORIZATION` instead, out of the process list.
    #[arg(long, value_name = "HEADER", value_parser = parse_header, requires = "prometheus")]
    pub(super) prometheus_header: Vec<(String, String)>,

    /// Seconds each request to --prometheus may take.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 30,
        requires = "prometheus"
    )]
    pub(super) prometheus_timeout: u64,

    /// charges.csv: customer,service,region,period,amount,currency[,item]: what was
    /// billed, the fees of `fee from charges`.
    #[arg(long, value_name = "CSV")]
    pub(super) charges: Option<PathBuf>,
    /// requests.csv: service,start,errors,total[,region]: the requests of each interval of
    /// the objectives whose downtime is defined by error rates.
    #[arg(long, value_name = "CSV")]
    pub(super) requests: Option<PathBuf>,

    /// Count an outage of a service against its dependents too (an `any_of` group is down
    /// only while all its members are).
    #[arg(long)]
    pub(super) propagate: bool,
}

/// The measurement rows read live for one period.
pub(super) struct Live {
    url: String,
    rows: Vec<crate::eval::input::Measurement>,
}

impl Live {
    /// Hands the rows to an evaluation, as the rows of a measurements file.
    pub(super) fn feed(&self, e: &mut Evaluation<'_>) {
        e.expect(Kind::Measurements);
        for m in &self.rows {
            e.measurement(&self.url, m.clone());
        }
    }
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once(':')
        .ok_or_else(|| format!("expected `Name: value`, found `{s}`"))?;
    let k = k.trim();
    if k.is_empty()
        || !k
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!("`{k}` is not a header name"));
    }
    Ok((k.to_string(), v.trim().to_string()))
}

impl InputArgs {
    /// With --prometheus: the objectives' events of `period` up to `now`, read live and
    /// handed to the evaluation as measurement rows (docs/report.md, "Live data").
    pub(super) fn live(
        &self,
        portfolio: &crate::model::Portfolio,
        period: crate::eval::Period,
        now: crate::eval::clock::Nanos,
    ) -> Result<Option<Live>, crate::live::prometheus::LiveError> {
        let Some(url) = &self.prometheus else {
            return Ok(None);
        };
        let mut headers = self.prometheus_header.clone();
        if let Ok(auth) = std::env::var("SLAC_PROMETHEUS_AUTHORIZATION") {
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            {
                headers.push(("Authorization".into(), auth));
            }
        }
        let source = crate::live::http::Prometheus::new(
            url,
            headers,
            std::time::Duration::from_secs(self.prometheus_timeout.max(1)),
        );
        let rows = crate::live::prometheus::measurements(portfolio, period, now, &source)?;
        Ok(Some(Live {
            url: url.clone(),
            rows,
        }))
    }

    /// Streams every given file through the evaluation, one row at a time: memory follows
    /// what the agreements keep, not the size of the files. A malformed row stops it.
    pub(super) fn stream(&self, e: &mut Evaluation<'_>) -> Result<(), input::InputError> {
        if let Some(p) = &self.outages {
            e.expect(Kind::Outages);
            let name = p.display().to_string();
            input::each_outage(&name, &mut input::open(p)?, &mut |o| e.outage(&name, o))?;
        }
        if let Some(p) = &self.tickets {
            e.expect(Kind::Tickets);
            let name = p.display().to_string();
            input::each_ticket(&name, &mut input::open(p)?, &mut |t| e.ticket(&name, t))?;
        }
        if let Some(p) = &self.measurements {
            e.expect(Kind::Measurements);
            let name = p.display().to_string();
            input::each_measurement(&name, &mut input::open(p)?, &mut |m| {
                e.measurement(&name, m);
            })?;
        }
        if let Some(p) = &self.charges {
            e.expect(Kind::Charges);
            let name = p.display().to_string();
            input::each_charge(&name, &mut input::open(p)?, &mut |c| e.charge(&name, c))?;
        }
        if let Some(p) = &self.requests {
            e.expect(Kind::Requests);
            let name = p.display().to_string();
            input::each_request(&name, &mut input::open(p)?, &mut |r| e.request(&name, r))?;
        }
        Ok(())
    }
}

/// Prints the first errors of the input rows and returns the message of the failure, or
/// `None` when every row was read: a row naming an id the portfolio does not define would
/// silently judge nothing.
pub(super) fn row_errors(e: &Evaluation<'_>) -> Option<String> {
    const SHOWN: usize = 50;
    let errors = e.errors();
    if errors.is_empty() {
        return None;
    }
    for e in errors.iter().take(SHOWN) {
        eprintln!("error: {}", crate::diag::render::visible(&e.to_string()));
    }
    if errors.len() > SHOWN {
        eprintln!("error: … and {} more", errors.len() - SHOWN);
    }
    Some(format!(
        "{} in the input rows; nothing was evaluated",
        crate::diag::render::plural(errors.len(), "error", "errors")
    ))
}

/// Early warning (docs/report.md, "Forecast"), for `slac eval` and `slac report`.
#[derive(clap::Args, Debug, Clone)]
pub(super) struct ForecastArgs {
    /// Forecast when each availability objective's error budget runs out in the period
    /// running now (eval: --period; report: --to).
    #[arg(long)]
    pub(super) forecast: bool,

    /// Exit 3 when a budget is forecast to run out (or has run out) before its period
    /// ends; implies --forecast.
    #[arg(long)]
    pub(super) fail_on_forecast: bool,

    /// The instant of the forecast (RFC 3339); default: the end of --today (midnight UTC
    /// after it), else the system clock.
    #[arg(long, value_name = "TIME")]
    pub(super) now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl ForecastArgs {
    pub(super) fn wanted(&self) -> bool {
        self.forecast || self.fail_on_forecast
    }

    /// The instant of the forecast, in nanoseconds.
    pub(super) fn now(&self, today: Option<chrono::NaiveDate>) -> crate::eval::clock::Nanos {
        let t = match (self.now, today.and_then(|d| d.succ_opt())) {
            (Some(t), _) => t.to_utc(),
            (None, Some(d)) => d.and_time(chrono::NaiveTime::MIN).and_utc(),
            (None, None) => chrono::Utc::now(),
        };
        t.timestamp_nanos_opt().unwrap_or(i64::MAX)
    }

    /// The exit code after a forecast: 3 when asked to fail and some budget runs out.
    pub(super) fn code(&self, list: &[crate::report::forecast::Forecast]) -> i32 {
        if self.fail_on_forecast && list.iter().any(|f| f.before_end) {
            super::common::EXIT_FORECAST
        } else {
            super::common::EXIT_OK
        }
    }
}
