//! What a backend is: the trait every backend implements, what it may read besides the
//! portfolio, and how it fails.

use crate::model::Portfolio;
use crate::output::Artifact;
use chrono::NaiveDate;
use std::fmt;
use std::path::PathBuf;

/// What every backend may read besides the portfolio. Not the source texts: no document
/// quotes them, and `slac build` lets them go before rendering.
pub struct Context {
    pub today: NaiveDate,
    /// `--templates DIR`: overrides for the embedded templates.
    pub templates: Option<PathBuf>,
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
    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError>;

    /// Hands each artifact to `put` as soon as it is made, so that a build holds a few
    /// documents in memory rather than all of them; by default, what [`Backend::emit`]
    /// returns.
    fn emit_each(
        &self,
        portfolio: &Portfolio,
        ctx: &Context,
        put: Put<'_>,
    ) -> Result<(), EmitError> {
        for a in self.emit(portfolio, ctx)? {
            put.put(a)?;
        }
        Ok(())
    }
}

/// Where a backend hands its artifacts, one at a time (`slac build`'s writer).
pub type Put<'a> = &'a mut dyn Sink;

/// What takes the artifacts: a whole file at a time ([`Sink::put`]), or a file written as
/// it is made ([`Sink::put_with`]), for a page larger than the input it comes from (the
/// portfolio index), which then never exists in memory as a whole.
pub trait Sink {
    fn put(&mut self, artifact: Artifact) -> Result<(), EmitError>;

    /// The file at `path` as `write` writes it; by default gathered, then [`Sink::put`].
    fn put_with(
        &mut self,
        path: PathBuf,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), EmitError>,
    ) -> Result<(), EmitError> {
        let mut contents = Vec::new();
        write(&mut contents)?;
        self.put(Artifact { path, contents })
    }
}

/// A closure takes whole artifacts.
impl<F: FnMut(Artifact) -> Result<(), EmitError>> Sink for F {
    fn put(&mut self, artifact: Artifact) -> Result<(), EmitError> {
        self(artifact)
    }
}

/// What a backend that streams (`emit_each`) hands over, gathered in order: its
/// [`Backend::emit`].
pub(super) fn collect(
    emit_each: impl FnOnce(Put<'_>) -> Result<(), EmitError>,
) -> Result<Vec<Artifact>, EmitError> {
    let mut out = Vec::new();
    emit_each(&mut |a| {
        out.push(a);
        Ok(())
    })?;
    Ok(out)
}
