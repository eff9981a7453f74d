//! Lints (phase W05): review cadence, the watermelon effect, day-long durations on
//! business-hours clocks, unused items, expired agreements.

use crate::diag::{Code, Diagnostic};
use crate::model::{AgreementKind, ObjectiveKind, PartyKind, Portfolio, Ref};
use crate::source::{SourceMap, Sp};
use chrono::{Months, NaiveDate};

pub fn check(p: &Portfolio, sources: &SourceMap, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    review(p, today, diags);
    watermelon(p, diags);
    day_durations(p, sources, diags);
    unused(p, diags);
    expired(p, today, diags);
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
        let Some(due) = last.checked_add_months(Months::new(every.value)) else {
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

/// W0502: an external SLA that measures availability and nothing else.
fn watermelon(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for a in &p.agreements {
        if a.kind != AgreementKind::Sla || !external_customer(p, a.terms.customer.as_ref()) {
            continue;
        }
        let objs = &a.terms.objectives;
        let avail = objs.iter().find(|o| o.kind == ObjectiveKind::Availability);
        let other = objs.iter().any(|o| o.kind != ObjectiveKind::Availability);
        if let (Some(av), false) = (avail, other) {
            diags.push(
                Diagnostic::new(
                    Code::W0502,
                    a.name_span,
                    format!("SLA `{}` promises availability and nothing else", a.name),
                )
                .primary("only availability is measured")
                .label(av.span, "the availability objective")
                .help("a service can be up and still useless (green outside, red inside); add a latency or outcome objective, e.g. `latency 99% within 300ms per month`"),
            );
        }
    }
}

/// W0503: `d` or `w` in a support target whose clock is not open around the clock.
fn day_durations(p: &Portfolio, sources: &SourceMap, diags: &mut Vec<Diagnostic>) {
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
                    let text = sources.slice(d.duration_ms.span);
                    if !text.contains(['d', 'w']) {
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
                        .primary(format!("the {} clock of {} {} runs only while `{}` is open", which.keyword(), match t.kind { crate::model::TargetKind::Incident => "incident", crate::model::TargetKind::Request => "request" }, t.id, cal.name))
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
