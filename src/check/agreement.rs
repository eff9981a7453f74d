//! Each agreement on its own, after inheritance (phase E03): required statements, the
//! level order of `extends`, loosening, penalty tiers, validity, indicators, the
//! corporate floor and the cap.

use super::{fmt_duration, fmt_window, nominal_window_ms};
use crate::diag::{Code, Diagnostic};
use crate::model::{
    Agreement, AgreementKind, Credit, Deadline, Level, ObjectiveKind, PartyKind, Penalty,
    PenaltyOn, Portfolio, Terms, TierOp,
};
use crate::source::Span;
use rust_decimal::Decimal;

pub fn check(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        levels(p, a, diags);
        required(a, diags);
        for (variant, terms) in a.variants() {
            let region = variant.map(|v| v.name.as_str());
            penalties(a, terms, diags);
            currencies(a, terms, region, diags);
            validity(terms, diags);
            indicators(terms, diags);
        }
        loosening(p, a, diags);
        corporate_floor(p, a, diags);
    }
}

fn kind_name(a: &Agreement) -> String {
    match a.kind {
        AgreementKind::Sla => format!("{}-level SLA", a.level.keyword()),
        AgreementKind::Ola => "OLA".into(),
        AgreementKind::Uc => "UC".into(),
    }
}

/// E0302: `extends` within one kind, and down the level order corporate > customer > service.
fn levels(p: &Portfolio, a: &Agreement, diags: &mut Vec<Diagnostic>) {
    let Some(ext) = &a.extends else { return };
    let parent = &p.agreements[ext.value.index];
    let rank = |l: Level| match l {
        Level::Corporate => 0,
        Level::Customer => 1,
        Level::Service => 2,
    };
    let problem = if parent.kind != a.kind {
        Some(format!(
            "{} `{}` extends {} `{}`: an agreement can only extend one of its own kind",
            a.kind.keyword(),
            a.name,
            parent.kind.keyword(),
            parent.name
        ))
    } else if a.kind == AgreementKind::Sla && rank(parent.level) >= rank(a.level) {
        Some(format!(
            "{} `{}` extends {} `{}`: an SLA extends only a higher level (corporate > customer > service)",
            kind_name(a),
            a.name,
            kind_name(parent),
            parent.name
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        diags.push(
            Diagnostic::new(Code::E0302, ext.span, message)
                .primary("extended here")
                .label(parent.name_span, format!("`{}` is a {}", parent.name, kind_name(parent)))
                .help(if parent.kind == a.kind {
                    "a service SLA may extend a customer or corporate SLA, a customer SLA a corporate one; change `level` or what it extends"
                } else {
                    "extend an agreement of the same kind (sla, ola or uc), or remove `extends`"
                }),
        );
    }
}

/// E0301: the statements language.md §3.4 requires, after inheritance.
fn required(a: &Agreement, diags: &mut Vec<Diagnostic>) {
    let t = &a.terms;
    let is_sla = a.kind == AgreementKind::Sla;
    let mut missing = Vec::new();
    if t.provider.is_none() {
        missing.push(("provider", provider_help(a.kind)));
    }
    if t.customer.is_none() && !(is_sla && a.level == Level::Corporate) {
        missing.push(("customer", customer_help(a.kind)));
    }
    if t.services.is_none() && !(is_sla && a.level != Level::Service) {
        missing.push((
            "services",
            "list the services it covers, e.g. `services checkout`",
        ));
    }
    for (stmt, help) in missing {
        diags.push(
            Diagnostic::new(
                Code::E0301,
                a.name_span,
                format!("{} `{}` has no `{stmt}`", kind_name(a), a.name),
            )
            .primary(format!("`{stmt}` missing"))
            .help(help),
        );
    }
    for (_, terms) in a.variants() {
        for o in &terms.objectives {
            let what = match o.kind {
                ObjectiveKind::Outcome => format!("outcome `{}`", o.id),
                k => k.keyword().to_string(),
            };
            if o.target.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::E0301,
                        o.span,
                        format!("the {what} objective of `{}` has no `target`", a.name),
                    )
                    .primary("no target")
                    .help("add e.g. `target 99.9%`"),
                );
            } else if o.kind == ObjectiveKind::Latency && o.within_ms.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::E0301,
                        o.span,
                        format!("the latency objective of `{}` has no threshold", a.name),
                    )
                    .primary("no `within`")
                    .help("say how fast, e.g. `target 99% within 300ms`"),
                );
            }
        }
        if let Some(m) = &terms.maintenance {
            if m.value.during.is_none() {
                diags.push(
                    Diagnostic::new(Code::E0301, m.span, format!("the maintenance of `{}` has no `during`", a.name))
                        .primary("no maintenance calendar")
                        .help("name the calendar in which maintenance may happen, e.g. `during patch_window`"),
                );
            }
        }
    }
}

fn provider_help(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::Sla => "name who gives the service, e.g. `provider acme`",
        AgreementKind::Ola => "name the team that gives the service, e.g. `provider dba`",
        AgreementKind::Uc => "name the supplier, e.g. `provider northhost`",
    }
}

fn customer_help(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::Sla => {
            "name the customer or team that receives the service, e.g. `customer globex`"
        }
        AgreementKind::Ola => "name the team that receives the service, e.g. `customer platform`",
        AgreementKind::Uc => "name the provider that buys the service, e.g. `customer acme`",
    }
}

fn pct(d: Decimal) -> String {
    format!("{}%", d.normalize())
}

/// What a penalty is on, if the agreement has it: `Ok(what its thresholds compare with,
/// when known)`; `Err(())` when there is no such target (E0305).
fn penalty_target(terms: &Terms, on: &PenaltyOn) -> Result<Option<Decimal>, ()> {
    let objective = |kind: ObjectiveKind, id: Option<&str>| {
        terms
            .objectives
            .iter()
            .find(|o| o.kind == kind && id.is_none_or(|i| o.id == i))
            .map(|o| o.target.as_ref().map(|t| t.value))
    };
    let found = match on {
        PenaltyOn::Availability => objective(ObjectiveKind::Availability, None),
        PenaltyOn::Latency => objective(ObjectiveKind::Latency, None),
        PenaltyOn::Outcome { id } => objective(ObjectiveKind::Outcome, Some(id)),
        PenaltyOn::Incident { id, deadline } | PenaltyOn::Request { id, deadline } => {
            let kind = if matches!(on, PenaltyOn::Incident { .. }) {
                crate::model::TargetKind::Incident
            } else {
                crate::model::TargetKind::Request
            };
            terms
                .support
                .as_ref()
                .and_then(|s| s.targets.iter().find(|t| t.kind == kind && t.id == *id))
                .and_then(|t| t.deadline(*deadline))
                .map(|d| Some(d.at.as_ref().map_or(Decimal::ONE_HUNDRED, |a| a.value)))
        }
    };
    found.ok_or(())
}

/// E0304 and E0305, and W0309 against the cap.
fn penalties(a: &Agreement, terms: &Terms, diags: &mut Vec<Diagnostic>) {
    for p in &terms.penalties {
        let Ok(target) = penalty_target(terms, &p.on) else {
            diags.push(
                Diagnostic::new(
                    Code::E0305,
                    p.on_span,
                    format!("`{}` has a penalty on {}, but no such target", a.name, p.on),
                )
                .primary("nothing to measure this against")
                .help(format!(
                    "add the {} target to `{}`, or remove this penalty",
                    p.on, a.name
                )),
            );
            continue;
        };
        if let Some(problem) = tier_problem(p, target) {
            diags.push(problem);
        }
        if let Some(cap) = &terms.cap {
            for t in &p.tiers {
                if let Credit::Percent(c) = t.credit.value {
                    if c > cap.value {
                        diags.push(
                            Diagnostic::new(
                                Code::W0309,
                                t.credit.span,
                                format!(
                                    "credit {} is larger than the cap of {} of `{}`: it can never be paid in full",
                                    pct(c),
                                    pct(cap.value),
                                    a.name
                                ),
                            )
                            .primary("above the cap")
                            .label(cap.span, "the cap")
                            .help("lower the credit to the cap, or raise the cap"),
                        );
                    }
                }
            }
        }
    }
}

fn tier_problem(p: &Penalty, target: Option<Decimal>) -> Option<Diagnostic> {
    let e = |span: Span, msg: String, help: &str| {
        Some(
            Diagnostic::new(Code::E0304, span, msg)
                .primary("here")
                .help(help.to_string()),
        )
    };
    if let (Some(each), Some(first)) = (&p.each_breach, p.tiers.first()) {
        return e(
            each.span,
            format!("penalty on {} mixes tiers with `each breach`", p.on),
            "a penalty holds either tiers (`below …`) or one `each breach credit …`; split it or keep one",
        )
        .map(|d| d.label(first.span, "a tier"));
    }
    let percents = p
        .tiers
        .iter()
        .filter(|t| matches!(t.credit.value, Credit::Percent(_)))
        .count();
    if percents != 0 && percents != p.tiers.len() {
        let odd = p
            .tiers
            .iter()
            .find(|t| matches!(t.credit.value, Credit::Amount(_)))
            .map_or(p.span, |t| t.credit.span);
        return e(
            odd,
            format!("penalty on {} mixes percentage credits with amounts", p.on),
            "give every tier of one penalty as a percentage of the fee, or every tier as an amount",
        );
    }
    // The order of the spec: threshold high to low; at one threshold `at or below` first.
    let mut tiers: Vec<_> = p.tiers.iter().collect();
    tiers.sort_by(|x, y| {
        y.threshold
            .value
            .cmp(&x.threshold.value)
            .then((x.op == TierOp::Below).cmp(&(y.op == TierOp::Below)))
    });
    for w in tiers.windows(2) {
        let (hi, lo) = (w[0], w[1]);
        if hi.op == lo.op && hi.threshold.value == lo.threshold.value {
            return e(
                lo.span,
                format!(
                    "penalty on {} has two tiers at {}",
                    p.on,
                    pct(lo.threshold.value)
                ),
                "every tier needs its own threshold; remove or change one of them",
            )
            .map(|d| d.label(hi.span, "the other tier"));
        }
        let larger = match (&hi.credit.value, &lo.credit.value) {
            (Credit::Percent(h), Credit::Percent(l)) => l > h,
            (Credit::Amount(h), Credit::Amount(l)) => l.amount > h.amount,
            _ => true,
        };
        if !larger {
            return e(
                lo.credit.span,
                format!(
                    "penalty on {}: the credit below {} is not larger than the credit below {}",
                    p.on,
                    pct(lo.threshold.value),
                    pct(hi.threshold.value)
                ),
                "credits must grow as attainment falls: a lower threshold needs a larger credit",
            )
            .map(|d| d.label(hi.credit.span, "the credit of the higher tier"));
        }
    }
    if let (Some(first), Some(target)) = (tiers.first(), target) {
        if first.threshold.value > target {
            return e(
                first.threshold.span,
                format!(
                    "penalty on {} starts at {}, above the target of {}",
                    p.on,
                    pct(first.threshold.value),
                    pct(target)
                ),
                "a credit is owed only when the target is missed; start the first tier at or below the target",
            );
        }
    }
    None
}

/// E0107 after inheritance: the fee and the credit amounts in one currency.
fn currencies(a: &Agreement, terms: &Terms, region: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let mut amounts: Vec<(&str, Span)> = Vec::new();
    if let Some(f) = &terms.fee {
        amounts.push((&f.value.currency, f.span));
    }
    for p in &terms.penalties {
        for c in p.tiers.iter().map(|t| &t.credit).chain(&p.each_breach) {
            if let Credit::Amount(m) = &c.value {
                amounts.push((&m.currency, c.span));
            }
        }
    }
    let Some(&(first, first_span)) = amounts.first() else {
        return;
    };
    if let Some(&(other, span)) = amounts.iter().find(|(c, _)| *c != first) {
        let name = region.map_or_else(
            || format!("`{}`", a.name),
            |r| format!("region `{r}` of `{}`", a.name),
        );
        diags.push(
            Diagnostic::new(
                Code::E0107,
                span,
                format!("{name} mixes currencies after inheritance: {first} and {other}"),
            )
            .primary(format!("in {other}"))
            .label(first_span, format!("in {first}"))
            .help("state the fee and every credit amount in one currency, also across `extends`"),
        );
    }
}

/// E0306.
fn validity(terms: &Terms, diags: &mut Vec<Diagnostic>) {
    if let Some(v) = &terms.valid {
        if let Some(to) = v.value.to {
            if v.value.from > to {
                diags.push(
                    Diagnostic::new(
                        Code::E0306,
                        v.span,
                        format!("validity starts on {} but ends earlier, on {to}", v.value.from),
                    )
                    .primary("`from` is after `to`")
                    .help("swap the dates, or correct the year; `to` is inclusive, so a one-day agreement has `from` equal to `to`"),
                );
            }
        }
    }
}

/// E0307.
fn indicators(terms: &Terms, diags: &mut Vec<Diagnostic>) {
    for o in &terms.objectives {
        let Some(ind) = &o.indicator else { continue };
        let problem = match (&ind.errors, &ind.good, &ind.total) {
            (Some(_), Some(_), _) => Some((
                "has both `errors` and `good`",
                "keep one: `errors` counts bad events, `good` counts good ones",
            )),
            (None, None, _) => Some((
                "has neither `errors` nor `good`",
                "add `errors \"…\"` or `good \"…\"` beside `total`",
            )),
            (_, _, None) => Some((
                "has no `total`",
                "add `total \"…\"`, the query that counts all events",
            )),
            _ => None,
        };
        if let Some((what, help)) = problem {
            diags.push(
                Diagnostic::new(
                    Code::E0307,
                    ind.span,
                    format!("the indicator of the {} objective {what}", o.id),
                )
                .primary("incomplete indicator")
                .help(help),
            );
            continue;
        }
        // Once per indicator: the first query without the placeholder, the others labelled.
        let missing: Vec<_> = [&ind.errors, &ind.good, &ind.total]
            .into_iter()
            .flatten()
            .filter(|q| !q.value.contains("{{window}}"))
            .collect();
        if let Some(first) = missing.first() {
            let mut d = Diagnostic::new(
                Code::E0307,
                first.span,
                format!("the indicator of the {} objective has a query without `{{{{window}}}}`", o.id),
            )
            .primary("no `{{window}}` in this query")
            .help("write the range as `[{{window}}]`, e.g. `sum(rate(errors_total[{{window}}]))`; slac fills in each rule window");
            for q in &missing[1..] {
                d = d.label(q.span, "nor in this one");
            }
            diags.push(d);
        }
    }
}

/// E0303: a child (or a region) loosens what its parent set.
fn loosening(p: &Portfolio, a: &Agreement, diags: &mut Vec<Diagnostic>) {
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

/// W0308: an SLA with an external customer should build on its provider's corporate SLA.
fn corporate_floor(p: &Portfolio, a: &Agreement, diags: &mut Vec<Diagnostic>) {
    if a.kind != AgreementKind::Sla || a.level == Level::Corporate {
        return;
    }
    let Some(customer) = &a.terms.customer else {
        return;
    };
    if p.parties[customer.value.index].kind != PartyKind::Customer {
        return;
    }
    let Some(provider) = &a.terms.provider else {
        return;
    };
    let corporate: Vec<&Agreement> = p
        .agreements
        .iter()
        .filter(|c| {
            c.kind == AgreementKind::Sla
                && c.level == Level::Corporate
                && c.terms
                    .provider
                    .as_ref()
                    .is_some_and(|x| x.value == provider.value)
        })
        .collect();
    let Some(floor) = corporate.first() else {
        return;
    };
    // Walk up the `extends` chain (acyclic: E0205 ran before).
    let mut cur = a;
    let mut steps = 0;
    while let Some(ext) = &cur.extends {
        cur = &p.agreements[ext.value.index];
        if corporate.iter().any(|c| std::ptr::eq(*c, cur)) {
            return;
        }
        steps += 1;
        if steps > p.agreements.len() {
            return;
        }
    }
    diags.push(
        Diagnostic::new(
            Code::W0308,
            a.name_span,
            format!(
                "SLA `{}` does not build on `{}`, the corporate SLA of `{}`",
                a.name, floor.name, provider.value.name
            ),
        )
        .primary("does not extend the corporate SLA")
        .label(floor.name_span, "the provider's corporate SLA")
        .help(format!(
            "add `extends {}` (or extend a customer SLA that does), so the corporate floor applies",
            floor.name
        )),
    );
}
