//! The front end: text to typed syntax trees, with every E01 diagnostic.

pub mod ast;
mod bidi;
mod keywords;
mod parser;
mod structure;
pub(crate) use structure::mixed_currencies;
pub mod values;

use crate::diag::Diagnostic;
use crate::source::SourceMap;

pub use keywords::keywords;
pub use parser::{parse_file, MAX_NESTING};
pub use values::INVALID_TIME;

/// Parses every file and runs the value and structure checks (phase E01). Files with a
/// syntax error yield no tree; the others are returned in file order.
pub fn parse_all(sources: &SourceMap, diags: &mut Vec<Diagnostic>) -> Vec<ast::File> {
    let mut files = Vec::with_capacity(sources.len());
    parse_each(sources, diags, |tree| files.push(tree));
    files
}

/// [`parse_all`], handing each tree to `each` in file order instead of keeping them all.
pub fn parse_each(
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
    mut each: impl FnMut(ast::File),
) {
    for (id, file) in sources.files() {
        if let Some(tree) = parse_file(id, &file.text, diags) {
            structure::check_file(&tree, diags);
            bidi::check_text(&tree, &file.text, diags);
            each(tree);
        }
    }
}
