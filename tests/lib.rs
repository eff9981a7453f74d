//! The one integration-test binary (`autotests = false`): one module per feature.

mod build;
mod calendars;
mod check_clock;
mod cli;
mod closed_pipes;
mod common;
mod diff;
mod documents;
mod due;
mod e04_periodic;
mod eval;
mod eval_rows;
mod examples;
mod explain;
mod fmt;
mod formats;
mod hostile_reads;
mod injection;
mod monitoring;
mod output_safety;
mod paths;
mod prefixes;
mod robustness;
mod synth;
mod time;
mod ui;
