//! Between agreements (phase E04): every service-level SLA and OLA, and each regional
//! variant, against its supporters (supporters.rs).

use super::availability::{self, Plain};
use super::clock::{first_deadline_breach, first_uncovered, PairKey};
use super::supporters::{
    coverage_index, is_checked, own_window, reached, supporters, validity, Days2, Supporter,
};
use super::{fmt_duration, fmt_window, nominal_window_ms};
use crate::diag::{Code, Diagnostic};
use crate::model::{
    Agreement, AgreementKind, Deadline, Dependency, Level, ObjectiveKind, PartyKind, Portfolio,
    Target, TargetKind, Terms, ALWAYS,
};
use crate::time::Instant;
use chrono::{NaiveDate, TimeZone};
use std::collections::HashMap;

pub fn check(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let index = coverage_index(p);
    let plain = Plain::new(p);
    let mut memo = Memo::default();
    for (x, a) in p.agreements.iter().enumerate() {
        if !is_checked(a) {
            continue;
        }
        for (variant, terms) in a.variants() {
            let region = variant.map(|v| v.name.as_str());
            let sups = supporters(p, &index, x, terms, region, today);
            let window = own_window(terms, today);
            availability::check(p, &plain, a, region, terms, window, &sups, diags);
            support(p, a, region, terms, &sups, &mut memo, diags);
            windows(p, a, region, terms, &sups, diags);
            maintenance(p, a, region, terms, &sups, diags);
            validity_cover(p, &index, a, region, terms, today, diags);
            uncovered_dependencies(p, &index, a, region, terms, diags);
        }
    }
    subscriptions(p, diags);
}

fn who(a: &Agreement, region: Option<&str>) -> String {
    match region {
        Some(r) => format!("`{}` (region {r})", a.name),
        None => format!("`{}`", a.name),
    }
}

fn sup_name(s: &Supporter<'_>) -> String {
    match s.region {
        Some(r) => format!("`{}` (region {r})", s.agreement.name),
        None => format!("`{}`", s.agreement.name),
    }
}

/// Local midnight at the start of `date` in `tz` (the earliest such instant).
fn day_start(tz: chrono_tz::Tz, date: NaiveDate) -> Instant {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => Instant::from(t.with_timezone(&chrono::Utc)),
        // Midnight skipped by a clock change: the day starts an hour later.
        None => Instant::from(naive.and_utc()).saturating_add(3_600_000),
    }
}

fn instants(tz: chrono_tz::Tz, days: Days2) -> (Instant, Instant) {
    (
        day_start(tz, days.from),
        day_start(tz, days.to.succ_opt().unwrap_or(days.to)),
    )
}

fn clock_of(target: &Target, terms: &Terms) -> usize {
    target
        .during
        .as_ref()
        .or(terms.support.as_ref().and_then(|s| s.during.as_ref()))
        .map_or(ALWAYS, |c| c.value.index)
}

#[derive(Default)]
struct Memo {
    deadlines: HashMap<PairKey<usize>, Option<super::clock::DeadlineBreach>>,
    uncovered: HashMap<PairKey<usize>, Option<(Instant, Instant)>>,
}

fn kind_word(k: TargetKind) -> &'static str {
    match k {
        TargetKind::Incident => "incident",
        TargetKind::Request => "request",
    }
}

fn show(i: Instant, tz: chrono_tz::Tz, same_day_as: Option<Instant>) -> String {
    let Some(t) = i.in_tz(tz) else {
        return format!("{i:?}");
    };
    if let Some(d) = same_day_as.and_then(|o| o.in_tz(tz)) {
        if d.date_naive() == t.date_naive() {
            return t.format("%H:%M").to_string();
        }
    }
    t.format("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// E0402, E0403 and E0405.
fn support(
    p: &Portfolio,
    a: &Agreement,
    region: Option<&str>,
    terms: &Terms,
    sups: &[Supporter<'_>],
    memo: &mut Memo,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(ours) = &terms.support else { return };
    for s in sups {
        let Some(theirs) = &s.terms.support else {
            continue;
        };
        let mut uncovered_pairs: Vec<(usize, usize)> = Vec::new();
        for t in &ours.targets {
            if t.kind == TargetKind::Request && !s.covers_own {
                continue;
            }
            let Some(st) = theirs
                .targets
                .iter()
                .find(|x| x.kind == t.kind && x.id == t.id)
            else {
                diags.push(
                    Diagnostic::new(
                        Code::E0405,
                        t.id_span,
                        format!(
                            "{} has no target for {} `{}` of {}",
                            sup_name(s),
                            kind_word(t.kind),
                            t.id,
                            who(a, region)
                        ),
                    )
                    .primary(format!("{} {} promised here", kind_word(t.kind), t.id))
                    .label(s.agreement.name_span, "supports it, but has no such target")
                    .help(format!(
                        "add `{} {} {{ … }}` to `{}` so that the promise is backed",
                        kind_word(t.kind),
                        t.id,
                        s.agreement.name
                    )),
                );
                continue;
            };
            let cx = clock_of(t, terms);
            let cs = clock_of(st, s.terms);
            let x_cal = &p.calendars[cx];
            let tz = x_cal.clock.tz();
            let (from, to) = instants(tz, s.overlap);
            // E0403 first: one report per pair of calendars, and no E0402 for it.
            if !uncovered_pairs.contains(&(cx, cs)) {
                let key = PairKey::deadline(cx, 0, cs, 0, from, to);
                let gap = *memo.uncovered.entry(key).or_insert_with(|| {
                    first_uncovered(&x_cal.clock, &p.calendars[cs].clock, from, to)
                });
                if let Some((g0, g1)) = gap {
                    uncovered_pairs.push((cx, cs));
                    diags.push(
                        Diagnostic::new(
                            Code::E0403,
                            t.id_span,
                            format!(
                                "support hours of {} are not covered by {}: from {} to {} the clock of `{}` runs but `{}` is closed",
                                who(a, region),
                                sup_name(s),
                                show(g0, tz, None),
                                show(g1, tz, Some(g0)),
                                x_cal.name,
                                p.calendars[cs].name
                            ),
                        )
                        .primary(format!("{} {} runs on `{}`", kind_word(t.kind), t.id, x_cal.name))
                        .label(st.id_span, format!("backed on `{}`", p.calendars[cs].name))
                        .help("the supporter must be working whenever this clock runs: widen its calendar, or narrow this one"),
                    );
                }
            }
            for which in [Deadline::Response, Deadline::Resolve, Deadline::Fulfil] {
                let Some(dx) = t.deadline(which) else {
                    continue;
                };
                let Some(ds) = st.deadline(which) else {
                    diags.push(
                        Diagnostic::new(
                            Code::E0405,
                            dx.span,
                            format!(
                                "{} has no {} target for {} `{}` of {}",
                                sup_name(s),
                                which.keyword(),
                                kind_word(t.kind),
                                t.id,
                                who(a, region)
                            ),
                        )
                        .primary("promised here")
                        .label(st.span, "the supporter's target lacks it")
                        .help(format!(
                            "add `{} …` to {} `{}` of `{}`",
                            which.keyword(),
                            kind_word(t.kind),
                            t.id,
                            s.agreement.name
                        )),
                    );
                    continue;
                };
                if uncovered_pairs.contains(&(cx, cs)) {
                    continue;
                }
                let (dxv, dsv) = (dx.duration_ms.value, ds.duration_ms.value);
                let key = PairKey::deadline(cx, dxv, cs, dsv, from, to);
                let breach = *memo.deadlines.entry(key).or_insert_with(|| {
                    first_deadline_breach(&x_cal.clock, dxv, &p.calendars[cs].clock, dsv, from, to)
                });
                let Some(b) = breach else { continue };
                let theirs_text = b
                    .theirs
                    .map_or_else(|| "never".to_string(), |t| show(t, tz, Some(b.opened)));
                diags.push(
                    Diagnostic::new(
                        Code::E0402,
                        dx.duration_ms.span,
                        format!(
                            "{} does not back the {} {} deadline of {}: a ticket opened {} is due {} under `{}` but {} under `{}`",
                            sup_name(s),
                            t.id,
                            which.keyword(),
                            who(a, region),
                            show(b.opened, tz, None),
                            show(b.ours, tz, Some(b.opened)),
                            a.name,
                            theirs_text,
                            s.agreement.name
                        ),
                    )
                    .primary(format!("{} on `{}`", fmt_duration(dxv), x_cal.name))
                    .label(ds.duration_ms.span, format!("{} on `{}`", fmt_duration(dsv), p.calendars[cs].name))
                    .help(format!(
                        "shorten the {} target of `{}` or move it to a calendar that is open when tickets arrive; or lengthen this one",
                        which.keyword(),
                        s.agreement.name
                    )),
                );
            }
        }
    }
}

/// W0406: a supporter measures availability over a longer window.
fn windows(
    p: &Portfolio,
    a: &Agreement,
    region: Option<&str>,
    terms: &Terms,
    sups: &[Supporter<'_>],
    diags: &mut Vec<Diagnostic>,
) {
    let _ = p;
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
                        fmt_window(o.window()),
                        who(a, region),
                        fmt_window(mine)
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
fn maintenance(
    p: &Portfolio,
    a: &Agreement,
    region: Option<&str>,
    terms: &Terms,
    sups: &[Supporter<'_>],
    diags: &mut Vec<Diagnostic>,
) {
    let objectives: Vec<_> = terms.objective(ObjectiveKind::Availability).collect();
    if objectives.is_empty() {
        return;
    }
    let own_maint = terms
        .maintenance
        .as_ref()
        .and_then(|m| m.value.during.as_ref())
        .map(|c| &p.calendars[c.value.index].clock);
    for s in sups {
        let Some(m) = s.terms.maintenance.as_ref() else {
            continue;
        };
        let Some(mc) = &m.value.during else { continue };
        let theirs = &p.calendars[mc.value.index];
        let tz = theirs.clock.tz();
        let (from, to) = instants(tz, s.overlap);
        let pieces = match own_maint {
            Some(own) => theirs.clock.uncovered_by(own, from, to),
            None => theirs.clock.open_intervals(from, to),
        };
        let hit = pieces.iter().find_map(|&(x0, x1)| {
            objectives.iter().find_map(|o| {
                let d = o.during.as_ref().map_or(ALWAYS, |c| c.value.index);
                (p.calendars[d].clock.open_time(x0, x1) > 0).then_some((x0, d))
            })
        });
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
fn validity_cover(
    p: &Portfolio,
    index: &[Vec<usize>],
    a: &Agreement,
    region: Option<&str>,
    terms: &Terms,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) {
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
                Dependency::AnyOf(ms) => ms.iter().map(|m| m.value.index).collect(),
            };
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
    }
    let window = own_window(terms, today);
    for unit in units {
        let mut spans: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        for &svc in &unit {
            for &i in &index[svc] {
                if p.agreements[i].name == a.name {
                    continue;
                }
                spans.push(validity(&p.agreements[i].terms, today));
            }
        }
        if spans.is_empty() {
            continue;
        }
        if let Some((g0, g1)) = first_gap(&spans, window) {
            let names: Vec<&str> = unit.iter().map(|&s| p.services[s].name.as_str()).collect();
            let what = if names.len() == 1 {
                format!("`{}`", names[0])
            } else {
                format!("any_of({})", names.join(", "))
            };
            let span = terms.valid.as_ref().map_or(a.name_span, |v| v.span);
            diags.push(
                Diagnostic::new(
                    Code::E0404,
                    span,
                    format!("{what} is not covered by any OLA or UC from {g0} to {g1}, while {} is in force", who(a, region)),
                )
                .primary(format!("in force until {}", window.to))
                .help(format!("renew the OLA or UC that covers {what} so that it runs back to back through {}", window.to)),
            );
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
fn uncovered_dependencies(
    p: &Portfolio,
    index: &[Vec<usize>],
    a: &Agreement,
    region: Option<&str>,
    terms: &Terms,
    diags: &mut Vec<Diagnostic>,
) {
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
fn subscriptions(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
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
