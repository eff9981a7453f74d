//! A file keeps its line endings through `slac fmt`: the layout is computed with `\n`
//! and written back with the ending the file used first (`\r\n` stays `\r\n`, a lone
//! `\r` stays `\r`; `crate::source::line_ends` reads all three as line ends).

/// The first line ending of `text`, `\n` when it has none.
pub(crate) fn first(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// `formatted` (with `\n` line ends) with `ending` instead. A `\r\n` already there (a
/// multi-line string keeps its text as written) stays as it is.
pub(crate) fn apply(formatted: String, ending: &str) -> String {
    if ending == "\n" {
        return formatted;
    }
    let mut out = String::with_capacity(formatted.len() + formatted.len() / 16);
    let mut after_cr = false;
    for c in formatted.chars() {
        if c == '\n' && !after_cr {
            out.push_str(ending);
        } else {
            out.push(c);
        }
        after_cr = c == '\r';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_ending_is_kept() {
        assert_eq!(first("a\r\nb\n"), "\r\n");
        assert_eq!(first("a\rb"), "\r");
        assert_eq!(first("a\nb\r\n"), "\n");
        assert_eq!(first("no ending"), "\n");
        assert_eq!(apply("a\nb\n".into(), "\r\n"), "a\r\nb\r\n");
        assert_eq!(apply("\"x\r\ny\"\n".into(), "\r\n"), "\"x\r\ny\"\r\n");
    }
}
