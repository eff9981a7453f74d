//! E0330–E0333: the support process terms of one agreement (language.md §5.1), after
//! inheritance: business days in range, an update interval that fits in the resolve, an
//! escalation whose stages fit in the deadline they lead to.

use crate::diag::{Code, Diagnostic};
use crate::model::support::length_written;
use crate::model::{Deadline, DeadlineTerm, Escalation, Target, TargetKind, Terms};
use crate::time::Length;
use crate::written::duration;

/// The most business days a deadline may count: about four years of working days.
pub(crate) const MAX_BUSINESS_DAYS: u32 = 1000;

pub(super) fn check(name: &str, terms: &Terms, diags: &mut Vec<Diagnostic>) {
    let Some(support) = &terms.support else {
        return;
    };
    for t in &support.targets {
        for (which, d) in t.deadlines() {
            business_days(t, which, d, diags);
        }
        let Some((which, end)) = closing(t) else {
            continue;
        };
        update_interval(t, which, end, diags);
        if let Some(e) = support.escalation_of(t) {
            stages(name, t, which, end, e, diags);
        }
    }
}

/// The deadline an incident or request ends with: its resolve, or its fulfil.
pub(crate) fn closing(t: &Target) -> Option<(Deadline, &DeadlineTerm)> {
    match t.kind {
        TargetKind::Incident => t.resolve.as_deref().map(|d| (Deadline::Resolve, d)),
        TargetKind::Request => t.fulfil.as_deref().map(|d| (Deadline::Fulfil, d)),
    }
}

/// E0330.
fn business_days(t: &Target, which: Deadline, d: &DeadlineTerm, diags: &mut Vec<Diagnostic>) {
    let Some(n) = d.business_days else { return };
    if (1..=MAX_BUSINESS_DAYS).contains(&n) {
        return;
    }
    let shown = if n == u32::MAX {
        "so many".to_string()
    } else {
        n.to_string()
    };
    diags.push(
        Diagnostic::new(
            Code::E0330,
            d.duration_ms.span,
            format!(
                "the {} deadline of {} {} counts {shown} business days",
                which.keyword(),
                t.kind.keyword(),
                t.id
            ),
        )
        .primary(format!("from 1 to {MAX_BUSINESS_DAYS} business days"))
        .help("write at least `1 business day`; for a deadline sooner than the end of the next business day, write open hours such as `4h`"),
    );
}

/// E0331: an update interval longer than the time to resolve promises no update at all.
fn update_interval(t: &Target, which: Deadline, end: &DeadlineTerm, diags: &mut Vec<Diagnostic>) {
    let (Some(u), Length::Open(close)) = (&t.update_every_ms, end.length()) else {
        return;
    };
    if u.value <= close {
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::E0331,
            u.span,
            format!(
                "{} {} is to be updated every {} but {} within {}",
                t.kind.keyword(),
                t.id,
                duration(u.value),
                past(which),
                duration(close)
            ),
        )
        .primary(format!("update every {}", duration(u.value)))
        .label(end.duration_ms.span, format!("{} {}", which.keyword(), duration(close)))
        .help(format!(
            "an update is due while the ticket is open: update at most every {} (`update every {}`), or drop `update every`",
            duration(close),
            duration(close)
        )),
    );
}

fn past(which: Deadline) -> &'static str {
    match which {
        Deadline::Response => "responded to",
        Deadline::Resolve => "resolved",
        Deadline::Fulfil => "fulfilled",
    }
}

/// E0332 (stages longer than the deadline they lead to) and E0333 (stages against a
/// deadline in business days, which open time cannot be added up to).
fn stages(
    name: &str,
    t: &Target,
    which: Deadline,
    end: &DeadlineTerm,
    e: &Escalation,
    diags: &mut Vec<Diagnostic>,
) {
    let total = e.total_ms();
    match end.length() {
        Length::BusinessDays(_) => diags.push(
            Diagnostic::new(
                Code::E0333,
                e.span,
                format!(
                    "the escalation of {} {} adds up open time, but its {} deadline counts business days",
                    t.kind.keyword(),
                    t.id,
                    which.keyword()
                ),
            )
            .primary(format!("{} of stages", duration(total)))
            .label(end.duration_ms.span, length_written(end.length()))
            .help(format!(
                "state the {} deadline in open hours (e.g. `{} 16h` for two 8-hour days) so the stages can be checked against it",
                which.keyword(),
                which.keyword()
            )),
        ),
        Length::Open(close) if total > close => diags.push(
            Diagnostic::new(
                Code::E0332,
                e.span,
                format!(
                    "the escalation stages of {} {} take longer than its {}: {} = {} > {} {} of {} {} in `{name}`",
                    t.kind.keyword(),
                    t.id,
                    which.keyword(),
                    sum_words(e.stages.iter().map(|s| s.duration_ms.value)),
                    duration(total),
                    duration(close),
                    which.keyword(),
                    t.kind.keyword(),
                    t.id
                ),
            )
            .primary(format!("{} of stages", duration(total)))
            .label(end.duration_ms.span, format!("{} {}", which.keyword(), duration(close)))
            .help(format!(
                "shorten the stages to {} in all, or lengthen the {} deadline",
                duration(close),
                which.keyword()
            )),
        ),
        Length::Open(_) => {}
    }
}

/// `30m + 2h + 4h`: the terms of a sum as written.
pub(crate) fn sum_words(terms: impl Iterator<Item = i64>) -> String {
    terms.map(duration).collect::<Vec<_>>().join(" + ")
}
