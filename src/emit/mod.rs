//! Backends: each turns the checked portfolio into artifacts. They are siblings behind one
//! trait and a thin dispatcher; adding one touches neither the resolver nor the checks.

mod alertmanager;
mod backend;
mod embedded;
mod gate;
pub mod grafana;
mod html;
mod json;
pub mod markdown;
pub(crate) mod names;
mod openslo;
mod prometheus;
mod register;
mod render;
pub mod slo;
pub mod view;
mod yaml;

use crate::model::Portfolio;
use crate::output::Artifact;
pub use backend::{Backend, Context, EmitError, Put, Sink};

/// Every backend, in the order `--emit` lists them by default.
pub fn backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(html::Html),
        Box::new(markdown::Markdown),
        Box::new(prometheus::Prometheus),
        Box::new(prometheus::PrometheusOperator),
        Box::new(alertmanager::Alertmanager),
        Box::new(openslo::OpenSlo),
        Box::new(grafana::Grafana),
        Box::new(json::Json),
        Box::new(register::Register),
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
    ctx: &Context,
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
    ctx: &Context,
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
