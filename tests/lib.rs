//! The one integration-test binary (`autotests = false`): one module per feature.

mod build;
mod check_clock;
mod cli;
mod common;
mod diff;
mod due;
mod explain;
mod fmt;
mod formats;
mod prefixes;
mod synth;
mod time;
mod ui;
