//! The one integration-test binary (`autotests = false`): one module per feature.

mod cli;
mod common;
mod explain;
mod formats;
mod prefixes;
mod synth;
mod time;
mod ui;
