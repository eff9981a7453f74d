//! `slac fmt`: one canonical layout for `.sla` files.
//!
//! The layout is driven by the syntax tree (which statements exist, where their blocks
//! are) and the source text (every token is printed exactly as written; only the
//! whitespace between tokens changes). Rules, in docs/cli.md:
//!
//! * two spaces per level of nesting, one statement per line, every `{ … }` block
//!   expanded (`{}` when empty); items (`provider`, `sla`, …) separated by one blank
//!   line;
//! * inside a block, one blank line where the source had one or more; none after `{`
//!   or before `}`;
//! * tokens of a statement are separated by one space, except no space before `,` and
//!   `)`, around `(` and around the `-` of a time interval;
//! * own-line comments stay on their own line before what followed them, at that
//!   statement's indentation; a comment at the end of a line stays at the end of the
//!   same (printed) line; a comment inside a statement ends its line and the statement
//!   goes on, indented one more level;
//! * nothing is reordered, so formatting never changes meaning.

mod endings;
mod layout;
mod tree;

use crate::diag::Diagnostic;
use crate::source::FileId;
use crate::syntax::ast;

pub use layout::format_tree;

/// Formats one file's text, keeping its line endings (`\r\n` stays `\r\n`). Files with a
/// syntax error are not formatted: their diagnostics are returned instead.
pub fn format_text(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    match crate::syntax::parse_file(file, text, &mut diags) {
        Some(tree) => Ok(endings::apply(
            format_tree(text, &tree),
            endings::first(text),
        )),
        None => Err(diags),
    }
}

/// Comment texts of a file in order (for tests and `--check` diagnostics).
pub fn comment_texts(tree: &ast::File) -> Vec<&str> {
    tree.comments.iter().map(|c| c.text.trim_end()).collect()
}
