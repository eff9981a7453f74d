//! Each agreement on its own, after inheritance (phase E03): required statements, the
//! level order of `extends`, loosening, penalty tiers, validity, indicators, resolve
//! after response, the corporate floor and the cap.

use crate::diag::{Code, Diagnostic};
use crate::model::{
    Agreement, AgreementKind, Credit, Level, MeasuredBy, ObjectiveKind, PartyKind, Penalty,
    PenaltyOn, Portfolio, Terms, TierOp,
};
use crate::source::Span;
use crate::written::percent_normalized as pct;
use rust_decimal::Decimal;

pub(crate) fn check(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    // Each provider's first corporate SLA, found once (not once per agreement).
    let mut floors: std::collections::HashMap<usize, &Agreement> = std::collections::HashMap::new();
    for c in p.agreements.iter().filter(|c| is_corporate_sla(c)) {
        if let Some(provider) = &c.terms.provider {
            floors.entry(provider.value.index).or_insert(c);
        }
    }
    super::downtime::dependencies(p, diags);
    for a in &p.agreements {
        levels(p, a, diags);
        required(a, diags);
        for (variant, terms) in a.variants() {
            let region = variant.map(|v| v.name.as_str());
            penalties(a, terms, diags);
            currencies(a, terms, region, diags);
            validity(terms, diags);
            indicators(terms, diags);
            resolve_after_response(terms, diags);
            super::downtime::check(terms, diags);
            super::support_terms::check(&a.name, terms, diags);
        }
        super::loosening::check(p, a, diags);
        corporate_floor(p, a, &floors, diags);
    }
}

fn is_corporate_sla(a: &Agreement) -> bool {
    a.kind == AgreementKind::Sla && a.level == Level::Corporate
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
                .map(|d| Some(d.share()))
        }
        // Every ticket must be updated on time: a share met of 100%.
        PenaltyOn::Update { target, id } => terms
            .support
            .as_ref()
            .and_then(|s| s.targets.iter().find(|t| t.kind == *target && t.id == *id))
            .and_then(|t| t.update_every_ms.as_ref())
            .map(|_| Some(Decimal::ONE_HUNDRED)),
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
                .help(match &p.on {
                    PenaltyOn::Update { target, id } => format!(
                        "add `update every …` to {} {id} in `{}` (e.g. `update every 1h`), or remove this penalty",
                        target.keyword(),
                        a.name
                    ),
                    on => format!("add the {on} target to `{}`, or remove this penalty", a.name),
                }),
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
    if let Some(m) = terms.fee.as_ref().and_then(|f| f.value.money()) {
        amounts.push((&m.currency, terms.fee.as_ref().map_or(a.span, |f| f.span)));
    }
    for p in &terms.penalties {
        for c in p.tiers.iter().map(|t| &t.credit).chain(&p.each_breach) {
            if let Credit::Amount(m) = &c.value {
                amounts.push((&m.currency, c.span));
            }
        }
    }
    let name = region.map_or_else(
        || format!("`{}`", a.name),
        |r| format!("region `{r}` of `{}`", a.name),
    );
    diags.extend(crate::syntax::mixed_currencies(
        &amounts,
        |first, other| format!("{name} mixes currencies after inheritance: {first} and {other}"),
        "state the fee and every credit amount in one currency, also across `extends`",
    ));
}

/// E0308: an incident cannot be resolved before it has been responded to, so a `resolve`
/// shorter than the `response` of the same priority is a promise that cannot be kept.
fn resolve_after_response(terms: &Terms, diags: &mut Vec<Diagnostic>) {
    let Some(support) = &terms.support else {
        return;
    };
    for t in &support.targets {
        let (Some(response), Some(resolve)) = (&t.response, &t.resolve) else {
            continue;
        };
        // In business days both, compared by days; open time against business days has no
        // order and is not compared.
        let order = crate::model::strictness::length_order(&resolve.length(), &response.length());
        if order != Some(std::cmp::Ordering::Less) {
            continue;
        }
        let (r, s) = (response.length(), resolve.length());
        let words = crate::model::support::length_written;
        diags.push(
            Diagnostic::new(
                Code::E0308,
                resolve.duration_ms.span,
                format!(
                    "incident {} is to be resolved within {} but responded to within {}",
                    t.id,
                    words(s),
                    words(r)
                ),
            )
            .primary(format!("resolve {}", words(s)))
            .label(
                response.duration_ms.span,
                format!("response {}, later than the resolve", words(r)),
            )
            .help(format!(
                "an incident is responded to before it is resolved: make the resolve at least {} (`resolve {}`), or shorten the response",
                words(r),
                words(r)
            )),
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
        measured(o, diags);
        let Some(ind) = &o.indicator else { continue };
        if let Some(h) = &ind.histogram {
            let written = ind.errors.is_some()
                || ind.good.as_ref().is_some_and(|g| g.span != h.span)
                || ind.total.as_ref().is_some_and(|t| t.span != h.span);
            let problem = if o.kind != ObjectiveKind::Latency || o.within_ms.is_none() {
                Some((
                    format!("the {} objective has a `histogram`, which only a latency objective with `within` can use", o.id),
                    "a histogram gives the share of requests faster than the threshold: use it in `latency { target 99% within 300ms … }`, or write `errors`/`good` and `total` queries here",
                ))
            } else if written {
                Some((
                    format!("the indicator of the {} objective has both `histogram` and queries", o.id),
                    "keep `histogram` (slac writes the good and total queries from its buckets) or the queries, not both",
                ))
            } else if crate::model::histogram_parts(&h.value).is_none() {
                Some((
                    format!("`{}` is not a metric name with an optional selector", h.value),
                    "write the histogram's name without `_bucket`, and its labels in braces, e.g. `histogram \"http_request_duration_seconds{job=\\\"checkout\\\"}\"`",
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                diags.push(
                    Diagnostic::new(Code::E0307, h.span, message)
                        .primary("this histogram")
                        .help(help),
                );
                continue;
            }
        }
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

/// E0310: `measured by indicator` without an indicator, `measured by outages` on an
/// objective that outages cannot measure (latency, outcome).
fn measured(o: &crate::model::Objective, diags: &mut Vec<Diagnostic>) {
    let Some(m) = &o.measured else { return };
    let (what, help) = match (m.value, o.kind) {
        (MeasuredBy::Indicator, _) if o.indicator.is_none() => (
            format!(
                "the {} objective is measured by an indicator it does not declare",
                o.id
            ),
            "declare it, e.g. `indicator prometheus { errors \"…[{{window}}]…\" total \"…[{{window}}]…\" }`, or write `measured by outages` to judge it from the recorded outages".to_string(),
        ),
        (MeasuredBy::Outages, ObjectiveKind::Latency | ObjectiveKind::Outcome) => (
            format!(
                "the {} objective is measured by outages, which count downtime, not {}",
                o.id,
                if o.kind == ObjectiveKind::Latency {
                    "how fast requests are served"
                } else {
                    "what succeeds"
                }
            ),
            "only availability can be measured by outages; write `measured by indicator` (with an indicator) or remove `measured by`".to_string(),
        ),
        _ => return,
    };
    diags.push(
        Diagnostic::new(Code::E0310, m.span, what)
            .primary("measured by this")
            .label(o.span, "the objective")
            .help(help),
    );
}

/// W0308: an SLA with an external customer should build on its provider's corporate SLA.
fn corporate_floor(
    p: &Portfolio,
    a: &Agreement,
    floors: &std::collections::HashMap<usize, &Agreement>,
    diags: &mut Vec<Diagnostic>,
) {
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
    let Some(floor) = floors.get(&provider.value.index) else {
        return;
    };
    // Walk up the `extends` chain (acyclic: E0205 ran before) to any corporate SLA of
    // the same provider.
    let mut cur = a;
    let mut steps = 0;
    while let Some(ext) = &cur.extends {
        cur = &p.agreements[ext.value.index];
        if is_corporate_sla(cur)
            && cur
                .terms
                .provider
                .as_ref()
                .is_some_and(|x| x.value == provider.value)
        {
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
