//! Coverage between agreements: windows (W0406), maintenance (W0407), validity (E0404),
//! dependencies nobody covers (W0408) and subscriptions (E0409).

use super::subject::{instants, show, sup_name, who, Subject};
use crate::diag::{Code, Diagnostic};
use crate::model::periods::nominal_window_ms;
use crate::model::supporters::{reached, validity, Days2};
use crate::model::{
    Agreement, AgreementKind, Dependency, Level, ObjectiveKind, PartyKind, Portfolio, ALWAYS,
};
use crate::time::maintenance::first_counted_maintenance;
use crate::time::Calendar;
use chrono::NaiveDate;

/// W0406: a supporter measures availability over a longer window.
pub(super) fn windows(subject: &Subject<'_>, diags: &mut Vec<Diagnostic>) {
    let (a, region, terms, sups) = (
        subject.agreement,
        subject.region,
        subject.terms,
        &subject.supporters[..],
    );
    let Some(ours) = terms
        .objective(ObjectiveKind::Availability)
        .min_by_key(|o| nominal_window_ms(o.window()))
    else {
        return;
    };
    let mine = ours.window();
    for s in sups {
        let longer = s
            .terms
            .objective(ObjectiveKind::Availability)
            .filter(|o| {
                o.service
                    .as_ref()
                    .is_none_or(|r| s.covers.contains(&r.value.index))
            })
            .find(|o| nominal_window_ms(o.window()) > nominal_window_ms(mine));
        if let Some(o) = longer {
            diags.push(
                Diagnostic::new(
                    Code::W0406,
                    o.window.as_ref().map_or(o.span, |w| w.span),
                    format!(
                        "{} measures availability per {} but {} per {}",
                        sup_name(s),
                        o.window(),
                        who(a, region),
                        mine
                    ),
                )
                .primary("longer window")
                .label(ours.window.as_ref().map_or(ours.span, |w| w.span), "measured per this window")
                .help("a supporter can miss a shorter window and still meet its own; measure it over the same window or a shorter one"),
            );
        }
    }
}

/// W0407: a supporter's planned maintenance counts against X's availability.
pub(super) fn maintenance(subject: &Subject<'_>, diags: &mut Vec<Diagnostic>) {
    let (p, a, region, terms, sups) = (
        subject.portfolio,
        subject.agreement,
        subject.region,
        subject.terms,
        &subject.supporters[..],
    );
    let objectives: Vec<_> = terms.objective(ObjectiveKind::Availability).collect();
    if objectives.is_empty() {
        return;
    }
    let own_maint_index = terms
        .maintenance
        .as_ref()
        .and_then(|m| m.value.during.as_ref())
        .map(|c| c.value.index);
    let own_maint = own_maint_index.map(|c| &p.calendars[c].clock);
    for s in sups {
        let Some(m) = s.terms.maintenance.as_ref() else {
            continue;
        };
        let Some(mc) = &m.value.during else { continue };
        let theirs = &p.calendars[mc.value.index];
        let tz = theirs.clock.tz();
        // The whole overlap: the search skips the weeks that repeat (time::compare).
        let (from, to) = instants(tz, s.overlap);
        let during: Vec<usize> = objectives
            .iter()
            .map(|o| o.during.as_ref().map_or(ALWAYS, |c| c.value.index))
            .collect();
        let counted: Vec<&Calendar> = during.iter().map(|&d| &p.calendars[d].clock).collect();
        let hit = first_counted_maintenance(&theirs.clock, own_maint, &counted, from, to)
            .map(|(at, i)| (at, during[i]));
        if let Some((at, d)) = hit {
            diags.push(
                Diagnostic::new(
                    Code::W0407,
                    m.span,
                    format!(
                        "maintenance of {} on `{}` (e.g. {}) falls in hours where {} counts downtime on `{}`{}",
                        sup_name(s),
                        theirs.name,
                        show(at, tz, None),
                        who(a, region),
                        p.calendars[d].name,
                        if own_maint.is_some() { " outside its own maintenance window" } else { "" }
                    ),
                )
                .primary("the supporter's planned downtime")
                .label(a.name_span, "counts it as downtime")
                .help("align the maintenance windows, or exclude the supporter's window from this agreement's availability with a `maintenance` block"),
            );
        }
    }
}

/// E0404: every covered dependency (and own service, for an SLA) is covered during all of
/// X's validity; back-to-back renewals count, an `any_of` group is covered while one
/// member is.
pub(super) fn validity_cover(subject: &Subject<'_>, diags: &mut Vec<Diagnostic>) {
    let (p, index, a, region, terms, today) = (
        subject.portfolio,
        subject.covered_by,
        subject.agreement,
        subject.region,
        subject.terms,
        subject.today,
    );
    let own: Vec<usize> = terms.service_refs().iter().map(|r| r.index).collect();
    let mut units: Vec<Vec<usize>> = Vec::new();
    if a.kind == AgreementKind::Sla {
        units.extend(own.iter().map(|&s| vec![s]));
    }
    let mut graph = own.clone();
    graph.extend(reached(p, &own));
    for &s in &graph {
        for d in &p.services[s].depends_on {
            let unit: Vec<usize> = match d {
                Dependency::Service(r) => vec![r.value.index],
                Dependency::AnyOf(ms) | Dependency::KOfN { members: ms, .. } => {
                    ms.iter().map(|m| m.value.index).collect()
                }
            };
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
    }
    let window = subject.window;
    for unit in units {
        // A unit no OLA or UC covers at all is W0408's; one covered only by drafts or
        // proposals is not covered while a binding agreement is in force.
        let mut any = false;
        let mut spans: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        let mut ended: Vec<usize> = Vec::new();
        for &svc in &unit {
            for &i in &index[svc] {
                if p.agreements[i].name == a.name {
                    continue;
                }
                any = true;
                if subject.backs(i) {
                    spans.push(validity(&p.agreements[i].terms, today));
                    ended.push(i);
                }
            }
        }
        if !any {
            continue;
        }
        if let Some((g0, g1)) = first_gap(&spans, window) {
            let names: Vec<&str> = unit.iter().map(|&s| p.services[s].name.as_str()).collect();
            let what = if names.len() == 1 {
                format!("`{}`", names[0])
            } else {
                format!("any_of({})", names.join(", "))
            };
            let agreed = if subject.unagreed_cover(&unit) {
                "agreed "
            } else {
                ""
            };
            let span = terms.valid.as_ref().map_or(a.name_span, |v| v.span);
            let mut d = Diagnostic::new(
                Code::E0404,
                span,
                format!("{what} is not covered by any {agreed}OLA or UC from {g0} to {g1}, while {} is in force", who(a, region)),
            )
            .primary(format!("in force until {}", window.to));
            // A termination that opened the gap: the day after its last day.
            for &i in &ended {
                let l = &p.agreements[i].lifecycle;
                if let Some(t) = l
                    .terminated
                    .as_ref()
                    .filter(|t| t.on.value.succ_opt() == Some(g0))
                {
                    d = d.label(
                        t.span,
                        format!(
                            "`{}` is terminated: its last day in force is {}",
                            p.agreements[i].name, t.on.value
                        ),
                    );
                }
            }
            let d = d.help(format!(
                "renew the OLA or UC that covers {what} so that it runs back to back through {}",
                window.to
            ));
            diags.push(subject.with_reasons(d, &unit));
        }
    }
}

/// The first stretch of `window` that none of `spans` covers.
fn first_gap(
    spans: &[(NaiveDate, Option<NaiveDate>)],
    window: Days2,
) -> Option<(NaiveDate, NaiveDate)> {
    let mut sorted = spans.to_vec();
    sorted.sort();
    let mut covered_to: Option<NaiveDate> = None; // covered through this day
    let mut cursor = window.from;
    for (from, to) in sorted {
        if from > cursor {
            let gap_end = from.pred_opt().unwrap_or(from).min(window.to);
            return Some((cursor, gap_end));
        }
        match to {
            None => return None,
            Some(t) => {
                if covered_to.is_none_or(|c| t > c) {
                    covered_to = Some(t);
                }
                if t >= cursor {
                    cursor = t.succ_opt()?;
                }
            }
        }
        if cursor > window.to {
            return None;
        }
    }
    (cursor <= window.to).then_some((cursor, window.to))
}

/// W0408: a dependency no OLA or UC covers at any time.
pub(super) fn uncovered_dependencies(subject: &Subject<'_>, diags: &mut Vec<Diagnostic>) {
    let (p, index, a, region, terms) = (
        subject.portfolio,
        subject.covered_by,
        subject.agreement,
        subject.region,
        subject.terms,
    );
    let own: Vec<usize> = terms.service_refs().iter().map(|r| r.index).collect();
    for d in reached(p, &own) {
        if own.contains(&d) || index[d].iter().any(|&i| p.agreements[i].name != a.name) {
            continue;
        }
        let svc = &p.services[d];
        diags.push(
            Diagnostic::new(
                Code::W0408,
                svc.name_span,
                format!("`{}` is a dependency of {} but no OLA or UC covers it", svc.name, who(a, region)),
            )
            .primary("not covered by any OLA or UC")
            .label(a.name_span, "depends on it")
            .help(format!("cover `{}` with an OLA (a team) or a UC (a supplier), so the promise has something behind it", svc.name)),
        );
    }
}

/// E0409: a subscribed service without a customer- or service-level SLA for the customer.
pub(super) fn subscriptions(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for (ci, c) in p.parties.iter().enumerate() {
        if c.kind != PartyKind::Customer {
            continue;
        }
        let slas: Vec<&Agreement> = p
            .agreements
            .iter()
            .filter(|a| {
                a.kind == AgreementKind::Sla
                    && a.level != Level::Corporate
                    && a.terms
                        .customer
                        .as_ref()
                        .is_some_and(|r| r.value.index == ci)
            })
            .collect();
        for s in &c.subscribes {
            let covered = slas.iter().any(|a| {
                a.level == Level::Customer
                    || a.terms
                        .service_refs()
                        .iter()
                        .any(|r| r.index == s.value.index)
            });
            if !covered {
                diags.push(
                    Diagnostic::new(
                        Code::E0409,
                        s.span,
                        format!("`{}` subscribes to `{}`, but no SLA for `{}` covers it", c.name, s.value.name, c.name),
                    )
                    .primary("subscribed here")
                    .help(format!(
                        "add a service-level SLA with `customer {}` and `services {}`, or remove the subscription",
                        c.name, s.value.name
                    )),
                );
            }
        }
    }
}
