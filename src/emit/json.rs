//! `json/portfolio.json`: the resolved portfolio, inheritance applied (docs/portfolio-json.md).

use super::{Backend, Context, EmitError};
use crate::model::Portfolio;
use crate::output::Artifact;

pub struct Json;

impl Backend for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn emit(&self, portfolio: &Portfolio, _ctx: &Context<'_>) -> Result<Vec<Artifact>, EmitError> {
        let mut text = serde_json::to_string_pretty(portfolio).map_err(|e| EmitError {
            backend: "json",
            message: e.to_string(),
        })?;
        text.push('\n');
        Ok(vec![Artifact::text("json/portfolio.json", text)])
    }
}
