//! slac: the SLA-as-code compiler.
//!
//! The pipeline (docs/architecture.md): load → parse (E01) → resolve (E02) → check
//! (E03, E04, W05) → emit. Every phase is a pure function from its input to its output
//! plus diagnostics; only [`load`] reads files.

// Internals are `pub(crate)`, so the compiler finds what nothing uses; `pub` is the API
// the tests, benches and fuzzers use.
#![warn(unreachable_pub)]

// pest is built without `std` (its stack probe costs a fifth of parse time, and our own
// nesting limit already bounds its recursion); its generated code names `alloc`.
extern crate alloc;

pub mod allow;
pub(crate) mod check;
pub(crate) mod cli;
pub mod compile;
pub mod diag;
pub(crate) mod diff;
pub mod emit;
pub mod eval;
pub mod fmt;
pub(crate) mod import;
pub mod live;
pub mod load;
pub(crate) mod lsp;
pub mod model;
pub mod output;
pub mod project;
pub mod report;
pub mod source;
pub(crate) mod suggest;
pub mod syntax;
pub mod synth;
pub mod time;
pub(crate) mod written;

pub use cli::run;
