//! Lints (phase W05): review cadence, the watermelon effect, day-long durations on
//! business-hours clocks, unused items, expired agreements, an agreement left in UTC
//! beside calendars of one other zone, calendars whose closures stop before a year in
//! force, objectives burn-rate alerts cannot watch.

use crate::diag::{Code, Diagnostic};
use crate::model::{AgreementKind, Calendar, ObjectiveKind, PartyKind, Portfolio, Ref, Terms};
use crate::source::{Sp, Span};
use chrono::NaiveDate;

pub(crate) fn check(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    review(p, today, diags);
    watermelon(p, diags);
    day_durations(p, diags);
    unused(p, diags);
    expired(p, today, diags);
    utc_beside_one_zone(p, diags);
    closure_years(p, today, diags);
    claim_window(p, diags);
    unalertable(p, diags);
}

/// W0509: a monitored objective that burn-rate alerts cannot watch: a 100% target leaves
/// no error budget to burn, and a window shorter than the shortest alert window (1h)
/// cannot hold one. Reported once per objective as written (inherited ones at their
/// source).
fn unalertable(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    use crate::model::periods::SHORTEST_BURN_WINDOW_MS;
    for a in &p.agreements {
        for (_, t) in a.variants() {
            for o in t.objectives.iter().filter(|o| o.monitored()) {
                let Some(target) = &o.target else { continue };
                let why = if target.value >= rust_decimal::Decimal::ONE_HUNDRED {
                    (
                        target.span,
                        format!("the {} objective of `{}` allows no errors at all: a 100% target leaves no error budget to burn", o.id, a.name),
                        "no budget",
                    )
                } else if let crate::model::Window::Rolling(ms) = o.window() {
                    if ms >= SHORTEST_BURN_WINDOW_MS {
                        continue;
                    }
                    let span = o.window.as_ref().map_or(o.span, |w| w.span);
                    (
                        span,
                        format!("the {} objective of `{}` is measured over {}, shorter than the one hour the shortest burn-rate alert reads", o.id, a.name, crate::written::duration(ms)),
                        "shorter than an hour",
                    )
                } else {
                    continue;
                };
                diags.push(
                    Diagnostic::new(Code::W0509, why.0, why.1)
                        .primary(why.2)
                        .help("its monitoring pages only when the objective is being missed (`SlaObjectiveMissed`), with no early warning; give it a budget (a target below 100%) and a window of an hour or more, such as `window rolling 28d`"),
                );
            }
        }
    }
}

/// W0508: an SLA that promises credits (after inheritance, in any variant) but says
/// nowhere how long the customer has to claim them.
fn claim_window(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        if a.kind != AgreementKind::Sla {
            continue;
        }
        let Some(pen) = a
            .variants()
            .filter(|(_, t)| t.claim_within_ms.is_none() && t.more.claim_after_cycle.is_none())
            .find_map(|(_, t)| t.penalties.first())
        else {
            continue;
        };
        diags.push(
            Diagnostic::new(
                Code::W0508,
                a.name_span,
                format!(
                    "SLA `{}` grants service credits but states no claim window",
                    a.name
                ),
            )
            .primary("no `claims { within … }` here or in the terms it builds on")
            .label(pen.span, "a credit the customer can claim")
            .help("say how long after the end of a period a credit may be claimed, to whom and with what, e.g. `claims { within 30d to \"billing@acme.example\" with \"the incident numbers and times\" }`"),
        );
    }
}

/// W0501: last review (`reviewed`, else `valid from`) + cadence is before today.
fn review(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        let t = &a.terms;
        let Some(every) = &t.review_every_months else {
            continue;
        };
        let (last, span, what) = match (&t.reviewed, &t.valid) {
            (Some(r), _) => (r.value, r.span, "last reviewed"),
            (None, Some(v)) => (v.value.from, v.span, "in force since"),
            (None, None) => continue,
        };
        // The one rule `slac status` and the register use too.
        let Some(due) = crate::model::lifecycle::next_review(t) else {
            continue;
        };
        if due < today {
            diags.push(
                Diagnostic::new(
                    Code::W0501,
                    span,
                    format!("review of `{}` is overdue: {what} {last}, due every {} months, so by {due}", a.name, every.value),
                )
                .primary(format!("{what} {last}"))
                .label(every.span, "the review cadence")
                .help("review the agreement with its parties and record the date with `reviewed DATE`"),
            );
        }
    }
}

fn external_customer(p: &Portfolio, c: Option<&Sp<Ref>>) -> bool {
    c.is_some_and(|c| p.parties[c.value.index].kind == PartyKind::Customer)
}

/// W0502: an external SLA that measures availability and nothing else. Latency and
/// outcome objectives count, and so do support targets (response, resolve, fulfil): they
/// are commitments on what the customer gets, not on whether the service is up.
fn watermelon(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        if a.kind != AgreementKind::Sla || !external_customer(p, a.terms.customer.as_ref()) {
            continue;
        }
        let objs = &a.terms.objectives;
        let avail = objs.iter().find(|o| o.kind == ObjectiveKind::Availability);
        let other = objs.iter().any(|o| o.kind != ObjectiveKind::Availability)
            || a.variants().any(|(_, t)| {
                t.support.as_ref().is_some_and(|s| !s.targets.is_empty())
                    || t.objectives
                        .iter()
                        .any(|o| o.kind != ObjectiveKind::Availability)
            });
        if let (Some(av), false) = (avail, other) {
            let service = a
                .terms
                .service_refs()
                .first()
                .map_or_else(|| "the service".to_string(), |s| format!("`{}`", s.name));
            // A service measured by requests (an indicator) can promise how fast they are
            // answered; one measured otherwise (a desk, a printer fleet) what its users get
            // done and how fast they are helped.
            let help = if av.indicator.is_some() {
                format!(
                    "a service can be up and still useless (green outside, red inside); {service} is measured by its requests, so promise how fast they are answered, e.g. `latency 99% within 300ms per month` with an indicator like the availability one, or an outcome that counts what its users complete"
                )
            } else {
                format!(
                    "a service can be up and still useless (green outside, red inside); promise what the users of {service} get: support targets such as `support {{ incident p1 {{ response 1h resolve 8h }} }}`, or an outcome such as `outcome completed \"Jobs completed\" {{ target 99% window month }}`"
                )
            };
            diags.push(
                Diagnostic::new(
                    Code::W0502,
                    a.name_span,
                    format!("SLA `{}` promises availability and nothing else", a.name),
                )
                .primary("only availability is measured")
                .label(av.span, "the availability objective")
                .help(help),
            );
        }
    }
}

/// W0503: `d` or `w` in a support target whose clock is not open around the clock.
fn day_durations(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        for (_, terms) in a.variants() {
            let Some(support) = &terms.support else {
                continue;
            };
            for t in &support.targets {
                let clock = t.during.as_ref().or(support.during.as_ref());
                let Some(cal) = clock.map(|c| &p.calendars[c.value.index]) else {
                    continue;
                };
                if cal.clock.is_always() {
                    continue;
                }
                for (which, d) in t.deadlines() {
                    let text: &str = &d.written;
                    // `2 business days` says what it means (language.md §5.1).
                    if d.business_days.is_some() || !text.contains(['d', 'w']) {
                        continue;
                    }
                    let hours = cal.clock.week_open_minutes() as f64 / 60.0 / 5.0;
                    diags.push(
                        Diagnostic::new(
                            Code::W0503,
                            d.duration_ms.span,
                            format!(
                                "`{text}` on calendar `{}` is {text} of open hours, not {text} of business days",
                                cal.name
                            ),
                        )
                        .primary(format!("the {} clock of {} {} runs only while `{}` is open", which.keyword(), t.kind.keyword(), t.id, cal.name))
                        .help(format!(
                            "`1d` here is 24 open hours (about {:.0} working days); write the open hours you mean, e.g. `8h` for one working day",
                            24.0 / hours.max(1.0)
                        )),
                    );
                }
            }
        }
    }
}

/// W0504: calendars, teams, suppliers, services and customers nobody references.
fn unused(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    let mut parties = vec![false; p.parties.len()];
    let mut calendars = vec![false; p.calendars.len()];
    let mut services = vec![false; p.services.len()];
    for party in &p.parties {
        for s in &party.subscribes {
            services[s.value.index] = true;
        }
    }
    for s in &p.services {
        if let Some(o) = &s.owner {
            parties[o.value.index] = true;
        }
        for d in s
            .depends_on
            .iter()
            .flat_map(crate::model::Dependency::members)
        {
            services[d.value.index] = true;
        }
    }
    for a in &p.agreements {
        for terms in std::iter::once(&a.own).chain(a.regions.iter().map(|v| &v.own)) {
            for r in [&terms.provider, &terms.customer].into_iter().flatten() {
                parties[r.value.index] = true;
            }
            for s in terms.service_refs() {
                services[s.index] = true;
            }
            for o in &terms.objectives {
                if let Some(c) = &o.during {
                    calendars[c.value.index] = true;
                }
                if let Some(s) = &o.service {
                    services[s.value.index] = true;
                }
            }
            if let Some(s) = &terms.support {
                for c in s
                    .during
                    .iter()
                    .chain(s.targets.iter().filter_map(|t| t.during.as_ref()))
                {
                    calendars[c.value.index] = true;
                }
            }
            if let Some(m) = &terms.maintenance {
                if let Some(c) = &m.value.during {
                    calendars[c.value.index] = true;
                }
            }
        }
    }
    let mut report = |span, kind: &str, name: &str, help: &str| {
        diags.push(
            Diagnostic::new(Code::W0504, span, format!("{kind} `{name}` is never used"))
                .primary("defined here, referenced nowhere")
                .help(help.to_string()),
        );
    };
    for (c, used) in p.calendars.iter().zip(&calendars) {
        if !used && !c.builtin {
            report(
                c.name_span,
                "calendar",
                &c.name,
                "use it with `during`, or remove it",
            );
        }
    }
    for (party, used) in p.parties.iter().zip(&parties) {
        let help = match party.kind {
            PartyKind::Provider => continue,
            PartyKind::Customer => "name it as the `customer` of an SLA, or remove it",
            PartyKind::Team => "name it in an OLA or as a service `owner`, or remove it",
            PartyKind::Supplier => "name it as the `provider` of a UC, or remove it",
        };
        if !used {
            report(party.name_span, party.kind.keyword_str(), &party.name, help);
        }
    }
    for (s, used) in p.services.iter().zip(&services) {
        if !used {
            report(
                s.name_span,
                "service",
                &s.name,
                "cover it in an agreement, depend on it or subscribe to it, or remove it",
            );
        }
    }
}

/// W0505: validity ended before today.
fn expired(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        let Some(v) = &a.terms.valid else { continue };
        let Some(to) = v.value.to else { continue };
        if to < today {
            diags.push(
                Diagnostic::new(Code::W0505, v.span, format!("`{}` expired on {to}", a.name))
                    .primary(format!("valid until {to}"))
                    .help("renew it with a new validity, or remove it from the portfolio"),
            );
        }
    }
}

/// The calendars an agreement's terms name (objectives, support, its targets,
/// maintenance), built-in `always` left out, by index.
fn calendars_of(terms: &Terms) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let objectives = terms.objectives.iter().filter_map(|o| o.during.as_ref());
    let support = terms.support.iter().flat_map(|s| {
        s.during
            .iter()
            .chain(s.targets.iter().filter_map(|t| t.during.as_ref()))
    });
    let maintenance = terms
        .maintenance
        .iter()
        .filter_map(|m| m.value.during.as_ref());
    for c in objectives.chain(support).chain(maintenance) {
        if !out.contains(&c.value.index) {
            out.push(c.value.index);
        }
    }
    out
}

/// W0506: an agreement without `timezone` counts its months and reads its `valid` dates
/// in UTC; when every calendar it uses keeps one other zone, that is almost always a
/// `timezone` left out.
fn utc_beside_one_zone(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        if a.variants().any(|(_, t)| t.timezone.is_some()) {
            continue;
        }
        let mut used: Vec<usize> = Vec::new();
        for (_, t) in a.variants() {
            for c in calendars_of(t) {
                if !used.contains(&c) {
                    used.push(c);
                }
            }
        }
        let cals: Vec<&Calendar> = used
            .iter()
            .map(|&i| &p.calendars[i])
            .filter(|c| !c.builtin)
            .collect();
        let Some(first) = cals.first() else { continue };
        let zone = &first.timezone;
        if zone == "UTC" || cals.iter().any(|c| c.timezone != *zone) {
            continue;
        }
        let names: Vec<String> = cals.iter().map(|c| format!("`{}`", c.name)).collect();
        let mut d =
            Diagnostic::new(
                Code::W0506,
                a.name_span,
                format!(
                "`{}` has no `timezone`, so its months and dates are UTC, while {} {} {} {zone}",
                a.name,
                if names.len() == 1 { "its calendar" } else { "all its calendars" },
                or_list(&names, "and"),
                if names.len() == 1 { "keeps" } else { "keep" }
            ),
            )
            .primary("no `timezone`: reporting periods and validity in UTC");
        for c in cals.iter().take(3) {
            d = d.label(c.name_span, format!("in {}", c.timezone));
        }
        diags.push(d.help(format!(
            "add `timezone \"{zone}\"` so that months, quarters and the validity follow the same clock as the calendars; write `timezone \"UTC\"` if UTC is meant"
        )));
    }
}

/// W0507: a calendar with dated closures for some years but none for a year in which an
/// agreement using it is in force (an open end counts up to the end of the year after
/// `today`): that year's holidays are most likely missing. A recurring closure (`closed
/// every 12-25`, `closed easter+1`) covers every year.
fn closure_years(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    use chrono::Datelike;
    use std::collections::{BTreeMap, BTreeSet};
    for (ci, c) in p.calendars.iter().enumerate() {
        if c.builtin || c.closures.is_empty() || !c.recurring.is_empty() {
            continue;
        }
        let listed: BTreeSet<i32> = c.closures.iter().map(|d| d.date.year()).collect();
        // Missing year → the agreements in force then (name, span of validity or name).
        let mut missing: BTreeMap<i32, Vec<(&str, Span, String)>> = BTreeMap::new();
        for a in &p.agreements {
            if !a.variants().any(|(_, t)| calendars_of(t).contains(&ci)) {
                continue;
            }
            let (from, to) = crate::model::years_in_force(&a.terms, today);
            let (span, when) = match &a.terms.valid {
                Some(v) => (
                    v.span,
                    match v.value.to {
                        Some(to) => format!("`{}` is in force until {to}", a.name),
                        None => format!("`{}` has no end: counted to the end of {to}", a.name),
                    },
                ),
                None => (
                    a.name_span,
                    format!(
                        "`{}` has no `valid`: counted from today to the end of {to}",
                        a.name
                    ),
                ),
            };
            for y in (from..=to).filter(|y| !listed.contains(y)) {
                let list = missing.entry(y).or_default();
                if list.iter().all(|(n, _, _)| *n != a.name) {
                    list.push((&a.name, span, when.clone()));
                }
            }
        }
        let Some(first) = missing.values().next() else {
            continue;
        };
        let years = year_runs(&missing.keys().copied().collect::<Vec<_>>());
        let mut agreements: Vec<&str> = Vec::new();
        for list in missing.values() {
            for (n, _, _) in list {
                if !agreements.contains(n) {
                    agreements.push(n);
                }
            }
        }
        let shown = year_runs(&listed.iter().copied().collect::<Vec<_>>());
        let mut named: Vec<String> = agreements
            .iter()
            .take(3)
            .map(|n| format!("`{n}`"))
            .collect();
        if agreements.len() > 3 {
            named.push(format!("{} more", agreements.len() - 3));
        }
        let mut d = Diagnostic::new(
            Code::W0507,
            c.name_span,
            format!(
                "calendar `{}` lists closures for {} but none for {}, when {} {} in force",
                c.name,
                or_list(&shown, "and"),
                or_list(&years, "or"),
                or_list(&named, "and"),
                if named.len() == 1 { "is" } else { "are" }
            ),
        )
        .primary(format!("no closures in {}", or_list(&years, "or")));
        for (_, span, when) in first.iter().take(3) {
            d = d.label(*span, when.clone());
        }
        diags.push(d.help(format!(
            "list the closures of {} (holidays that fall on the same day every year can be written once: `closed every 12-25 \"Christmas Day\"`, `closed easter+1 \"Easter Monday\"`)",
            or_list(&years, "and")
        )));
    }
}

/// Sorted years as runs: `2026`, `2028 to 2030`.
fn year_runs(years: &[i32]) -> Vec<String> {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == y => *last = y,
            _ => runs.push((y, y)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a} to {b}")
            }
        })
        .collect()
}

/// `a`, `a and b`, `a, b and c` (or `or`).
fn or_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}
