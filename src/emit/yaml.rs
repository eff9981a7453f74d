//! Text from `.sla` files in the hand-written YAML of the monitoring backends. Two
//! functions, one per place text can go, so that no title, note or query can end a line
//! and start a key of its own:
//!
//! * [`scalar`]: a double-quoted scalar in which every code point YAML does not print
//!   as itself is escaped (`\n`, `\r`, `\t`, `\uXXXX`), including the YAML 1.1 line breaks
//!   U+0085, U+2028 and U+2029 that JSON leaves alone. Only `\"`, `\\`, `\n`, `\r`, `\t` and
//!   `\uXXXX` are used, so the result is also a JSON string.
//! * [`comment`]: the text of a `#` comment on one line: line breaks become spaces, every
//!   other control character a visible `\u{…}`.

use std::fmt::Write as _;

/// Whether YAML (1.1 or 1.2) reads `c` as a line break.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether `c` must not appear raw in a YAML scalar or comment: a line break, a C0 or
/// C1 control character, DEL, or a code point outside YAML's printable set (a byte order
/// mark inside the text included).
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_line_break(c) || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` as a double-quoted YAML scalar (module docs).
pub fn scalar(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                // Every such code point is in the Basic Multilingual Plane.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as the text of a one-line `#` comment (module docs).
pub fn comment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_line_break(c) || c == '\t' {
            out.push(' ');
        } else if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_escape_every_line_break_and_control_character() {
        assert_eq!(scalar("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            scalar("1\n2\r3\u{85}4\u{2028}5\u{2029}6\t7\u{1b}8\u{7f}9\u{9b}"),
            r#""1\n2\r3\u00854\u20285\u20296\t7\u001b8\u007f9\u009b""#
        );
        assert_eq!(scalar("été ✓ {{x}}"), "\"été ✓ {{x}}\"");
        // A JSON reader agrees.
        let s = "x\u{2028}y\u{85}\u{0}\"";
        assert_eq!(serde_json::from_str::<String>(&scalar(s)).expect("json"), s);
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(
            comment("a\nb\rc\u{85}d\u{2028}e\u{2029}f\u{1b}]52;c;x\u{7}"),
            "a b c d e f\\u{1b}]52;c;x\\u{7}"
        );
    }
}
