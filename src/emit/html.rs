//! `html/`: one self-contained contract per agreement and regional variant, and the
//! portfolio index (docs/documents.md).

use super::render::{Renderer, Template};
use super::view::{document, index::index};
use super::{Backend, Context, EmitError};
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
        let r = Renderer::new("html", &TEMPLATES, handlebars::html_escape, ctx)?;
        let mut out = vec![Artifact::text(
            "html/index.html",
            r.render("index", &index(portfolio, ctx.today))?,
        )];
        // Built once: looking up who covers a service is per portfolio, not per document.
        let covered_by = crate::check::supporters::coverage_index(portfolio);
        for (x, a) in portfolio.agreements.iter().enumerate() {
            for (v, _) in a.variants() {
                let doc = document(portfolio, &covered_by, x, v, ctx.today);
                let text = r.render("contract", &doc)?;
                out.push(Artifact::text(format!("html/{}.html", doc.stem), text));
            }
        }
        Ok(out)
    }
}
