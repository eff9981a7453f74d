//! Completion: time zones inside `timezone "…"`, the portfolio's names after a word that
//! takes one (`during`, `extends`, `provider`, …), else keywords (the grammar's list,
//! `syntax::keywords`) and names; only those starting with what is typed.

use super::index::Def;
use lsp_types::{CompletionItem, CompletionItemKind};

/// Words after which a name, not a keyword, is written, and the kinds of item it names
/// (the resolver's rules; `by` names a signing party or an escalation's OLA or UC).
const TAKES_NAME: &[(&str, &[&str])] = &[
    ("during", &["calendar"]),
    ("extends", &["sla", "ola", "uc"]),
    ("provider", &["provider", "team", "supplier"]),
    ("customer", &["customer", "team", "provider"]),
    ("services", &["service"]),
    ("owner", &["team"]),
    ("depends_on", &["service"]),
    ("package", &["package"]),
    (
        "by",
        &["provider", "customer", "team", "supplier", "ola", "uc"],
    ),
    ("subscribes", &["service"]),
    ("service", &["service"]),
];

/// The completions at the end of `before` (the line up to the cursor).
pub(crate) fn complete(before: &str, defs: &[Def]) -> Vec<CompletionItem> {
    if let Some(typed) = zone_typed(before) {
        return chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| z.name())
            .filter(|z| z.starts_with(typed))
            .map(|z| item(z, CompletionItemKind::VALUE, "time zone"))
            .collect();
    }
    let typed_len = before
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let (head, typed) = before.split_at(before.len() - typed_len);
    // In a list (`services a, b, `) the word before its first name says what it holds;
    // inside parentheses (`any_of(a, `, `2 of (a, `) services are listed.
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut rest = head.trim_end();
    while let Some(r) = rest.strip_suffix(',') {
        rest = r.trim_end().trim_end_matches(is_name).trim_end();
    }
    let previous = if rest.ends_with('(') {
        "services"
    } else {
        rest.rsplit([' ', '\t']).next().unwrap_or("")
    };
    // The first word of a line at column 0 starts an item (`provider acme "Acme"`): what
    // follows is a new name, which nothing can complete.
    if !head.starts_with([' ', '\t']) && !previous.is_empty() && head.trim_end() == previous {
        return Vec::new();
    }
    let mut out = Vec::new();
    let kinds = TAKES_NAME
        .iter()
        .find(|(w, _)| *w == previous)
        .map(|(_, k)| *k);
    if kinds.is_none() {
        out.extend(
            crate::syntax::keywords()
                .iter()
                .filter(|k| k.starts_with(typed))
                .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword")),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for d in defs {
        let fits = kinds.is_none_or(|k| k.contains(&d.kind));
        if d.global && fits && d.name.starts_with(typed) && seen.insert(d.name.as_str()) {
            out.push(item(&d.name, CompletionItemKind::REFERENCE, d.kind));
        }
    }
    out
}

/// What is typed of a zone name: the text after `timezone "` when the string is open.
fn zone_typed(before: &str) -> Option<&str> {
    let (head, typed) = before.rsplit_once('"')?;
    (head.trim_end().ends_with("timezone") && !typed.contains('"')).then_some(typed)
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        ..CompletionItem::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, kind: &'static str) -> Def {
        Def {
            name: name.to_string(),
            kind,
            title: None,
            name_span: crate::source::Span::default(),
            global: true,
        }
    }

    fn labels(before: &str) -> Vec<String> {
        complete(before, &[]).into_iter().map(|i| i.label).collect()
    }

    #[test]
    fn zones_inside_a_timezone_string_keywords_elsewhere() {
        assert!(labels("  timezone \"Europe/Pa").contains(&"Europe/Paris".to_string()));
        assert!(!labels("  timezone \"Europe/Paris\" ").contains(&"Europe/Paris".to_string()));
        assert!(labels("  dur").contains(&"during".to_string()));
        assert!(
            labels("  during ").is_empty(),
            "a calendar name, not a keyword"
        );
        assert!(labels("serv").contains(&"service".to_string()));
        assert!(labels("provider ").is_empty(), "a new item's name");
        let defs = [
            def("office", "calendar"),
            def("ops", "team"),
            def("api", "service"),
        ];
        let names = |before: &str| -> Vec<String> {
            complete(before, &defs)
                .into_iter()
                .map(|i| i.label)
                .collect()
        };
        assert_eq!(names("    during "), ["office"]);
        assert_eq!(names("  owner o"), ["ops"]);
        assert_eq!(names("  depends_on api, "), ["api"]);
        assert!(
            names("  o").contains(&"office".to_string()),
            "anywhere else, every name"
        );
        assert!(names("  o").contains(&"owner".to_string()), "and keywords");
    }
}
