//! GitHub Actions workflow commands: one `::error …::message` line per diagnostic, which
//! the runner turns into an annotation on the file and lines of its primary label.

use super::place::Place;
use crate::diag::Diagnostic;
use crate::source::SourceMap;

/// One workflow command per diagnostic, each on its own line, e.g.
/// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=E0401::message`.
/// The help follows the message on its next line (`%0A`).
pub fn github(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    let (printed, rest) = super::cap::capped(diags);
    for d in printed {
        let mut props: Vec<(&str, String)> = Vec::new();
        if let Some(label) = d.labels.first() {
            let p = Place::of(label, sources);
            props.extend([
                ("file", p.file.to_string()),
                ("line", p.line.to_string()),
                ("col", p.column.to_string()),
                ("endLine", p.end_line.to_string()),
                ("endColumn", p.end_column.to_string()),
            ]);
        }
        props.push(("title", d.code.as_str().to_string()));
        let props: Vec<String> = props
            .iter()
            .map(|(k, v)| format!("{k}={}", escape_property(v)))
            .collect();
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        out.push_str("::");
        out.push_str(d.severity.as_str());
        out.push(' ');
        out.push_str(&props.join(","));
        out.push_str("::");
        out.push_str(&escape_data(&message));
        out.push('\n');
    }
    if let Some(note) = super::cap::not_shown(&rest) {
        out.push_str("::notice::");
        out.push_str(&escape_data(&note));
        out.push('\n');
    }
    out
}

/// The message part of a workflow command: `%`, CR and LF are encoded; any other control
/// character is shown as `\u{1b}` (the runner prints messages to a log viewer).
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if super::terminal::is_hidden(c) => {
                out.push_str(&super::terminal::visible(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
    out
}

/// A property value: as the message, and also `:` and `,`, which separate properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("100%\r\na:b,c"), "100%25%0D%0Aa:b,c");
        assert_eq!(escape_property("100%\r\na:b,c"), "100%25%0D%0Aa%3Ab%2Cc");
        assert_eq!(escape_data("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
    }
}
