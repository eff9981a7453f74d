//! Completion: time zones inside `timezone "…"`, the portfolio's names after a word that
//! takes one (`during`, `extends`, `provider`, …), else keywords (the grammar's list,
//! `syntax::keywords`) and names; only those starting with what is typed.

use super::index::Def;
use lsp_types::{CompletionItem, CompletionItemKind};

/// Words after which a name, not a keyword, is written.
const TAKES_NAME: &[&str] = &[
    "during",
    "extends",
    "provider",
    "customer",
    "services",
    "owner",
    "depends_on",
    "package",
    "by",
    "subscribes",
    "service",
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
    let previous = head
        .trim_end_matches([' ', '\t', ','])
        .rsplit([' ', '\t', '(', ','])
        .next()
        .unwrap_or("");
    let mut out = Vec::new();
    // `service` opens an item too: at the start of a line it is a keyword.
    let names_only = TAKES_NAME.contains(&previous) && !head.trim().is_empty();
    if !names_only {
        out.extend(
            crate::syntax::keywords()
                .iter()
                .filter(|k| k.starts_with(typed))
                .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword")),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for d in defs {
        if d.global && d.name.starts_with(typed) && seen.insert(d.name.as_str()) {
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
    }
}
