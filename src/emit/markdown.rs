//! `markdown/`: the same contracts as Markdown, for wikis and review in pull requests.

use super::render::{markdown_escape, Renderer, Template};
use super::view::each_document;
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
        each_document(portfolio, ctx.today, |doc| {
            Ok(Artifact::text(
                format!("markdown/{}.md", doc.stem),
                r.render("contract", doc)?,
            ))
        })
    }
}
