//! The contract as one content model: numbered sections made of typed blocks
//! (paragraph, list, key-value terms, table, sub-heading, parties, signatures) whose text
//! is already formatted. The HTML and the Markdown template only walk these blocks, so
//! both say the same contract sentence for sentence (`tests/documents.rs` compares them).

use serde::Serialize;

/// A run of inline text: plain, strong, code, or a link to another document.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub code: bool,
    /// The HTML document this links to (`globex_checkout.html`).
    pub href: Option<String>,
    /// The same document in `markdown/` (`globex_checkout.md`).
    pub md_href: Option<String>,
}

/// Plain text.
pub fn t(s: impl Into<String>) -> Span {
    Span {
        text: s.into(),
        ..Span::default()
    }
}

/// Strong text.
pub fn b(s: impl Into<String>) -> Span {
    Span {
        text: s.into(),
        strong: true,
        ..Span::default()
    }
}

/// An identifier, shown as code.
pub fn c(s: impl Into<String>) -> Span {
    Span {
        text: s.into(),
        code: true,
        ..Span::default()
    }
}

/// A link to the document with file stem `stem`.
pub fn link(s: impl Into<String>, stem: &str) -> Span {
    Span {
        text: s.into(),
        href: Some(format!("{stem}.html")),
        md_href: Some(format!("{stem}.md")),
        ..Span::default()
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct Item {
    pub spans: Vec<Span>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Pair {
    pub term: String,
    pub spans: Vec<Span>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Cell {
    pub spans: Vec<Span>,
    /// A number: right-aligned.
    pub num: bool,
}

#[derive(Serialize, Clone, Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Shown greyed (a closed day).
    pub muted: bool,
}

/// One block. Exactly one of the kind flags is true; the fields of the other kinds are
/// empty (every field is always present, so strict-mode templates can test any flag).
#[derive(Serialize, Clone, Debug, Default)]
pub struct Block {
    /// `paragraph`, `list`, `terms`, `table`, `heading`, `parties` or `signatures`.
    pub kind: &'static str,
    pub paragraph: bool,
    pub list: bool,
    pub terms: bool,
    pub table: bool,
    pub heading: bool,
    pub parties: bool,
    pub signatures: bool,
    /// A paragraph of lesser weight (a note under a table).
    pub muted: bool,
    /// A CSS class for the HTML (`week`, `closures`, `allowances`), else empty.
    pub class: &'static str,
    /// Paragraph and heading text.
    pub spans: Vec<Span>,
    /// List items.
    pub items: Vec<Item>,
    /// Key-value terms.
    pub pairs: Vec<Pair>,
    /// Table head and rows.
    pub head: Vec<Cell>,
    pub rows: Vec<Row>,
    /// The parties of a `parties` or `signatures` block.
    pub people: Vec<PartyView>,
}

impl Block {
    pub fn paragraph(spans: Vec<Span>) -> Block {
        Block {
            kind: "paragraph",
            paragraph: true,
            spans,
            ..Block::default()
        }
    }

    pub fn text(s: impl Into<String>) -> Block {
        Block::paragraph(vec![t(s)])
    }

    pub fn note(s: impl Into<String>) -> Block {
        Block {
            muted: true,
            ..Block::text(s)
        }
    }

    pub fn heading(spans: Vec<Span>) -> Block {
        Block {
            kind: "heading",
            heading: true,
            spans,
            ..Block::default()
        }
    }

    pub fn list(items: Vec<Vec<Span>>) -> Block {
        Block {
            kind: "list",
            list: true,
            items: items.into_iter().map(|spans| Item { spans }).collect(),
            ..Block::default()
        }
    }

    pub fn terms(pairs: Vec<(&str, Vec<Span>)>) -> Block {
        Block {
            kind: "terms",
            terms: true,
            pairs: pairs
                .into_iter()
                .map(|(term, spans)| Pair {
                    term: term.to_string(),
                    spans,
                })
                .collect(),
            ..Block::default()
        }
    }

    /// A table; `num[i]` right-aligns column `i`.
    pub fn table(
        class: &'static str,
        head: &[&str],
        num: &[bool],
        rows: Vec<(Vec<Vec<Span>>, bool)>,
    ) -> Block {
        let is_num = |i: usize| num.get(i).copied().unwrap_or(false);
        Block {
            kind: "table",
            table: true,
            class,
            head: head
                .iter()
                .enumerate()
                .map(|(i, h)| Cell {
                    spans: vec![t(*h)],
                    num: is_num(i),
                })
                .collect(),
            rows: rows
                .into_iter()
                .map(|(cells, muted)| Row {
                    cells: cells
                        .into_iter()
                        .enumerate()
                        .map(|(i, spans)| Cell {
                            spans,
                            num: is_num(i),
                        })
                        .collect(),
                    muted,
                })
                .collect(),
            ..Block::default()
        }
    }

    pub fn parties(people: Vec<PartyView>) -> Block {
        Block {
            kind: "parties",
            parties: true,
            people,
            ..Block::default()
        }
    }

    pub fn signatures(people: Vec<PartyView>) -> Block {
        Block {
            kind: "signatures",
            signatures: true,
            people,
            ..Block::default()
        }
    }
}

/// A numbered section: `2. Definitions`.
#[derive(Serialize, Clone, Debug)]
pub struct Section {
    /// `2.`: real text, the same in every format.
    pub number: String,
    pub title: String,
    /// An anchor: `definitions`.
    pub id: String,
    /// Short enough to keep on one printed page.
    pub keep: bool,
    pub blocks: Vec<Block>,
}

/// Numbers the sections that have content, in order.
pub fn number(sections: Vec<(&str, bool, Vec<Block>)>) -> Vec<Section> {
    sections
        .into_iter()
        .filter(|(_, _, blocks)| !blocks.is_empty())
        .enumerate()
        .map(|(i, (title, keep, blocks))| Section {
            number: format!("{}.", i + 1),
            title: title.to_string(),
            id: title
                .to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-"),
            keep,
            blocks,
        })
        .collect()
}

#[derive(Serialize, Clone, Debug)]
pub struct PartyView {
    pub name: String,
    pub title: String,
    pub role: &'static str,
    pub contact: Option<String>,
    pub address: Option<String>,
    pub description: Option<String>,
    /// The signature recorded for this party (`signed DATE by PARTY "…"`), shown in the
    /// signature block of a signed text; `None`: blank lines to sign on.
    pub signed: Option<SignedView>,
}

/// Who signed for a party, and when.
#[derive(Serialize, Clone, Debug)]
pub struct SignedView {
    /// Name and role, as written: `Walter Skinner, Chief Information Officer`.
    pub by: String,
    /// `15 December 2025`.
    pub on: String,
}
