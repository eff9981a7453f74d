//! E0303: a child (or a region) loosens what its parent set. Numbers are compared, not
//! calendars: a lower target or share, a longer deadline, threshold or window, a smaller
//! credit or cap, a shorter claim window or notice, a larger maintenance allowance.

use super::agreement::pct;
use super::{fmt_duration, fmt_window, nominal_window_ms};
use crate::diag::{Code, Diagnostic};
use crate::model::{Agreement, Credit, Deadline, Portfolio, Terms};
use crate::source::Span;
use rust_decimal::Decimal;

/// E0303: a child (or a region) loosens what its parent set.
pub(super) fn check(p: &Portfolio, a: &Agreement, diags: &mut Vec<Diagnostic>) {
    let Some(ext) = &a.extends else { return };
    let parent = &p.agreements[ext.value.index];
    if parent.kind != a.kind {
        return;
    }
    compare(&parent.terms, &a.terms, &parent.name, &a.name, diags);
    for v in &a.regions {
        let base = parent
            .regions
            .iter()
            .find(|r| r.name == v.name)
            .map_or(&parent.terms, |r| &r.terms);
        compare(
            base,
            &v.terms,
            &parent.name,
            &format!("{} (region {})", a.name, v.name),
            diags,
        );
    }
}

fn loosened(
    span: Span,
    parent_span: Span,
    child: &str,
    what: &str,
    parent: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::E0303,
        span,
        format!("`{child}` loosens {what} set by `{parent}`"),
    )
    .primary("looser than the parent")
    .label(parent_span, format!("set here by `{parent}`"))
    .help(help.to_string())
}

fn compare(parent: &Terms, child: &Terms, pname: &str, cname: &str, diags: &mut Vec<Diagnostic>) {
    for c in &child.objectives {
        let Some(po) = parent.objectives.iter().find(|o| o.key() == c.key()) else {
            continue;
        };
        if let (Some(pt), Some(ct)) = (&po.target, &c.target) {
            if ct.value < pt.value {
                diags.push(loosened(ct.span, pt.span, cname, &format!("the {} target ({} < {})", c.id, pct(ct.value), pct(pt.value)), pname, "a child may tighten a target, never lower it; raise it or remove it to inherit the parent's"));
            }
        }
        if let (Some(pw), Some(cw)) = (&po.within_ms, &c.within_ms) {
            if cw.value > pw.value {
                diags.push(loosened(
                    cw.span,
                    pw.span,
                    cname,
                    &format!(
                        "the latency threshold ({} > {})",
                        fmt_duration(cw.value),
                        fmt_duration(pw.value)
                    ),
                    pname,
                    "a child may demand faster responses, never slower ones",
                ));
            }
        }
        if let (Some(pw), Some(cw)) = (&po.window, &c.window) {
            if nominal_window_ms(cw.value) > nominal_window_ms(pw.value) {
                diags.push(loosened(
                    cw.span,
                    pw.span,
                    cname,
                    &format!(
                        "the {} window ({} is longer than {})",
                        c.id,
                        fmt_window(cw.value),
                        fmt_window(pw.value)
                    ),
                    pname,
                    "a longer window hides outages; use the parent's window or a shorter one",
                ));
            }
        }
    }
    if let (Some(ps), Some(cs)) = (&parent.support, &child.support) {
        for ct in &cs.targets {
            let Some(pt) = ps
                .targets
                .iter()
                .find(|t| t.kind == ct.kind && t.id == ct.id)
            else {
                continue;
            };
            for which in [Deadline::Response, Deadline::Resolve, Deadline::Fulfil] {
                let (Some(pd), Some(cd)) = (pt.deadline(which), ct.deadline(which)) else {
                    continue;
                };
                let kind = match ct.kind {
                    crate::model::TargetKind::Incident => "incident",
                    crate::model::TargetKind::Request => "request",
                };
                if cd.duration_ms.value > pd.duration_ms.value {
                    diags.push(loosened(
                        cd.duration_ms.span,
                        pd.duration_ms.span,
                        cname,
                        &format!(
                            "the {} deadline of {kind} {} ({} > {})",
                            which.keyword(),
                            ct.id,
                            fmt_duration(cd.duration_ms.value),
                            fmt_duration(pd.duration_ms.value)
                        ),
                        pname,
                        "a child may shorten a deadline, never lengthen it",
                    ));
                }
                let share = |d: &crate::model::DeadlineTerm| {
                    d.at.as_ref().map_or(Decimal::ONE_HUNDRED, |x| x.value)
                };
                if share(cd) < share(pd) {
                    let span = cd.at.as_ref().map_or(cd.span, |x| x.span);
                    let pspan = pd.at.as_ref().map_or(pd.span, |x| x.span);
                    diags.push(loosened(span, pspan, cname, &format!("the share of {kind} {} tickets that must meet {} ({} < {})", ct.id, which.keyword(), pct(share(cd)), pct(share(pd))), pname, "a child may require a larger share of tickets on time, never a smaller one"));
                }
            }
        }
    }
    for cp in &child.penalties {
        let Some(pp) = parent.penalties.iter().find(|x| x.on == cp.on) else {
            continue;
        };
        for ct in &cp.tiers {
            let Some(ptier) = pp
                .tiers
                .iter()
                .find(|t| t.op == ct.op && t.threshold.value == ct.threshold.value)
            else {
                continue;
            };
            if credit_less(&ct.credit.value, &ptier.credit.value) {
                diags.push(loosened(
                    ct.credit.span,
                    ptier.credit.span,
                    cname,
                    &format!("the credit below {} on {}", pct(ct.threshold.value), cp.on),
                    pname,
                    "a child may promise larger credits, never smaller ones",
                ));
            }
        }
        if let (Some(c), Some(pc)) = (&cp.each_breach, &pp.each_breach) {
            if credit_less(&c.value, &pc.value) {
                diags.push(loosened(
                    c.span,
                    pc.span,
                    cname,
                    &format!("the credit for each breach of {}", cp.on),
                    pname,
                    "a child may promise larger credits, never smaller ones",
                ));
            }
        }
    }
    if let (Some(pc), Some(cc)) = (&parent.cap, &child.cap) {
        if cc.value < pc.value {
            diags.push(loosened(
                cc.span,
                pc.span,
                cname,
                &format!("the cap ({} < {})", pct(cc.value), pct(pc.value)),
                pname,
                "a child may raise the cap on credits, never lower it",
            ));
        }
    }
    if let (Some(pc), Some(cc)) = (&parent.claim_within_ms, &child.claim_within_ms) {
        if cc.value < pc.value {
            diags.push(loosened(
                cc.span,
                pc.span,
                cname,
                &format!(
                    "the claim window ({} < {})",
                    fmt_duration(cc.value),
                    fmt_duration(pc.value)
                ),
                pname,
                "a child may give customers longer to claim credits, never shorter",
            ));
        }
    }
    if let (Some(pm), Some(cm)) = (&parent.maintenance, &child.maintenance) {
        if let (Some(p), Some(c)) = (&pm.value.max_per_month_ms, &cm.value.max_per_month_ms) {
            if c.value > p.value {
                diags.push(loosened(
                    c.span,
                    p.span,
                    cname,
                    &format!(
                        "the maintenance allowance ({} > {} per month)",
                        fmt_duration(c.value),
                        fmt_duration(p.value)
                    ),
                    pname,
                    "a child may allow less maintenance downtime, never more",
                ));
            }
        }
        if let (Some(p), Some(c)) = (&pm.value.notice_ms, &cm.value.notice_ms) {
            if c.value < p.value {
                diags.push(loosened(
                    c.span,
                    p.span,
                    cname,
                    &format!(
                        "the maintenance notice ({} < {})",
                        fmt_duration(c.value),
                        fmt_duration(p.value)
                    ),
                    pname,
                    "a child may require longer notice of maintenance, never shorter",
                ));
            }
        }
    }
}

fn credit_less(c: &Credit, p: &Credit) -> bool {
    match (c, p) {
        (Credit::Percent(c), Credit::Percent(p)) => c < p,
        (Credit::Amount(c), Credit::Amount(p)) => c.currency == p.currency && c.amount < p.amount,
        _ => false,
    }
}
