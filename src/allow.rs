//! Allowed warnings (docs/cli.md, "Allowing warnings"): `# slac: allow CODE` on an item,
//! `allow` in slac.toml and `--allow CODE`. One rule for all three: an allow silences the
//! warnings of its code whose primary span lies in its scope (the item, or everywhere),
//! and an allow that silenced nothing is itself a warning (W0120), so stale ones do not
//! pile up. Errors are never allowed: a portfolio with an error is not one to build on.

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::Span;
use crate::syntax::ast;

/// Where an allow was written: what W0120 points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A `# slac: allow` comment (its span).
    Comment(Span),
    /// An entry of `allow` in slac.toml (its span in that file).
    ProjectFile(Span),
    /// `--allow CODE`: the command line has no span.
    CommandLine,
}

/// One allowed warning code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allow {
    pub code: Code,
    /// The item it applies to, or `None` for the whole portfolio.
    pub within: Option<Span>,
    pub origin: Origin,
}

/// The prefix that makes a comment an allow; anything else after `#` is a comment.
const PREFIX: &str = "slac:";

/// The `# slac: allow CODE…` comments of `file` (whose text is `text`), each bound to the
/// item it stands on or just above. A comment slac cannot use (a code that is unknown or
/// an error's, or no item below it) is W0121 and allows nothing.
pub(crate) fn from_comments(
    file: &ast::File,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Allow> {
    let mut out = Vec::new();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(crate::source::line_ends(text))
        .collect();
    let line_of = |offset: u32| starts.partition_point(|&s| s <= offset as usize);
    for comment in &file.comments {
        let Some(rest) = comment.text.trim_start().strip_prefix(PREFIX) else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix("allow") else {
            diags.push(unusable(
                comment.span,
                "`# slac:` comment that is not `# slac: allow CODE`".into(),
                "write `# slac: allow W0502` (a warning's code); a comment that does not start with `slac:` is free text",
            ));
            continue;
        };
        let line = line_of(comment.span.start);
        let item = file.items.iter().map(ast::Item::span).find(|s| {
            let first = line_of(s.start);
            first == line || first == line + 1
        });
        let Some(item) = item else {
            diags.push(unusable(
                comment.span,
                "`# slac: allow` that stands before no item".into(),
                "put it on the line just above an item (`sla`, `ola`, `service`, …) or on the item's first line; it applies to that item only",
            ));
            continue;
        };
        let words: Vec<&str> = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            diags.push(unusable(
                comment.span,
                "`# slac: allow` without a code".into(),
                "name the warning to allow, e.g. `# slac: allow W0502`",
            ));
        }
        for word in words {
            match warning_code(word) {
                Ok(code) => out.push(Allow {
                    code,
                    within: Some(item),
                    origin: Origin::Comment(comment.span),
                }),
                Err(why) => diags.push(unusable(
                    comment.span,
                    why,
                    "only warnings (W…) can be allowed; fix an error instead; `slac explain --list` lists the codes",
                )),
            }
        }
    }
    out
}

fn unusable(span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::W0121, span, message)
        .primary("allows nothing")
        .help(help)
}

/// `word` as a warning's code, or why it is not one (for a message).
pub fn warning_code(word: &str) -> Result<Code, String> {
    let shown = crate::diag::render::visible(word);
    match Code::parse(word) {
        Some(code) if code.severity() == Severity::Warning => Ok(code),
        Some(code) => Err(format!(
            "`{code}` is an error, and errors cannot be allowed"
        )),
        None => Err(match crate::diag::explain::closest_code(word) {
            Some(near) => format!("`{shown}` is not a diagnostic code (did you mean `{near}`?)"),
            None => format!("`{shown}` is not a diagnostic code"),
        }),
    }
}

/// Removes the warnings that `allows` silence. When `complete` (every phase ran, so every
/// warning that could be reported was), each allow that silenced nothing becomes W0120;
/// before that, an unused allow may only mean its phase did not run.
pub fn apply(diags: &mut Vec<Diagnostic>, allows: &[Allow], complete: bool) {
    if allows.is_empty() {
        return;
    }
    let mut used = vec![false; allows.len()];
    diags.retain(|d| {
        if d.severity != Severity::Warning {
            return true;
        }
        let span = d.primary_span();
        let mut hit = false;
        for (a, used) in allows.iter().zip(used.iter_mut()) {
            let in_scope = a.within.is_none_or(|item| {
                span.is_some_and(|s| {
                    s.file == item.file && s.start >= item.start && s.end <= item.end
                })
            });
            if a.code == d.code && in_scope {
                // Every allow that covers it counts as used, not only the first.
                *used = true;
                hit = true;
            }
        }
        !hit
    });
    if !complete {
        return;
    }
    for (a, used) in allows.iter().zip(used) {
        if !used {
            diags.push(unused(a));
        }
    }
    crate::diag::sort(diags);
}

fn unused(a: &Allow) -> Diagnostic {
    let (span, place, help) = match a.origin {
        Origin::Comment(span) => (
            Some(span),
            "this item",
            "remove the comment, or the code from it: nothing here reports it any more",
        ),
        Origin::ProjectFile(span) => (
            Some(span),
            "the portfolio",
            "remove the code from `allow` in slac.toml: nothing reports it any more",
        ),
        Origin::CommandLine => (
            None,
            "the portfolio",
            "drop `--allow` for this code: nothing reports it any more",
        ),
    };
    let message = format!(
        "`{}` is allowed but {place} has no {} warning",
        a.code, a.code
    );
    let mut d = match span {
        Some(span) => Diagnostic::new(Code::W0120, span, message).primary("allows nothing"),
        None => Diagnostic {
            code: Code::W0120,
            severity: Code::W0120.severity(),
            message: format!("{message} (--allow {})", a.code),
            labels: Vec::new(),
            help: None,
        },
    };
    d = d.help(help);
    d
}
