//! The VS Code extension's `TextMate` grammar (editors/vscode/syntaxes/sla.tmLanguage.json)
//! against the language: every regex compiles under the syntax `TextMate`'s Oniguruma and
//! the `regex` family share (no look-around, no backreferences), every keyword of
//! grammar/sla.pest is highlighted, and every example file tokenizes with its item names,
//! comments, keywords and strings where slac's own parser finds them. The tokenizer is a
//! small line-based `TextMate` matcher: the earliest match wins, the first rule on a tie.

use regex_lite::Regex;
use serde_json::Value;
use std::path::{Path, PathBuf};

const GRAMMAR: &str = "editors/vscode/syntaxes/sla.tmLanguage.json";

enum Kind {
    Match {
        re: Regex,
        /// Scopes of capture groups.
        captures: Vec<(usize, String)>,
    },
    Block {
        begin: Regex,
        end: Regex,
        inner: Vec<Rule>,
    },
}

struct Rule {
    scope: Option<String>,
    kind: Kind,
}

/// A token: byte range in the file and its scope.
#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    scope: String,
}

fn grammar() -> Value {
    let text = std::fs::read_to_string(GRAMMAR).expect("the grammar file");
    serde_json::from_str(&text).expect("the grammar is JSON")
}

fn regex(v: &Value, key: &str) -> Option<Regex> {
    let src = v[key].as_str()?;
    Some(Regex::new(src).unwrap_or_else(|e| panic!("{key} `{src}` does not compile: {e}")))
}

fn rule(g: &Value, v: &Value) -> Rule {
    if let Some(include) = v["include"].as_str() {
        let name = include.strip_prefix('#').expect("a repository include");
        return rule(g, &g["repository"][name]);
    }
    let scope = v["name"].as_str().map(str::to_string);
    let kind = if let Some(re) = regex(v, "match") {
        let mut captures: Vec<(usize, String)> = v["captures"]
            .as_object()
            .map(|c| {
                c.iter()
                    .map(|(k, s)| {
                        (
                            k.parse().expect("group"),
                            s["name"].as_str().expect("scope").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        captures.sort();
        Kind::Match { re, captures }
    } else {
        Kind::Block {
            begin: regex(v, "begin").expect("begin"),
            end: regex(v, "end").expect("end"),
            inner: rules(g, &v["patterns"]),
        }
    };
    Rule { scope, kind }
}

fn rules(g: &Value, list: &Value) -> Vec<Rule> {
    list.as_array()
        .map(|l| l.iter().map(|v| rule(g, v)).collect())
        .unwrap_or_default()
}

/// The earliest match of a rule list at or after `pos`: (rule, start, end).
fn earliest<'r>(rules: &'r [Rule], line: &str, pos: usize) -> Option<(&'r Rule, usize, usize)> {
    let mut best: Option<(&Rule, usize, usize)> = None;
    for r in rules {
        let re = match &r.kind {
            Kind::Match { re, .. } => re,
            Kind::Block { begin, .. } => begin,
        };
        if let Some(m) = re.find_at(line, pos) {
            if best.is_none_or(|(_, s, _)| m.start() < s) {
                best = Some((r, m.start(), m.end()));
            }
        }
    }
    best
}

fn tokenize(rules: &[Rule], text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut open: Option<&Rule> = None;
    let mut line_start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let base = line_start;
        line_start += raw.len();
        let mut pos = 0;
        let mut push = |s: usize, e: usize, scope: &Option<String>| {
            if let Some(scope) = scope {
                out.push(Token {
                    start: base + s,
                    end: base + e,
                    scope: scope.clone(),
                });
            }
        };
        while pos <= line.len() {
            if let Some(block) = open {
                let Kind::Block { end, inner, .. } = &block.kind else {
                    unreachable!()
                };
                let close = end.find_at(line, pos);
                let nested = earliest(inner, line, pos);
                match (close, nested) {
                    (c, Some((r, s, e))) if c.is_none_or(|c| s < c.start()) => {
                        push(s, e, &r.scope);
                        pos = e.max(s + 1);
                    }
                    (Some(c), _) => {
                        push(pos, c.end(), &block.scope);
                        pos = c.end();
                        open = None;
                    }
                    (None, _) => {
                        push(pos, line.len(), &block.scope);
                        break;
                    }
                }
                continue;
            }
            let Some((r, s, e)) = earliest(rules, line, pos) else {
                break;
            };
            match &r.kind {
                Kind::Match { re, captures } => {
                    push(s, e, &r.scope);
                    if let Some(c) = re.captures_at(line, s) {
                        for (group, scope) in captures {
                            if let Some(m) = c.get(*group) {
                                push(m.start(), m.end(), &Some(scope.clone()));
                            }
                        }
                    }
                }
                Kind::Block { .. } => {
                    push(s, e, &r.scope);
                    open = Some(r);
                }
            }
            // A rule that matched nothing must not stop the line.
            pos = if e > s {
                e
            } else {
                line[s..]
                    .chars()
                    .next()
                    .map_or(line.len() + 1, |c| s + c.len_utf8())
            };
        }
    }
    out
}

fn scope_at(tokens: &[Token], start: usize, end: usize) -> Vec<&str> {
    tokens
        .iter()
        .filter(|t| t.start <= start && end <= t.end)
        .map(|t| t.scope.as_str())
        .collect()
}

fn top(g: &Value) -> Vec<Rule> {
    rules(g, &g["patterns"])
}

fn highlighted(scope: &str) -> bool {
    ["keyword.", "storage.type.", "constant.language."]
        .iter()
        .any(|p| scope.starts_with(p))
}

#[test]
fn every_regex_compiles() {
    fn walk(v: &Value, n: &mut usize) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    if matches!(k.as_str(), "match" | "begin" | "end") {
                        let src = x.as_str().expect("a regex string");
                        Regex::new(src).unwrap_or_else(|e| panic!("`{src}`: {e}"));
                        *n += 1;
                    }
                    walk(x, n);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, n)),
            _ => {}
        }
    }
    let g = grammar();
    let mut n = 0;
    walk(&g, &mut n);
    assert!(n > 10, "only {n} regexes");
    assert_eq!(g["scopeName"], "source.sla");
    // Every include names a rule of the repository.
    assert_eq!(
        top(&g).len(),
        g["patterns"].as_array().expect("patterns").len()
    );
}

#[test]
fn every_keyword_of_the_grammar_is_highlighted() {
    let g = grammar();
    let rules = top(&g);
    let keywords = slac::syntax::keywords();
    assert!(keywords.len() > 100, "{keywords:?}");
    for k in keywords {
        let line = format!("  {k} x");
        let tokens = tokenize(&rules, &line);
        let scopes = scope_at(&tokens, 2, 2 + k.len());
        assert!(
            scopes.iter().any(|s| highlighted(s)),
            "`{k}` is not highlighted: {tokens:?}"
        );
    }
    // An identifier that merely contains a keyword is not one.
    let tokens = tokenize(&rules, "  services checkout_support");
    assert!(scope_at(&tokens, 19, 26).is_empty(), "{tokens:?}");
}

fn sla_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sla_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "sla") {
            out.push(p);
        }
    }
}

#[test]
fn every_example_tokenizes_as_the_parser_reads_it() {
    use slac::syntax::ast::{AgreementStmt, Item};
    let g = grammar();
    let rules = top(&g);
    let mut files = Vec::new();
    sla_files(Path::new("examples"), &mut files);
    assert!(files.len() > 10, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let tokens = tokenize(&rules, &text);
        let shown = path.display();
        assert!(
            tokens.iter().any(|t| highlighted(&t.scope)),
            "{shown}: no keyword"
        );
        assert!(
            tokens.iter().any(|t| t.scope.starts_with("string.")),
            "{shown}: no string"
        );
        let tree = slac::syntax::parse_file(slac::source::FileId(0), &text, &mut Vec::new())
            .unwrap_or_else(|| panic!("{shown} parses"));
        // Every definition's name is an entity name.
        let mut names = Vec::new();
        for item in &tree.items {
            names.push(item.name().clone());
            let bodies: Vec<&[slac::syntax::ast::Stmt<AgreementStmt>]> = match item {
                Item::Agreement(a) => vec![&a.body.stmts],
                Item::Catalogue(c) => {
                    names.extend(c.packages.iter().map(|p| p.name.clone()));
                    c.packages.iter().map(|p| &p.body.stmts[..]).collect()
                }
                _ => Vec::new(),
            };
            for stmts in bodies {
                for s in stmts {
                    if let AgreementStmt::Region(r) = &s.kind {
                        names.push(r.name.clone());
                    }
                }
            }
        }
        for n in &names {
            let (s, e) = (n.span.start as usize, n.span.end as usize);
            assert!(
                scope_at(&tokens, s, e)
                    .iter()
                    .any(|x| x.starts_with("entity.name.")),
                "{shown}: `{}` is not an entity name",
                n.value
            );
        }
        // Every comment is a comment, every keyword of a comment line inside it.
        for c in &tree.comments {
            let (s, e) = (c.span.start as usize, c.span.end as usize);
            assert!(
                scope_at(&tokens, s, e)
                    .iter()
                    .any(|x| x.starts_with("comment.")),
                "{shown}: the comment at {s} is not one"
            );
        }
        // No token outside a string or comment starts inside a string or comment.
        let shelters: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.scope.starts_with("string.") || t.scope.starts_with("comment."))
            .collect();
        for t in &tokens {
            if highlighted(&t.scope) {
                assert!(
                    !shelters
                        .iter()
                        .any(|s| s.start < t.start && t.start < s.end),
                    "{shown}: `{}` at {} is highlighted inside a string or comment",
                    &text[t.start..t.end],
                    t.start
                );
            }
        }
    }
}
