//! The checks on the resolved portfolio, one module per rule family: each agreement on
//! its own (E03), its lifecycle (E06), between agreements (E04), lints (W05).

pub(crate) mod agreement;
pub(crate) mod availability;
pub(crate) mod between;
pub(crate) mod catalogue;
mod coverage;
mod deadlines;
pub(crate) mod downtime;
mod escalation;
pub(crate) mod lifecycle;
pub(crate) mod lints;
mod loosening;
pub(crate) mod money;
mod subject;
mod support_terms;

use crate::diag::Diagnostic;
// How a duration is written: `crate::written`, for check's messages.
use crate::written::duration as fmt_duration;

/// "Reported once, not again for each child" (E01–E03, W05): a diagnostic about an
/// inherited statement has the same code and primary span in every agreement that
/// inherits it, whatever agreement its message names.
pub(crate) fn dedup(diags: &mut Vec<Diagnostic>) {
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
pub(crate) fn dedup_exact(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert((d.code, d.primary_span(), d.message.clone())));
}
