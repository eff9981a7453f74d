//! The one integration-test binary (`autotests = false`): one module per feature.

mod build;
mod check_clock;
mod cli;
mod common;
mod due;
mod eval;
mod explain;
mod formats;
mod prefixes;
mod synth;
mod time;
mod ui;
