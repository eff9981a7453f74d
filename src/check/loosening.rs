//! E0303: a child (or a region) loosens what its parent set. Which way is looser is the
//! model's strictness table (`model::strictness`), the same one `slac diff` reads; only
//! its floors are compared here, and only where the parent set a value.

use super::fmt_duration;
use crate::diag::{Code, Diagnostic};
use crate::diff::value::credit;
use crate::model::strictness::{self, Less, Term};
use crate::model::support::length_written;
use crate::model::{
    Agreement, Credit, Deadline, DowntimeDef, ErrorThreshold, Penalty, Portfolio, Terms,
};
use crate::source::{Sp, Span};
use crate::written::percent_normalized as pct;

/// E0303: a child (or a region) loosens what its parent set, or an SLA what its package
/// sets (an SLA that adopts `gold` and lowers a target no longer sells gold).
pub(super) fn check(p: &Portfolio, a: &Agreement, diags: &mut Vec<Diagnostic>) {
    if let Some(pk) = &a.package {
        let pk = &p.packages[pk.value.index];
        let name = format!("package {}", pk.name);
        compare(&pk.terms, &a.own, &name, &a.name, diags);
        for v in &a.regions {
            let cname = format!("{} (region {})", a.name, v.name);
            compare(&pk.terms, &v.own, &name, &cname, diags);
        }
    }
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

/// Whether the child's value loosens the parent's, by the table.
fn loosens<T: Ord>(term: Term, parent: &Sp<T>, child: &Sp<T>) -> bool {
    term.compare(Some(&parent.value), Some(&child.value))
        .loosens()
}

fn least(d: Option<&Sp<DowntimeDef>>) -> Option<&Sp<i64>> {
    d.and_then(|d| d.value.at_least_ms.as_ref())
}

fn above(d: Option<&Sp<DowntimeDef>>) -> Option<&Sp<ErrorThreshold>> {
    d.and_then(|d| d.value.errors_above.as_ref())
}

fn compare(parent: &Terms, child: &Terms, pname: &str, cname: &str, diags: &mut Vec<Diagnostic>) {
    looser(parent, child, &mut |span, parent_span, what, help| {
        diags.push(loosened(span, parent_span, cname, what, pname, help));
    });
}

/// Every term `child` sets looser than `parent` sets it, by the strictness table: `push`
/// gets the child's span, the parent's, what is looser and a help line (worded for a
/// child and its parent). The one comparison E0303 (a child and its parent, an SLA and
/// its package) and E0607 (a better package and a lesser one) share.
pub(super) fn looser(parent: &Terms, child: &Terms, push: &mut dyn FnMut(Span, Span, &str, &str)) {
    for c in &child.objectives {
        let Some(po) = parent.objectives.iter().find(|o| o.key() == c.key()) else {
            continue;
        };
        if let (Some(pt), Some(ct)) = (&po.target, &c.target) {
            if loosens(Term::Target, pt, ct) {
                push(
                    ct.span,
                    pt.span,
                    &format!("the {} target ({} < {})", c.id, pct(ct.value), pct(pt.value)),
                    "a child may tighten a target, never lower it; raise it or remove it to inherit the parent's",
                );
            }
        }
        if let (Some(pw), Some(cw)) = (&po.within_ms, &c.within_ms) {
            if loosens(Term::Within, pw, cw) {
                push(
                    cw.span,
                    pw.span,
                    &format!(
                        "the latency threshold ({} > {})",
                        fmt_duration(cw.value),
                        fmt_duration(pw.value)
                    ),
                    "a child may demand faster responses, never slower ones",
                );
            }
        }
        if let (Some(pw), Some(cw)) = (&po.window, &c.window) {
            let v =
                Term::Window.compare_by(Some(&pw.value), Some(&cw.value), strictness::window_order);
            if v.loosens() {
                push(
                    cw.span,
                    pw.span,
                    &format!(
                        "the {} window ({} is longer than {})",
                        c.id, cw.value, pw.value
                    ),
                    "a longer window hides outages; use the parent's window or a shorter one",
                );
            }
        }
        let (pd, cd) = (po.downtime.as_deref(), c.downtime.as_deref());
        if let (Some(pl), Some(cl)) = (least(pd), least(cd)) {
            if loosens(Term::DowntimeMinimum, pl, cl) {
                push(
                    cl.span,
                    pl.span,
                    &format!(
                        "the {} minimum downtime ({} > {})",
                        c.id,
                        fmt_duration(cl.value),
                        fmt_duration(pl.value)
                    ),
                    "a longer minimum leaves more short outages uncounted; use the parent's minimum or a shorter one",
                );
            }
        }
        if let (Some(pe), Some(ce)) = (above(pd), above(cd)) {
            let (p, c2) = (&pe.value, &ce.value);
            // Thresholds over intervals of different lengths have no order: only the same
            // interval with a higher percentage is looser.
            if p.interval_ms == c2.interval_ms
                && Term::ErrorThreshold
                    .compare(Some(&p.percent), Some(&c2.percent))
                    .loosens()
            {
                push(
                    ce.span,
                    pe.span,
                    &format!(
                        "the {} downtime error threshold ({} > {})",
                        c.id,
                        pct(c2.percent),
                        pct(p.percent)
                    ),
                    "a higher threshold lets more failing intervals pass as up; use the parent's threshold or a lower one",
                );
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
            let kind = ct.kind.keyword();
            for which in [Deadline::Response, Deadline::Resolve, Deadline::Fulfil] {
                let (Some(pd), Some(cd)) = (pt.deadline(which), ct.deadline(which)) else {
                    continue;
                };
                // Open time against business days has no order (strictness::length_order).
                if Term::Deadline
                    .compare_by(
                        Some(&pd.length()),
                        Some(&cd.length()),
                        strictness::length_order,
                    )
                    .loosens()
                {
                    push(
                        cd.duration_ms.span,
                        pd.duration_ms.span,
                        &format!(
                            "the {} deadline of {kind} {} ({} > {})",
                            which.keyword(),
                            ct.id,
                            length_written(cd.length()),
                            length_written(pd.length())
                        ),
                        "a child may shorten a deadline, never lengthen it",
                    );
                }
                if Term::DeadlineShare
                    .compare(Some(&pd.share()), Some(&cd.share()))
                    .loosens()
                {
                    let span = cd.at.as_ref().map_or(cd.span, |x| x.span);
                    let pspan = pd.at.as_ref().map_or(pd.span, |x| x.span);
                    push(
                        span,
                        pspan,
                        &format!(
                            "the share of {kind} {} tickets that must meet {} ({} < {})",
                            ct.id,
                            which.keyword(),
                            pct(cd.share()),
                            pct(pd.share())
                        ),
                        "a child may require a larger share of tickets on time, never a smaller one",
                    );
                }
            }
            if let (Some(pu), Some(cu)) = (&pt.update_every_ms, &ct.update_every_ms) {
                if loosens(Term::UpdateEvery, pu, cu) {
                    push(
                        cu.span,
                        pu.span,
                        &format!(
                            "the update interval of {kind} {} ({} > {})",
                            ct.id,
                            fmt_duration(cu.value),
                            fmt_duration(pu.value)
                        ),
                        "a child may update more often, never less often",
                    );
                }
            }
        }
    }
    for cp in &child.penalties {
        let Some(pp) = parent.penalties.iter().find(|x| x.on == cp.on) else {
            continue;
        };
        let (verdict, less) = strictness::penalty(pp, cp);
        if !verdict.loosens() {
            continue;
        }
        // Point at the child's credit that is smaller, or at its penalty.
        let shown = |c: Option<&Credit>| c.map_or_else(|| "none".to_string(), credit);
        let (what, span, pspan) = if let Some(Less::At(x)) = less {
            let (c, pc) = (strictness::credit_at(cp, x), strictness::credit_at(pp, x));
            let span = |p: &Penalty, c: Option<&Credit>| {
                p.tiers
                    .iter()
                    .find(|t| Some(&t.credit.value) == c)
                    .map_or(p.on_span, |t| t.credit.span)
            };
            (
                format!(
                    "the credit at {} attainment on {} ({} < {})",
                    pct(x),
                    cp.on,
                    shown(c),
                    shown(pc)
                ),
                span(cp, c),
                span(pp, pc),
            )
        } else {
            let (c, pc) = (cp.each_breach.as_ref(), pp.each_breach.as_ref());
            (
                format!(
                    "the credit for each breach of {} ({} < {})",
                    cp.on,
                    shown(c.map(|c| &c.value)),
                    shown(pc.map(|c| &c.value))
                ),
                c.map_or(cp.on_span, |c| c.span),
                pc.map_or(pp.on_span, |c| c.span),
            )
        };
        push(
            span,
            pspan,
            &what,
            "a child may promise larger credits, never smaller ones",
        );
    }
    if let (Some(pd), Some(cd)) = (
        &parent.more.dependency_outages,
        &child.more.dependency_outages,
    ) {
        if Term::DependencyOutages
            .compare(Some(&pd.value), Some(&cd.value))
            .loosens()
        {
            push(
                cd.span,
                pd.span,
                "whether dependency outages count (they do not)",
                "a child may count its dependencies' outages where the parent does not, never the reverse",
            );
        }
    }
    if let (Some(pc), Some(cc)) = (&parent.cap, &child.cap) {
        if loosens(Term::Cap, pc, cc) {
            push(
                cc.span,
                pc.span,
                &format!("the cap ({} < {})", pct(cc.value), pct(pc.value)),
                "a child may raise the cap on credits, never lower it",
            );
        }
    }
    if let (Some(pm), Some(cm)) = (&parent.more.credit_minimum, &child.more.credit_minimum) {
        let verdict = Term::ClaimMinimum.compare_by(
            Some(&pm.value),
            Some(&cm.value),
            crate::model::strictness::minimum_order,
        );
        if verdict.loosens() {
            push(
                cm.span,
                pm.span,
                &format!(
                    "the minimum credit ({} {} > {} {})",
                    cm.value.amount, cm.value.currency, pm.value.amount, pm.value.currency
                ),
                "a child may lower the minimum credit, never raise it",
            );
        }
    }
    if let (Some(pc), Some(cc)) = (&parent.claim_within_ms, &child.claim_within_ms) {
        if loosens(Term::ClaimWithin, pc, cc) {
            push(
                cc.span,
                pc.span,
                &format!(
                    "the claim window ({} < {})",
                    fmt_duration(cc.value),
                    fmt_duration(pc.value)
                ),
                "a child may give customers longer to claim credits, never shorter",
            );
        }
    }
    if let (Some(pm), Some(cm)) = (&parent.maintenance, &child.maintenance) {
        if let (Some(p), Some(c)) = (&pm.value.max_per_month_ms, &cm.value.max_per_month_ms) {
            if loosens(Term::MaintenanceMax, p, c) {
                push(
                    c.span,
                    p.span,
                    &format!(
                        "the maintenance allowance ({} > {} per month)",
                        fmt_duration(c.value),
                        fmt_duration(p.value)
                    ),
                    "a child may allow less maintenance downtime, never more",
                );
            }
        }
        if let (Some(p), Some(c)) = (&pm.value.notice_ms, &cm.value.notice_ms) {
            if loosens(Term::MaintenanceNotice, p, c) {
                push(
                    c.span,
                    p.span,
                    &format!(
                        "the maintenance notice ({} < {})",
                        fmt_duration(c.value),
                        fmt_duration(p.value)
                    ),
                    "a child may require longer notice of maintenance, never shorter",
                );
            }
        }
    }
}
