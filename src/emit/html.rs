//! `html/`: one self-contained contract per agreement and regional variant, and the
//! portfolio index (docs/documents.md).

use super::render::{Renderer, Template};
use super::view::{each_document, index::index};
use super::{Backend, Context, EmitError, Put};
use crate::model::Portfolio;
use crate::output::Artifact;

pub struct Html;

pub const TEMPLATES: [Template; 5] = [
    Template {
        name: "style",
        file: "style.css.hbs",
        text: include_str!("templates/style.css.hbs"),
    },
    Template {
        name: "party_card",
        file: "party_card.html.hbs",
        text: include_str!("templates/party_card.html.hbs"),
    },
    Template {
        name: "signature",
        file: "signature.html.hbs",
        text: include_str!("templates/signature.html.hbs"),
    },
    Template {
        name: "contract",
        file: "contract.html.hbs",
        text: include_str!("templates/contract.html.hbs"),
    },
    Template {
        name: "index",
        file: "index.html.hbs",
        text: include_str!("templates/index.html.hbs"),
    },
];

impl Backend for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context<'_>) -> Result<Vec<Artifact>, EmitError> {
        let mut out = Vec::new();
        self.emit_each(portfolio, ctx, &mut |a| {
            out.push(a);
            Ok(())
        })?;
        Ok(out)
    }

    fn emit_each(
        &self,
        portfolio: &Portfolio,
        ctx: &Context<'_>,
        put: Put<'_>,
    ) -> Result<(), EmitError> {
        let r = Renderer::new("html", &TEMPLATES, handlebars::html_escape, ctx)?;
        put(Artifact::text(
            "html/index.html",
            r.render("index", &index(portfolio, ctx.today))?,
        ))?;
        each_document(
            portfolio,
            ctx.today,
            |doc| {
                Ok(Artifact::text(
                    format!("html/{}.html", doc.stem),
                    r.render("contract", doc)?,
                ))
            },
            put,
        )
    }
}
