//! `{{#list "name"}}…{{else}}…{{/list}}`: a list of a page made one item at a time.
//!
//! handlebars renders from one JSON value; for the portfolio index of a large portfolio
//! that value is many times the page (every row an object of its own), so the index's
//! long lists are handed to the template item by item instead. Inside the block the item
//! is the context (`{{title}}`), `@index`, `@first` and `@last` are set as in `#each`, and
//! `../` reaches the page's fields; `{{else}}` renders when the list is empty.

use handlebars::{
    BlockContext, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
    RenderErrorReason, Renderable,
};

/// The lists a page can hand out item by item.
pub(in crate::emit) trait Lists {
    /// The names a template may give `list`, for the message when it gives another.
    fn names(&self) -> &'static [&'static str];
    /// How many items list `name` has; `None` if the page has no list of that name.
    fn len(&self, name: &str) -> Option<usize>;
    /// Item `i` of list `name`, as the template sees it.
    fn item(&self, name: &str, i: usize) -> Option<serde_json::Value>;
}

pub(super) struct ListHelper<'a> {
    pub(super) lists: &'a (dyn Lists + Sync),
}

impl HelperDef for ListHelper<'_> {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let known = || self.lists.names().join("`, `");
        let name = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            RenderErrorReason::Other(format!(
                "`list` needs the name of a list in quotes: one of `{}`",
                known()
            ))
        })?;
        let len = self.lists.len(name).ok_or_else(|| {
            RenderErrorReason::Other(format!(
                "`list` has no list `{name}`; the page's lists are `{}`",
                known()
            ))
        })?;
        if len == 0 {
            return match h.inverse() {
                Some(t) => t.render(r, ctx, rc, out),
                None => Ok(()),
            };
        }
        let Some(t) = h.template() else {
            return Ok(());
        };
        for i in 0..len {
            let item = self.lists.item(name, i).ok_or_else(|| {
                RenderErrorReason::Other(format!("`list` lost item {i} of `{name}`"))
            })?;
            let mut block = BlockContext::new();
            block.set_base_value(item);
            block.set_local_var("index", serde_json::Value::from(i));
            block.set_local_var("first", serde_json::Value::from(i == 0));
            block.set_local_var("last", serde_json::Value::from(i + 1 == len));
            rc.push_block(block);
            let rendered = t.render(r, ctx, rc, out);
            rc.pop_block();
            rendered?;
        }
        Ok(())
    }
}
