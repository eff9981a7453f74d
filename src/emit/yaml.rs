//! The YAML of the monitoring backends: they build a [`Yaml`] tree (mappings with keys
//! in order, sequences with comments before items, strings, booleans, decimals) and
//! [`File::render`] writes it, the one emitter, byte for byte the same every time.
//! Text from `.sla` files goes through two functions, one per place text can go, so
//! that no title, note or query can end a line and start a key of its own:
//!
//! * [`scalar`]: a double-quoted scalar in which every code point YAML does not print
//!   as itself is escaped (`\n`, `\r`, `\t`, `\uXXXX`), including the YAML 1.1 line breaks
//!   U+0085, U+2028 and U+2029 that JSON leaves alone. Only `\"`, `\\`, `\n`, `\r`, `\t` and
//!   `\uXXXX` are used, so the result is also a JSON string.
//! * [`comment`]: the text of a `#` comment on one line: line breaks become spaces, every
//!   other control character a visible `\u{…}`.

use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Whether YAML (1.1 or 1.2) reads `c` as a line break.
pub(super) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether `c` must not appear raw in a YAML scalar or comment: a line break, a C0 or
/// C1 control character, DEL, or a code point outside YAML's printable set (a byte order
/// mark inside the text included).
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_line_break(c) || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` as a double-quoted YAML scalar (module docs).
pub(super) fn scalar(s: &str) -> String {
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
pub(super) fn comment(s: &str) -> String {
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

/// A YAML value as the monitoring backends write it. Every string from a `.sla` file is
/// a [`Yaml::Str`], written by [`scalar`]; words fixed in the code (`openslo/v1`,
/// `Service`) may be plain. Mappings keep their keys in the order given.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Yaml {
    /// A double-quoted scalar ([`scalar`]).
    Str(String),
    /// A plain scalar fixed in the code, never text from a file.
    Plain(&'static str),
    Bool(bool),
    /// An exact decimal, written as `Decimal` displays it (`0.999`).
    Decimal(Decimal),
    /// A block sequence (`[]` when empty); each item may carry comment lines before it.
    Seq(Vec<Item>),
    /// A flow sequence on one line: `["monday", "tuesday"]`.
    Flow(Vec<Yaml>),
    /// A block mapping (`{}` when empty), keys in order.
    Map(Vec<(String, Yaml)>),
}

/// An item of a block sequence and the comment lines written before it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Item {
    pub comments: Vec<String>,
    pub value: Yaml,
}

impl Yaml {
    pub(super) fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }

    /// A sequence without comments.
    pub(super) fn seq(items: impl IntoIterator<Item = Yaml>) -> Yaml {
        Yaml::Seq(items.into_iter().map(Item::from).collect())
    }
}

impl From<Yaml> for Item {
    fn from(value: Yaml) -> Item {
        Item {
            comments: Vec::new(),
            value,
        }
    }
}

/// A mapping built key by key, in order.
#[derive(Debug, Default)]
pub(super) struct Map(Vec<(String, Yaml)>);

impl Map {
    pub(super) fn new() -> Map {
        Map(Vec::new())
    }

    #[must_use]
    pub(super) fn with(mut self, key: impl Into<String>, value: Yaml) -> Map {
        self.0.push((key.into(), value));
        self
    }

    pub(super) fn push(&mut self, key: impl Into<String>, value: Yaml) {
        self.0.push((key.into(), value));
    }

    pub(super) fn build(self) -> Yaml {
        Yaml::Map(self.0)
    }
}

/// A whole file: comment lines, then its documents, each after `---` when
/// `explicit_start` (`OpenSLO`), or one document as it is (rules, intervals).
pub(super) struct File {
    pub comments: Vec<String>,
    pub explicit_start: bool,
    pub documents: Vec<Yaml>,
}

impl File {
    /// The text: every comment through [`comment`], every string through [`scalar`],
    /// two spaces per level, a sequence under a key indented by two.
    pub(super) fn render(&self) -> String {
        let mut out = String::new();
        for c in &self.comments {
            comment_line(&mut out, 0, c);
        }
        for d in &self.documents {
            if self.explicit_start {
                out.push_str("---\n");
            }
            match d {
                Yaml::Map(entries) if !entries.is_empty() => map(&mut out, entries, 0, false),
                Yaml::Seq(items) if !items.is_empty() => seq(&mut out, items, 0, false),
                other => {
                    out.push_str(&inline(other));
                    out.push('\n');
                }
            }
        }
        out
    }
}

fn comment_line(out: &mut String, indent: usize, text: &str) {
    pad(out, indent);
    out.push_str("# ");
    out.push_str(&comment(text));
    out.push('\n');
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A key: plain when it is an identifier (every key the backends write) that no reader,
/// YAML 1.1 (Alertmanager's Go library) or 1.2, takes for null or a boolean; else quoted.
fn key(k: &str) -> String {
    const WORDS: [&str; 12] = [
        "null", "true", "false", "y", "n", "yes", "no", "on", "off", "nan", "inf", "_",
    ];
    let plain = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !WORDS.contains(&k.to_ascii_lowercase().as_str());
    if plain {
        k.to_string()
    } else {
        scalar(k)
    }
}

/// A value written on the line it starts: scalars, flow sequences, empty collections.
fn inline(v: &Yaml) -> String {
    match v {
        Yaml::Str(s) => scalar(s),
        Yaml::Plain(s) => {
            debug_assert!(
                s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c)),
                "{s:?} is not a plain word"
            );
            (*s).to_string()
        }
        Yaml::Bool(b) => b.to_string(),
        Yaml::Decimal(d) => d.to_string(),
        Yaml::Flow(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Yaml::Seq(items) => {
            debug_assert!(items.is_empty(), "a block sequence is not inline");
            "[]".to_string()
        }
        Yaml::Map(entries) => {
            debug_assert!(entries.is_empty(), "a block mapping is not inline");
            "{}".to_string()
        }
    }
}

/// The entries of a mapping at `indent`; the first on the current line after `- ` when
/// `inline_first`.
fn map(out: &mut String, entries: &[(String, Yaml)], indent: usize, inline_first: bool) {
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str(&key(k));
        out.push(':');
        match v {
            Yaml::Map(e) if !e.is_empty() => {
                out.push('\n');
                map(out, e, indent + 2, false);
            }
            Yaml::Seq(items) if !items.is_empty() => {
                out.push('\n');
                seq(out, items, indent + 2, false);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// The items of a block sequence at `indent`, each with its comments before it.
fn seq(out: &mut String, items: &[Item], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        let first_here = i == 0 && inline_first;
        for (j, c) in item.comments.iter().enumerate() {
            if first_here && j == 0 {
                // The line already holds a `- `: a comment there would hide the item.
                out.push('\n');
            }
            comment_line(out, indent, c);
        }
        if !first_here || !item.comments.is_empty() {
            pad(out, indent);
        }
        out.push_str("- ");
        match &item.value {
            Yaml::Map(e) if !e.is_empty() => map(out, e, indent + 2, true),
            Yaml::Seq(s) if !s.is_empty() => seq(out, s, indent + 2, true),
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    /// What a YAML reader makes of a tree.
    fn value(v: &Yaml) -> serde_norway::Value {
        use rust_decimal::prelude::ToPrimitive as _;
        use serde_norway::Value as V;
        match v {
            Yaml::Str(s) => V::String(s.clone()),
            Yaml::Plain(s) => V::String((*s).to_string()),
            Yaml::Bool(b) => V::Bool(*b),
            Yaml::Decimal(d) if d.scale() == 0 => {
                V::Number(d.to_i64().expect("a small decimal").into())
            }
            Yaml::Decimal(d) => V::Number(d.to_f64().expect("a small decimal").into()),
            Yaml::Seq(items) => V::Sequence(items.iter().map(|i| value(&i.value)).collect()),
            Yaml::Flow(items) => V::Sequence(items.iter().map(value).collect()),
            Yaml::Map(entries) => V::Mapping(
                entries
                    .iter()
                    .map(|(k, v)| (V::String(k.clone()), value(v)))
                    .collect(),
            ),
        }
    }

    fn parse_all(text: &str) -> Vec<serde_norway::Value> {
        use serde::Deserialize as _;
        serde_norway::Deserializer::from_str(text)
            .map(|d| serde_norway::Value::deserialize(d).expect("valid YAML"))
            .collect()
    }

    fn sample() -> Yaml {
        Map::new()
            .with(
                "groups",
                Yaml::Seq(vec![
                    Item {
                        comments: vec!["a comment\nwith a break: evil: 1".into()],
                        value: Map::new()
                            .with("name", Yaml::str("x\u{2028}y: z"))
                            .with(
                                "rules",
                                Yaml::seq([
                                    Map::new()
                                        .with("record", Yaml::str("a:b"))
                                        .with(
                                            "labels",
                                            Map::new().with("k", Yaml::str("\"v\"")).build(),
                                        )
                                        .build(),
                                    Yaml::str("- not an item"),
                                ]),
                            )
                            .with(
                                "days",
                                Yaml::Flow(vec![Yaml::str("monday"), Yaml::str("a, b]")]),
                            )
                            .with("none", Yaml::seq([]))
                            .with("empty", Map::new().build())
                            .build(),
                    },
                    Item::from(Yaml::seq([Yaml::Bool(true), Yaml::Plain("openslo/v1")])),
                ]),
            )
            .with("target", Yaml::Decimal(Decimal::new(999, 3)))
            .with("odd key: x", Yaml::Bool(false))
            .build()
    }

    #[test]
    fn the_emitter_writes_the_layout_of_the_backends() {
        let file = File {
            comments: vec!["Generated".into()],
            explicit_start: false,
            documents: vec![sample()],
        };
        assert_eq!(
            file.render(),
            "# Generated\n\
             groups:\n  \
               # a comment with a break: evil: 1\n  \
               - name: \"x\\u2028y: z\"\n    \
                 rules:\n      \
                   - record: \"a:b\"\n        \
                     labels:\n          \
                       k: \"\\\"v\\\"\"\n      \
                   - \"- not an item\"\n    \
                 days: [\"monday\", \"a, b]\"]\n    \
                 none: []\n    \
                 empty: {}\n  \
               - - true\n    \
                 - openslo/v1\n\
             target: 0.999\n\
             \"odd key: x\": false\n"
        );
    }

    #[test]
    fn what_the_emitter_writes_reads_back_as_the_tree() {
        let file = File {
            comments: vec!["one".into(), "two\u{85}three".into()],
            explicit_start: true,
            documents: vec![
                sample(),
                Map::new().with("kind", Yaml::Plain("SLO")).build(),
            ],
        };
        let text = file.render();
        assert!(text.starts_with("# one\n# two three\n---\n"), "{text}");
        assert_eq!(
            parse_all(&text),
            [value(&sample()), value(&file.documents[1])]
        );
    }

    fn text() -> impl Strategy<Value = String> {
        // Printable text and every kind of break, quote, escape and indicator.
        proptest::collection::vec(
            prop_oneof![
                any::<char>(),
                proptest::sample::select(vec![
                    '\n', '\r', '\t', '\u{85}', '\u{2028}', '\u{2029}', '"', '\\', ':', '#', '-',
                    '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '\'', '%', '@', '`', ' ',
                    '\u{feff}', '\u{0}', '\u{7f}', '\u{1b}',
                ]),
            ],
            0..12,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn tree() -> impl Strategy<Value = Yaml> {
        let leaf = prop_oneof![
            text().prop_map(Yaml::Str),
            any::<bool>().prop_map(Yaml::Bool),
            (0i64..1_000_000, 0u32..6).prop_map(|(n, s)| Yaml::Decimal(Decimal::new(n, s))),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(
                    (proptest::collection::vec(text(), 0..2), inner.clone()),
                    0..4
                )
                .prop_map(|items| Yaml::Seq(
                    items
                        .into_iter()
                        .map(|(comments, value)| Item { comments, value })
                        .collect()
                )),
                proptest::collection::vec(text().prop_map(Yaml::Str), 0..4).prop_map(Yaml::Flow),
                proptest::collection::vec(("[a-z_][a-z0-9_]{0,6}", inner), 0..4).prop_map(
                    |entries| {
                        // Keys of one mapping are distinct.
                        let mut seen = std::collections::BTreeSet::new();
                        Yaml::Map(
                            entries
                                .into_iter()
                                .filter(|(k, _)| seen.insert(k.clone()))
                                .collect(),
                        )
                    }
                ),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_tree_reads_back_as_itself(
            doc in tree(),
            comments in proptest::collection::vec(text(), 0..3),
        ) {
            let file = File { comments, explicit_start: true, documents: vec![doc.clone()] };
            let text = file.render();
            prop_assert_eq!(parse_all(&text), vec![value(&doc)], "{}", text);
        }
    }
}
