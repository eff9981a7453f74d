//! One cause, reported once with its consequences listed (E0402, E0403). A supporter's
//! target that is too slow, or a calendar that leaves hours uncovered, fails every
//! agreement and region that inherits the same target: the same places, reported once
//! for all of them. And a supporter too slow on several deadlines of one agreement is
//! one report that lists them, not one per deadline.

use crate::diag::{Code, Diagnostic};
use crate::written::join_and;
use std::collections::HashMap;

/// A diagnostic of the deadline checks with what it is about, so that reports of one
/// cause can be merged.
pub(super) struct Finding {
    pub diag: Diagnostic,
    /// The agreement (and region) that is not backed, as the message names it.
    pub who: String,
    /// E0402: the supporter as named, the deadline (`p1 response`) and the example of a
    /// ticket due later under the supporter.
    pub deadline: Option<Deadline>,
}

pub(super) struct Deadline {
    pub supporter: String,
    pub what: String,
    pub example: String,
}

/// The places (file, start, end) of a finding's labels, its code and its words but for
/// who: what makes two findings one cause.
type Cause = (Code, Vec<(u32, u32, u32)>, String);

/// A supporter, the agreements it does not back, and its findings with their `who`.
type Slowness = (String, String, Vec<(Finding, String)>);

/// The findings with each cause reported once.
pub(super) fn merged(found: Vec<Finding>) -> Vec<Diagnostic> {
    // The same places and the same words but for who: one cause.
    let mut groups: Vec<(Finding, Vec<String>)> = Vec::new();
    let mut seen: HashMap<Cause, usize> = HashMap::new();
    for f in found {
        let spans = f
            .diag
            .labels
            .iter()
            .map(|l| (l.span.file.0, l.span.start, l.span.end))
            .collect();
        let key = (f.diag.code, spans, f.diag.message.replacen(&f.who, "", 1));
        if let Some(&i) = seen.get(&key) {
            groups[i].1.push(f.who);
        } else {
            seen.insert(key, groups.len());
            let who = f.who.clone();
            groups.push((f, vec![who]));
        }
    }
    // Then one report per supporter too slow for the same agreements.
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut slow: Vec<Slowness> = Vec::new();
    for (f, whos) in groups {
        let who = join_and(&whos);
        match &f.deadline {
            Some(d) => {
                let key = (d.supporter.clone(), who.clone());
                match slow.iter_mut().find(|(s, w, _)| (s, w) == (&key.0, &key.1)) {
                    Some(g) => g.2.push((f, who)),
                    None => slow.push((key.0, key.1, vec![(f, who)])),
                }
            }
            None => out.push(renamed(f, &who)),
        }
    }
    for (supporter, who, mut list) in slow {
        if list.len() == 1 {
            let (f, who) = list.pop().expect("one");
            out.push(renamed(f, &who));
            continue;
        }
        out.push(several(&supporter, &who, &list));
    }
    out
}

/// A finding whose message names every agreement and region it is about.
fn renamed(f: Finding, who: &str) -> Diagnostic {
    let mut d = f.diag;
    if who != f.who {
        d.message = d.message.replacen(&f.who, who, 1);
    }
    d
}

/// One report for a supporter too slow on several deadlines: each deadline is labelled
/// with its own example.
fn several(supporter: &str, who: &str, list: &[(Finding, String)]) -> Diagnostic {
    let whats: Vec<String> = list
        .iter()
        .filter_map(|(f, _)| f.deadline.as_ref().map(|d| d.what.clone()))
        .collect();
    let first = &list[0].0.diag;
    let mut d = Diagnostic::new(
        Code::E0402,
        first.labels[0].span,
        format!(
            "{supporter} does not back {} deadlines of {who}: {}",
            whats.len(),
            join_and(&whats)
        ),
    );
    d.labels.clear();
    for (f, _) in list {
        let Some(dl) = &f.deadline else { continue };
        let mut labels = f.diag.labels.iter();
        if let Some(ours) = labels.next() {
            let text = ours.message.clone().unwrap_or_default();
            d.labels.push(crate::diag::Label {
                span: ours.span,
                message: Some(format!("{} {text}: {}", dl.what, dl.example)),
            });
        }
        d.labels.extend(labels.cloned());
    }
    d.help(format!(
        "shorten these targets of {supporter} or move them to a calendar that is open when tickets arrive; or lengthen these"
    ))
}
