//! The change report as text for people, JSON for tools, Markdown for pull requests.

use super::report::{Change, Effect, Entry, Report};
use crate::diag::render::visible;
use crate::emit::markdown::text as md_text;
use crate::written::plural;
use std::fmt::Write as _;

/// Entries grouped by subject (kind, name, region), in report order.
fn groups(report: &Report) -> Vec<(String, &[Entry])> {
    let mut out: Vec<(String, &[Entry])> = Vec::new();
    let mut start = 0;
    let entries = &report.changes;
    for i in 1..=entries.len() {
        let same = i < entries.len() && {
            let (a, b) = (&entries[i - 1], &entries[i]);
            a.subject == b.subject && a.name == b.name && a.region == b.region
        };
        if !same && start < entries.len() {
            let e = &entries[start];
            let mut title = format!("{} {}", e.subject, e.name);
            if let Some(r) = &e.region {
                let _ = write!(title, " region {r}");
            }
            if e.customer_facing {
                title.push_str(" (customer-facing)");
            }
            out.push((title, &entries[start..i]));
            start = i;
        }
    }
    out
}

fn summary_line(report: &Report) -> String {
    let s = report.summary;
    let total = s.tightened + s.loosened + s.changed;
    if total == 0 {
        return "no semantic changes".into();
    }
    let mut line = format!(
        "{}: {} tightened, {} loosened, {} changed; {}",
        plural(total, "change", "changes"),
        s.tightened,
        s.loosened,
        s.changed,
        plural(s.weakenings, "weakening", "weakenings")
    );
    if s.errors > 0 {
        let _ = write!(line, "; {}", plural(s.errors, "error", "errors"));
    }
    line
}

fn old_new(e: &Entry) -> String {
    match (&e.old, &e.new, e.change) {
        (Some(o), Some(n), _) => format!("{o} → {n}"),
        (None, Some(n), _) => format!("added {n}"),
        (Some(o), None, _) => format!("removed {o}"),
        (None, None, c) => c.word().to_string(),
    }
}

/// For a terminal: text from the files shows its control characters as `\u{1b}`.
pub(crate) fn human(report: &Report) -> String {
    let mut out = String::new();
    for (title, entries) in groups(report) {
        let _ = writeln!(out, "{}", visible(&title));
        for e in entries {
            let _ = write!(
                out,
                "  {:<9}  {}: {}",
                e.effect.word(),
                visible(&e.what),
                visible(&old_new(e))
            );
            if e.weakening {
                out.push_str("  [weakening]");
            }
            out.push('\n');
        }
    }
    for v in &report.errors {
        let _ = writeln!(
            out,
            "error[{}]: {}\n  help: {}",
            v.code,
            visible(&v.message),
            visible(&v.help)
        );
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

pub(crate) fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// A value as a code span; text from the files can neither end the row nor become markup.
fn cell(s: Option<&str>) -> String {
    match s {
        None | Some("") => "–".into(),
        Some(s) => crate::emit::markdown::code(s),
    }
}

pub(crate) fn markdown(report: &Report) -> String {
    let mut out = String::from("## SLA changes (slac diff)\n\n");
    let s = report.summary;
    if s.weakenings > 0 {
        let others = s.weakenings - s.sla_weakenings;
        let _ = writeln!(
            out,
            "> [!WARNING]\n> **{} weakening{}**: {} of an SLA, {} of an OLA or UC.\n",
            s.weakenings,
            if s.weakenings == 1 { "" } else { "s" },
            s.sla_weakenings,
            others
        );
    }
    for v in &report.errors {
        let _ = writeln!(
            out,
            "> [!CAUTION]\n> **{}**: {}\n>\n> {}\n",
            v.code,
            md_text(&v.message),
            md_text(&v.help)
        );
    }
    let _ = writeln!(out, "{}.\n", summary_line(report));
    for (title, entries) in groups(report) {
        let _ = writeln!(out, "### {}\n", md_text(&title));
        out.push_str("| what | change | old | new | effect |\n| --- | --- | --- | --- | --- |\n");
        for e in entries {
            let effect = match (e.effect, e.weakening) {
                (x, true) => format!("⚠️ **{} (weakening)**", x.word()),
                (Effect::Tightened, _) => "tightened".into(),
                (Effect::Loosened, _) => "loosened".into(),
                (Effect::Changed, _) => "changed".into(),
            };
            let change = match e.change {
                Change::Added => "added",
                Change::Removed => "removed",
                Change::Modified => "modified",
            };
            let _ = writeln!(
                out,
                "| {} | {change} | {} | {} | {effect} |",
                md_text(&e.what),
                cell(e.old.as_deref()),
                cell(e.new.as_deref())
            );
        }
        out.push('\n');
    }
    out
}
