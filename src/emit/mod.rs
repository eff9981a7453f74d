//! Backends: each turns the checked portfolio into artifacts. They are siblings behind one
//! trait and a thin dispatcher; adding one touches neither the resolver nor the checks.

mod alertmanager;
mod html;
mod json;
pub mod markdown;
mod openslo;
mod prometheus;
mod render;
pub mod slo;
pub mod view;
mod yaml;

use crate::model::Portfolio;
use crate::output::Artifact;
use crate::source::SourceMap;
use chrono::NaiveDate;
use std::fmt;
use std::path::PathBuf;

/// What every backend may read besides the portfolio.
pub struct Context<'a> {
    pub today: NaiveDate,
    /// `--templates DIR`: overrides for the embedded templates.
    pub templates: Option<PathBuf>,
    pub sources: &'a SourceMap,
}

#[derive(Debug)]
pub struct EmitError {
    pub backend: &'static str,
    pub message: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.backend, self.message)
    }
}

impl std::error::Error for EmitError {}

pub trait Backend {
    /// The name used by `--emit` and as the output subdirectory.
    fn name(&self) -> &'static str;
    fn emit(&self, portfolio: &Portfolio, ctx: &Context<'_>) -> Result<Vec<Artifact>, EmitError>;

    /// Hands each artifact to `put` as soon as it is made, so that a build holds a few
    /// documents in memory rather than all of them; by default, what [`Backend::emit`]
    /// returns.
    fn emit_each(
        &self,
        portfolio: &Portfolio,
        ctx: &Context<'_>,
        put: Put<'_>,
    ) -> Result<(), EmitError> {
        for a in self.emit(portfolio, ctx)? {
            put(a)?;
        }
        Ok(())
    }
}

/// Where a backend hands its artifacts, one at a time (`slac build`'s writer).
pub type Put<'a> = &'a mut dyn FnMut(Artifact) -> Result<(), EmitError>;

/// Every backend, in the order `--emit` lists them by default.
pub fn backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(html::Html),
        Box::new(markdown::Markdown),
        Box::new(prometheus::Prometheus),
        Box::new(alertmanager::Alertmanager),
        Box::new(openslo::OpenSlo),
        Box::new(json::Json),
    ]
}

pub fn names() -> Vec<&'static str> {
    backends().iter().map(|b| b.name()).collect()
}

/// Runs the chosen backends (all when `only` is empty), handing each artifact to `put` as
/// it is made. The bytes of every artifact are those of [`emit`]; the order is the
/// backends' own.
pub fn emit_each(
    portfolio: &Portfolio,
    ctx: &Context<'_>,
    only: &[String],
    put: Put<'_>,
) -> Result<(), EmitError> {
    for b in backends() {
        if only.is_empty() || only.iter().any(|n| n == b.name()) {
            b.emit_each(portfolio, ctx, put)?;
        }
    }
    Ok(())
}

/// Runs the chosen backends (all when `only` is empty), artifacts sorted by path.
pub fn emit(
    portfolio: &Portfolio,
    ctx: &Context<'_>,
    only: &[String],
) -> Result<Vec<Artifact>, EmitError> {
    let mut out = Vec::new();
    for b in backends() {
        if only.is_empty() || only.iter().any(|n| n == b.name()) {
            out.extend(b.emit(portfolio, ctx)?);
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
