//! `markdown/`: the same contracts as Markdown, for wikis and review in pull requests.
//!
//! Text from `.sla` files is text, never Markdown: every `{{value}}` goes through
//! [`text`], and identifiers shown as code through the `code` helper ([`code`]); `slac
//! diff --format markdown` uses the same two functions.

use super::backend::{collect, Backend, Context, EmitError, Put};
use super::embedded::MARKDOWN as TEMPLATES;
use super::render::Renderer;
use super::view::{catalogue, each_document, folders};
use crate::model::Portfolio;
use crate::output::Artifact;
use std::fmt::Write as _;

pub struct Markdown;

impl Backend for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
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
        let mut r = Renderer::new("markdown", &TEMPLATES, text, ctx)?;
        r.register_helper("code", Box::new(code_helper));
        if let Some(c) = catalogue::page(portfolio, ctx.today) {
            for folder in folders(portfolio) {
                put.put(Artifact::text(
                    format!("{}/markdown/catalogue.md", folder.dir),
                    r.render("catalogue", &c)?,
                ))?;
            }
        }
        each_document(
            portfolio,
            ctx.today,
            |dir, doc| {
                Ok(Artifact::text(
                    format!("{dir}/markdown/{}.md", doc.stem),
                    r.render("contract", doc)?,
                ))
            },
            put,
        )
    }
}

/// Whether `c` ends a line somewhere: `CommonMark` ends lines at `\n` and `\r`, and some
/// renderers and editors also at U+0085, U+2028 and U+2029.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Writes a character that is neither a line break nor a tab: a control character (C0,
/// DEL, C1) as a visible `\u{1b}`, anything else as it is.
fn push_visible(out: &mut String, c: char, escaped_braces: bool) {
    if c.is_control() {
        let (open, close) = if escaped_braces {
            ("\\{", "\\}")
        } else {
            ("{", "}")
        };
        let _ = write!(out, "\\u{open}{:x}{close}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// Inline text from a `.sla` file as Markdown that renders exactly as that text: every
/// ASCII punctuation mark Markdown (`CommonMark`, GFM, wikis) gives a meaning is escaped
/// with a backslash, `<` `>` become `&lt;` `&gt;`, `://` loses its power to start an
/// autolink, and every line break (and tab) becomes a space, so no value can end a table
/// row, start a heading or a list, or become a link, an image or inline HTML. Control
/// characters become a visible `\u{1b}`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '&' | '$' | '=' | '^' => {
                out.push('\\');
                out.push(c);
            }
            ':' if chars.peek() == Some(&'/') => out.push_str("\\:"),
            c if is_line_break(c) || c == '\t' => out.push(' '),
            c => push_visible(&mut out, c, true),
        }
    }
    out
}

/// `s` as a code span: a backtick fence longer than any run of backticks inside, `|`
/// escaped (GFM splits table cells before it reads code spans), line breaks as spaces and
/// control characters as a visible `\u{1b}`. Backslash escapes do not work inside a code
/// span, so this is the only safe way to show text as code.
pub fn code(s: &str) -> String {
    let mut body = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => body.push_str("\\|"),
            c if is_line_break(c) || c == '\t' => body.push(' '),
            c => push_visible(&mut body, c, false),
        }
    }
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') || body.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// `{{code name}}`: [`code`], written as it is (a helper's own output is not escaped).
fn code_helper(
    h: &handlebars::Helper<'_>,
    _: &handlebars::Handlebars<'_>,
    _: &handlebars::Context,
    _: &mut handlebars::RenderContext<'_, '_>,
    out: &mut dyn handlebars::Output,
) -> handlebars::HelperResult {
    let value = h
        .param(0)
        .ok_or_else(|| handlebars::RenderErrorReason::ParamNotFoundForIndex("code", 0))?
        .value();
    let s = match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    out.write(&code(&s))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_renders_literally() {
        assert_eq!(
            text("![x](https://e.example/p.png)"),
            "\\!\\[x\\]\\(https\\://e\\.example/p\\.png\\)"
        );
        assert_eq!(text("a\rb\nc\u{85}d\u{2028}e\u{2029}f\tg"), "a b c d e f g");
        assert_eq!(text("# h | <b> *x*"), "\\# h \\| &lt;b&gt; \\*x\\*");
        assert_eq!(text("\u{1b}]52;c;x\u{7}"), "\\u\\{1b\\}\\]52;c;x\\u\\{7\\}");
        assert_eq!(text("Café 99 %"), "Café 99 %");
        // Every mark a contract's text may carry that Markdown reads as markup.
        assert_eq!(
            text("*a* _b_ `c` [x](y) <d> & e"),
            "\\*a\\* \\_b\\_ \\`c\\` \\[x\\]\\(y\\) &lt;d&gt; \\& e"
        );
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("a_b"), "`a_b`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b\rc"), "`a\\|b c`");
    }
}
