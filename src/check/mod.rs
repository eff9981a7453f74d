//! The checks on the resolved portfolio, one module per rule family: each agreement on
//! its own (E03), between agreements (E04), lints (W05).

pub mod agreement;
pub mod availability;
pub mod between;
mod coverage;
mod deadlines;
pub mod lints;
mod loosening;
mod subject;

use crate::diag::Diagnostic;
use std::fmt::Write as _;

/// "Reported once, not again for each child" (E01–E03, W05): a diagnostic about an
/// inherited statement has the same code and primary span in every agreement that
/// inherits it, whatever agreement its message names.
pub fn dedup(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| {
        // E0301 points at the agreement's name for each missing statement: there the
        // message (which statement) is part of what makes a finding distinct.
        let what = if d.code == crate::diag::Code::E0301 {
            d.message.clone()
        } else {
            String::new()
        };
        seen.insert((d.code, d.primary_span(), what))
    });
}

/// E04 is reported for each agreement and variant on its own; only the very same finding
/// (a region that inherits its base unchanged) is dropped.
pub fn dedup_exact(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.code, d.primary_span(), d.message.clone())));
}

/// A duration as people write it: `1h30m`, `2d`, `300ms`.
pub fn fmt_duration(ms: i64) -> String {
    duration_in(ms, &DURATION_UNITS)
}

/// The units of `.sla` durations, largest first.
pub const DURATION_UNITS: [(&str, i64); 6] = [
    ("w", 604_800_000),
    ("d", 86_400_000),
    ("h", 3_600_000),
    ("m", 60_000),
    ("s", 1000),
    ("ms", 1),
];

/// Milliseconds in the largest-first `units` given (`0s` for nothing).
pub fn duration_in(ms: i64, units: &[(&str, i64)]) -> String {
    if ms <= 0 {
        return "0s".into();
    }
    let mut rest = ms;
    let mut out = String::new();
    for &(unit, size) in units {
        if rest >= size {
            let _ = write!(out, "{}{unit}", rest / size);
            rest %= size;
        }
    }
    out
}

/// A window as written.
pub fn fmt_window(w: crate::model::Window) -> String {
    use crate::model::Window;
    match w {
        Window::Week => "week".into(),
        Window::Month => "month".into(),
        Window::Quarter => "quarter".into(),
        Window::Year => "year".into(),
        Window::Rolling(ms) => format!("rolling {}", fmt_duration(ms)),
    }
}
