//! How many diagnostics are printed, and the note on those that are not.

use crate::diag::Diagnostic;
use crate::written::plural;

/// Diagnostics printed per code and in all: a file of ten thousand unused teams needs
/// the first few to be understood, and a CI log of ten thousand snippets helps no one.
pub const PER_CODE: usize = 50;
pub const IN_ALL: usize = 200;

/// The diagnostics to print, in order, and how many of each code are left out.
pub(super) fn capped(diags: &[Diagnostic]) -> (Vec<&Diagnostic>, Vec<(&'static str, usize)>) {
    let mut per_code: std::collections::BTreeMap<&'static str, (usize, usize)> =
        std::collections::BTreeMap::new();
    let mut printed = Vec::new();
    for d in diags {
        let e = per_code.entry(d.code.as_str()).or_default();
        if e.0 < PER_CODE && printed.len() < IN_ALL {
            e.0 += 1;
            printed.push(d);
        } else {
            e.1 += 1;
        }
    }
    let rest = per_code
        .into_iter()
        .filter(|(_, (_, left))| *left > 0)
        .map(|(code, (_, left))| (code, left))
        .collect();
    (printed, rest)
}

/// "1,200 more diagnostics not shown (E0501: 1,150, W0502: 50); …".
pub(super) fn not_shown(rest: &[(&str, usize)]) -> Option<String> {
    let total: usize = rest.iter().map(|(_, n)| n).sum();
    (total > 0).then(|| {
        let each: Vec<String> = rest.iter().map(|(c, n)| format!("{c}: {n}")).collect();
        format!(
            "{} not shown ({}); at most {PER_CODE} of a code and {IN_ALL} in all are printed, \
             `--format json` lists every one",
            plural(total, "more diagnostic", "more diagnostics"),
            each.join(", ")
        )
    })
}
