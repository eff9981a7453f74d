//! `markdown/`: the same contracts as Markdown, for wikis and review in pull requests.

use super::render::{markdown_escape, Renderer, Template};
use super::view::document;
use super::{Backend, Context, EmitError};
use crate::model::Portfolio;
use crate::output::Artifact;

pub struct Markdown;

pub const TEMPLATES: [Template; 1] = [Template {
    name: "contract",
    file: "contract.md.hbs",
    text: include_str!("templates/contract.md.hbs"),
}];

impl Backend for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context<'_>) -> Result<Vec<Artifact>, EmitError> {
        let r = Renderer::new("markdown", &TEMPLATES, markdown_escape, ctx)?;
        let mut out = Vec::new();
        // Built once: looking up who covers a service is per portfolio, not per document.
        let covered_by = crate::check::supporters::coverage_index(portfolio);
        for (x, a) in portfolio.agreements.iter().enumerate() {
            for (v, _) in a.variants() {
                let doc = document(portfolio, &covered_by, x, v, ctx.today);
                let text = r.render("contract", &doc)?;
                out.push(Artifact::text(format!("markdown/{}.md", doc.stem), text));
            }
        }
        Ok(out)
    }
}
