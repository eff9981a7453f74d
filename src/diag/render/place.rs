//! Where a label points, in lines and columns.

use crate::diag::Label;
use crate::source::SourceMap;

/// Where a label points, as every machine-readable format reports it: the file's display
/// name, 1-based lines and columns (columns count characters), and the end just after the
/// span. A span never ends after a line break: one that takes in the break at its end (a
/// statement to the end of its line) ends before it, on its own line, so code scanning
/// does not underline the next line.
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
        let start = label.span.start as usize;
        let end = trimmed_end(&f.text, start, label.span.end as usize);
        let (line, column) = f.line_col(start);
        let (end_line, end_column) = f.line_col(end);
        Place {
            file: &f.name,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// `end`, moved back over the line breaks (`\n`, `\r\n`, `\r`) that end the span, never
/// before `start`.
fn trimmed_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len());
    let Some(span) = text.get(start..end) else {
        return end;
    };
    start + span.trim_end_matches(['\n', '\r']).len()
}

#[cfg(test)]
mod tests {
    use super::trimmed_end;

    #[test]
    fn a_span_ends_before_its_line_break() {
        let t = "sla a {\r\n}\nx";
        assert_eq!(trimmed_end(t, 0, 9), 7);
        assert_eq!(trimmed_end(t, 9, 11), 10);
        assert_eq!(
            trimmed_end(t, 10, 11),
            10,
            "a span of only a break becomes empty"
        );
        assert_eq!(trimmed_end(t, 11, 12), 12);
        assert_eq!(trimmed_end(t, 0, 3), 3);
        assert_eq!(trimmed_end(t, 0, 99), t.len(), "clamped to the text");
    }
}
