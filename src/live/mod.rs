//! Live data for `slac eval` and `slac report` (`--prometheus URL`): the indicators of
//! the objectives read from a Prometheus-compatible HTTP API over the period's open time,
//! turned into the good and total events `--measurements` would give (docs/report.md,
//! "Live data"). `http.rs` is the only code that talks to the network; `prometheus.rs`
//! decides what to ask and checks every answer, against any [`prometheus::Source`].

pub mod http;
pub mod prometheus;
