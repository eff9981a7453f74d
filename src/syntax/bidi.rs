//! W0111: bidirectional controls in strings and comments ("trojan source",
//! CVE-2021-42574). An override or isolate makes editors and code review show the text
//! around it in another order than slac reads it, so a comment can seem to end where it
//! does not, or a string seem to hold what it does not. The grammar allows these
//! characters only in strings and comments, so a file that parsed has them nowhere else.

use super::ast::File;
use crate::diag::{Code, Diagnostic};
use crate::source::Span;

/// The controls rustc's `text_direction_codepoint_in_literal` lint also denies: the
/// embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069.
pub(super) fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// One W0111 for each bidirectional control in `text`, the source of `file`.
pub(super) fn check_text(file: &File, text: &str, diags: &mut Vec<Diagnostic>) {
    // Every control named above is encoded as E2 80 xx or E2 81 xx: most files hold no
    // E2 byte at all, and a byte search skips them without decoding a character.
    if !text.as_bytes().contains(&0xE2) {
        return;
    }
    for (i, c) in text.char_indices() {
        let Some(name) = name(c) else { continue };
        let span = Span::new(file.id, i, i + c.len_utf8());
        let in_comment = file
            .comments
            .iter()
            .any(|k| k.span.start <= span.start && span.end <= k.span.end);
        let place = if in_comment { "comment" } else { "string" };
        let code = u32::from(c);
        diags.push(
            Diagnostic::new(
                Code::W0111,
                span,
                format!("invisible bidirectional control U+{code:04X} ({name}) in a {place}"),
            )
            .primary(format!(
                "`\\u{{{code:x}}}` here: editors may show the text around it reordered"
            ))
            .help(if in_comment {
                "remove it: what a reviewer sees is not what slac reads".to_string()
            } else {
                format!(
                    "remove it, or write it as the escape `\\u{{{code:x}}}` if the text needs it"
                )
            }),
        );
    }
}
