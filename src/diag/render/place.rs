//! Where a label points, in lines and columns.

use crate::diag::Label;
use crate::source::SourceMap;

/// Where a label points, as every machine-readable format reports it: the file's display
/// name, 1-based lines and columns (columns count characters), and the end just after the
/// span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place<'a> {
    pub(super) file: &'a str,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) end_line: usize,
    pub(super) end_column: usize,
}

impl<'a> Place<'a> {
    pub(super) fn of(label: &Label, sources: &'a SourceMap) -> Place<'a> {
        let f = sources.get(label.span.file);
        let (line, column) = f.line_col(label.span.start as usize);
        let (end_line, end_column) = f.line_col(label.span.end as usize);
        Place {
            file: &f.name,
            line,
            column,
            end_line,
            end_column,
        }
    }
}
