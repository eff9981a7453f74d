//! `html/`: one self-contained contract per agreement and regional variant, and the
//! portfolio index (docs/documents.md).

use super::backend::{collect, Backend, Context, EmitError, Put};
use super::embedded::HTML as TEMPLATES;
use super::render::{Lists, Renderer};
use super::view::index::{Page, LISTS};
use super::view::{catalogue, each_document, folders};
use crate::model::Portfolio;
use crate::output::Artifact;

pub(super) struct Html;

impl Backend for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        collect(|put| self.emit_each(portfolio, ctx, put))
    }

    fn emit_each(
        &self,
        portfolio: &Portfolio,
        ctx: &Context,
        put: Put<'_>,
    ) -> Result<(), EmitError> {
        let r = Renderer::new("html", &TEMPLATES, handlebars::html_escape, ctx)?;
        let catalogue = catalogue::page(portfolio, ctx.today);
        for folder in folders(portfolio) {
            let page = Page::new(portfolio, ctx.today, &folder);
            let path = format!("{}/html/index.html", folder.dir);
            if r.reads_lists() {
                // Written as it is rendered: at 10,000 services the page is larger than
                // the portfolio's sources (docs/performance.md).
                put.put_with(path.into(), &mut |out| {
                    r.render_lists_to("index", &page.head(), &page, out)
                })?;
            } else {
                put.put(Artifact::text(path, r.render("index", &page.into_index())?))?;
            }
            if let Some(c) = &catalogue {
                put.put(Artifact::text(
                    format!("{}/html/catalogue.html", folder.dir),
                    r.render("catalogue", c)?,
                ))?;
            }
        }
        each_document(
            portfolio,
            ctx.today,
            |dir, doc| {
                Ok(Artifact::text(
                    format!("{dir}/html/{}.html", doc.stem),
                    r.render("contract", doc)?,
                ))
            },
            put,
        )
    }
}

/// The index's lists, item by item, for templates that read them with `{{#list}}`.
impl Lists for Page<'_> {
    fn names(&self) -> &'static [&'static str] {
        &LISTS
    }

    fn len(&self, name: &str) -> Option<usize> {
        Page::len(self, name)
    }

    fn item(&self, name: &str, i: usize) -> Option<serde_json::Value> {
        serde_json::to_value(Page::item(self, name, i)?).ok()
    }
}
