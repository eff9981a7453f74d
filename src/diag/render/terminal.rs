//! Text from `.sla` files on a terminal: a control character is shown, never obeyed. A
//! raw ESC in a comment could otherwise move the cursor, recolour the screen or, with OSC
//! 52, write the reader's clipboard when a snippet is printed; a lone CR could draw a line
//! over another; bidirectional controls could reorder what the reader sees.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a terminal would act on `c` (or hide it) instead of printing it: C0 controls
/// other than tab and line feed, DEL, C1 controls (U+0080–U+009F, U+0085 included), the
/// line and paragraph separators, the bidirectional embedding, override and isolate
/// controls, and the invisible format characters (zero-width spaces and joiners, the
/// direction marks, word joiners, the byte order mark) that would hide text in plain
/// sight.
pub(super) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `s` with every hidden character written as a visible `\u{1b}`; `s` itself, borrowed,
/// when it has none.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file's text as a snippet shows it, with the byte offsets of the original mapped into
/// it. A lone CR, which the lexer takes for a line end, becomes a line feed (the same
/// length); a CR before a line feed stays; every other hidden character becomes its
/// visible escape, which moves the offsets after it.
pub(super) struct Shown<'a> {
    pub text: Cow<'a, str>,
    /// For each escaped character: its offset in the original and the bytes added up to
    /// and including it.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Shown<'a> {
    pub(super) fn new(text: &'a str) -> Shown<'a> {
        if !text.chars().any(is_hidden) {
            return Shown {
                text: Cow::Borrowed(text),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut shifts = Vec::new();
        let mut added = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\r' {
                let crlf = chars.peek().is_some_and(|&(_, n)| n == '\n');
                out.push(if crlf { '\r' } else { '\n' });
            } else if is_hidden(c) {
                let before = out.len();
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                added += out.len() - before - c.len_utf8();
                shifts.push((i, added));
            } else {
                out.push(c);
            }
        }
        Shown {
            text: Cow::Owned(out),
            shifts,
        }
    }

    /// Where an offset of the original is in the shown text: a span that covers an
    /// escaped character covers its whole escape.
    pub(super) fn map(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(o, _)| o < offset);
        match i {
            0 => offset,
            _ => offset + self.shifts[i - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_visible() {
        assert_eq!(
            visible("a\u{1b}]52;c;eA==\u{7}b\tc\nd\u{85}\u{2028}\u{202e}"),
            "a\\u{1b}]52;c;eA==\\u{7}b\tc\nd\\u{85}\\u{2028}\\u{202e}"
        );
        assert!(matches!(visible("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn offsets_follow_the_escapes() {
        let text = "a\u{1b}b\rc\r\nd\u{9b}e";
        let shown = Shown::new(text);
        assert_eq!(shown.text, "a\\u{1b}b\nc\r\nd\\u{9b}e");
        let b = text.find('b').expect("b");
        assert_eq!(&shown.text[shown.map(b)..shown.map(b + 1)], "b");
        let esc = text.find('\u{1b}').expect("esc");
        assert_eq!(&shown.text[shown.map(esc)..shown.map(esc + 1)], "\\u{1b}");
        let e = text.find('e').expect("e");
        assert_eq!(&shown.text[shown.map(e)..], "e");
        assert_eq!(shown.map(0), 0);
    }
}
