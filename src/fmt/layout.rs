//! The printer: walks the statement tree and the comments in source order.

use super::tree::{self, Node};
use crate::source::is_line_end;
use crate::syntax::ast::{Comment, File};

/// Formats a parsed file; `src` is the text it was parsed from.
pub fn format_tree(src: &str, file: &File) -> String {
    let nodes = tree::items(file);
    let mut p = Printer {
        src,
        comments: &file.comments,
        next: 0,
        lines: Vec::new(),
        cursor: 0,
        last: Last::Nothing,
        pending: None,
    };
    p.sequence(&nodes, 0, src.len(), true);
    let mut out = p.lines.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    /// A `{` that opened a block.
    Open,
    Code,
    Comment,
}

struct Printer<'a> {
    src: &'a str,
    comments: &'a [Comment],
    /// The first comment not printed yet.
    next: usize,
    lines: Vec<String>,
    /// The source offset up to which everything has been printed.
    cursor: usize,
    last: Last,
    /// A comment ended the line inside a statement: the statement goes on at this indent.
    pending: Option<usize>,
}

fn indent(level: usize) -> String {
    "  ".repeat(level)
}

impl Printer<'_> {
    fn sequence(&mut self, nodes: &[Node], level: usize, end: usize, top: bool) {
        for node in nodes {
            let start = node.span.start as usize;
            self.comments_before(start, level, top);
            if self.blank_before(start, top) {
                self.lines.push(String::new());
            }
            self.node(node, level);
        }
        self.comments_before(end, level, top);
    }

    /// Whether a blank line goes before what starts at `next` in the source.
    fn blank_before(&self, next: usize, top: bool) -> bool {
        match self.last {
            Last::Nothing | Last::Open => false,
            Last::Code if top => true,
            Last::Code | Last::Comment => {
                let gap = self.src.get(self.cursor..next).unwrap_or("");
                crate::source::line_ends(gap).count() >= 2
            }
        }
    }

    /// Whether a comment shares its line with code before it.
    fn trailing(&self, c: &Comment) -> bool {
        let before = self.src.get(..c.span.start as usize).unwrap_or("");
        let rest = before.trim_end_matches([' ', '\t', '\u{FEFF}']);
        !rest.is_empty() && !rest.ends_with(is_line_end)
    }

    fn comments_before(&mut self, limit: usize, level: usize, top: bool) {
        while let Some(c) = self.comments.get(self.next) {
            if c.span.start as usize >= limit {
                break;
            }
            self.next += 1;
            let text = format!("#{}", c.text.trim_end());
            if self.trailing(c) && !self.lines.is_empty() {
                if let Some(line) = self.lines.last_mut() {
                    line.push(' ');
                    line.push_str(&text);
                }
            } else {
                if self.blank_before(c.span.start as usize, top) {
                    self.lines.push(String::new());
                }
                self.lines.push(indent(level) + &text);
                self.last = Last::Comment;
            }
            self.cursor = c.span.end as usize;
        }
    }

    /// Appends code to the current line, or starts a continuation line after a comment.
    fn put(&mut self, text: &str, space: bool) {
        if let Some(level) = self.pending.take() {
            self.lines.push(indent(level) + text);
        } else if let Some(line) = self.lines.last_mut() {
            if space {
                line.push(' ');
            }
            line.push_str(text);
        } else {
            self.lines.push(text.to_string());
        }
    }

    fn node(&mut self, node: &Node, level: usize) {
        let start = node.span.start as usize;
        let header_end = match &node.block {
            Some((b, _)) => b.start as usize,
            // pest may include whitespace and comments after an optional last part.
            None => code_end(self.src, start, node.span.end as usize),
        };
        self.lines.push(indent(level));
        self.tokens(start, header_end, level, true);
        self.last = Last::Code;
        self.cursor = header_end;
        let Some((block, children)) = &node.block else {
            return;
        };
        let (open, close) = (block.start as usize, (block.end as usize).saturating_sub(1));
        let has_comments = self
            .comments
            .get(self.next)
            .is_some_and(|c| (c.span.start as usize) < close);
        if children.is_empty() && !has_comments {
            self.put("{}", true);
        } else if node.compact && !has_comments {
            self.put("{", true);
            for child in children {
                let end = code_end(self.src, child.span.start as usize, child.span.end as usize);
                self.tokens(child.span.start as usize, end, level, false);
            }
            self.put("}", true);
        } else {
            self.put("{", true);
            self.last = Last::Open;
            self.cursor = open + 1;
            self.sequence(children, level + 1, close, false);
            self.lines.push(indent(level) + "}");
        }
        self.last = Last::Code;
        self.cursor = block.end as usize;
    }

    /// Prints the tokens of `src[start..end]` on the current line (`first`: it is empty).
    fn tokens(&mut self, start: usize, end: usize, level: usize, mut first: bool) {
        let mut glue_next = false;
        let mut after_of = false;
        let text = self.src.get(start..end).unwrap_or("");
        for (token, _) in (Tokens {
            rest: text,
            offset: 0,
        }) {
            match token {
                Token::Comment(c) => {
                    self.put(&format!("#{}", c.trim_end()), !first);
                    self.pending = Some(level + 1);
                    // The comment was printed by the tokenizer; skip it in the list.
                    while self
                        .comments
                        .get(self.next)
                        .is_some_and(|c| (c.span.start as usize) < end)
                    {
                        self.next += 1;
                    }
                    glue_next = true;
                }
                Token::Code(t) => {
                    // `any_of(a, b)` is glued; `2 of (a, b, c)` keeps its space (§4.1).
                    let glue_before =
                        matches!(t, "," | ")") || (t == "(" && !after_of) || t.starts_with('-');
                    self.put(t, !first && !glue_next && !glue_before);
                    glue_next = t == "(" || t.ends_with('-');
                    after_of = t == "of";
                }
            }
            first = false;
        }
        // Comments inside the header were printed; drop them from the list.
        while self
            .comments
            .get(self.next)
            .is_some_and(|c| (c.span.start as usize) < end)
        {
            self.next += 1;
        }
    }
}

enum Token<'a> {
    /// The text after `#`.
    Comment(&'a str),
    Code(&'a str),
}

struct Tokens<'a> {
    rest: &'a str,
    /// How far into the text `rest` starts.
    offset: usize,
}

/// The end of the last code token of `src[start..end]`: trailing whitespace and comments
/// left out.
fn code_end(src: &str, start: usize, end: usize) -> usize {
    let text = src.get(start..end).unwrap_or("");
    (Tokens {
        rest: text,
        offset: 0,
    })
    .filter(|(t, _)| matches!(t, Token::Code(_)))
    .last()
    .map_or(start, |(_, e)| start + e)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{FEFF}')
}

/// The length of the string literal at the start of `s` (which starts with `"`).
fn string_len(s: &str) -> usize {
    let triple = s.starts_with("\"\"\"");
    let mut i = if triple { 3 } else { 1 };
    let bytes = s.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' if !triple => return i + 1,
            b'"' if s[i..].starts_with("\"\"\"") => return i + 3,
            b'\n' | b'\r' if !triple => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

impl<'a> Iterator for Tokens<'a> {
    /// The token and the offset of its end.
    type Item = (Token<'a>, usize);

    fn next(&mut self) -> Option<(Token<'a>, usize)> {
        let s = self.rest.trim_start_matches(is_space);
        self.offset += self.rest.len() - s.len();
        if s.is_empty() {
            self.rest = s;
            return None;
        }
        let (token, len) = if let Some(c) = s.strip_prefix('#') {
            let end = c.find(is_line_end).unwrap_or(c.len());
            (Token::Comment(&c[..end]), end + 1)
        } else if s.starts_with('"') {
            let len = string_len(s).min(s.len());
            (Token::Code(&s[..len]), len)
        } else if s.starts_with(['{', '}', '(', ')', ',']) {
            (Token::Code(&s[..1]), 1)
        } else {
            let len = s
                .find(|c: char| is_space(c) || "{}(),\"#".contains(c))
                .unwrap_or(s.len());
            (Token::Code(&s[..len]), len)
        };
        let len = len.min(s.len());
        self.rest = s.get(len..).unwrap_or("");
        self.offset += len;
        let end = match token {
            // A comment's token ends before its line end.
            Token::Comment(c) => self.offset - len + 1 + c.len(),
            Token::Code(c) => self.offset - len + c.len(),
        };
        Some((token, end))
    }
}
