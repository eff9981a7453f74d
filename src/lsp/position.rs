//! Positions as the Language Server Protocol counts them: lines (ended by LF, CR LF or a
//! lone CR, the rule of `source::line_ends`) and UTF-16 code units within a line, turned
//! to and from the byte offsets of spans; and `file:` URIs to and from paths.

use crate::source::{LineIndex, Span};
use lsp_types::{Position, Range, Uri};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A text with its line starts, to convert positions both ways.
pub(crate) struct Text<'a> {
    text: &'a str,
    lines: LineIndex,
}

impl<'a> Text<'a> {
    pub(crate) fn new(text: &'a str) -> Text<'a> {
        Text {
            text,
            lines: LineIndex::new(text),
        }
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line(offset);
        let start = self.lines.start(line, self.text);
        let column = self.text[start..offset].encode_utf16().count();
        Position::new(to_u32(line), to_u32(column))
    }

    pub(crate) fn range(&self, span: Span) -> Range {
        Range::new(
            self.position(span.start as usize),
            self.position(span.end as usize),
        )
    }

    /// The byte offset of a position. A column past the end of its line is the line's
    /// end, a line past the last is the end of the text (clients may send either).
    pub(crate) fn offset(&self, at: Position) -> usize {
        let line = at.line as usize;
        let start = self.lines.start(line, self.text);
        let end = self.lines.start(line + 1, self.text);
        let mut units = 0usize;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= at.character as usize || crate::source::is_line_end(c) {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The whole text as a range (what a formatting edit replaces).
    pub(crate) fn whole(&self) -> Range {
        Range::new(Position::new(0, 0), self.position(self.text.len()))
    }

    pub(crate) fn as_str(&self) -> &'a str {
        self.text
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The path of a `file:` URI (percent-decoded); `None` for another scheme or a host.
pub(crate) fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b'?' | b'#', _, _) => break,
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(out).ok()?;
    Some(PathBuf::from(text))
}

/// The `file:` URI of an absolute path, every byte but unreserved ones and `/`
/// percent-encoded.
pub(crate) fn path_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        // `é` is 2 bytes and 1 unit, `𝄞` 4 bytes and 2 units.
        let t = Text::new("a\r\né𝄞x\rz");
        let x = t.as_str().find('x').expect("x");
        assert_eq!(t.position(x), Position::new(1, 3));
        assert_eq!(t.offset(Position::new(1, 3)), x);
        assert_eq!(t.offset(Position::new(0, 9)), 1, "past the end of line 0");
        assert_eq!(t.offset(Position::new(2, 0)), t.as_str().len() - 1);
        assert_eq!(t.offset(Position::new(7, 0)), t.as_str().len());
        // Inside a character: clamped to its start.
        assert_eq!(t.position(x - 1), Position::new(1, 1));
    }

    #[test]
    fn uris_and_paths_round_trip() {
        let p = Path::new("/tmp/a b/ü.sla");
        let uri = path_uri(p).expect("uri");
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%BC.sla");
        assert_eq!(uri_path(&uri).as_deref(), Some(p));
        let other: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(uri_path(&other), None);
    }
}
