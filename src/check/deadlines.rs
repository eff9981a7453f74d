//! E0402, E0403 and E0405: each support target of X against the same target of each
//! supporter, on their own clocks, exact to the minute over the validity overlap.

use super::subject::{clock_of, instants, show, sup_name, who, Subject};
use crate::diag::{Code, Diagnostic};
use crate::model::support::length_written;
use crate::model::{Deadline, TargetKind};
use crate::time::compare::{first_deadline_breach, first_uncovered, DeadlineBreach, PairKey};
use crate::time::compare_days::first_length_breach;
use crate::time::Instant;
use crate::time::Length;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Memo {
    deadlines: HashMap<PairKey<usize>, Option<DeadlineBreach>>,
    uncovered: HashMap<PairKey<usize>, Option<(Instant, Instant)>>,
    /// Questions with a deadline in business days on either side.
    days: HashMap<DaysKey, Option<DeadlineBreach>>,
}

/// (our calendar, our length, their calendar, their length, from, to).
type DaysKey = (usize, Length, usize, Length, Instant, Instant);

/// E0402, E0403 and E0405.
pub(super) fn support(subject: &Subject<'_>, memo: &mut Memo, diags: &mut Vec<Diagnostic>) {
    let (p, a, region, terms, sups) = (
        subject.portfolio,
        subject.agreement,
        subject.region,
        subject.terms,
        &subject.supporters[..],
    );
    let Some(ours) = &terms.support else { return };
    let mut uncovered: Vec<Uncovered> = Vec::new();
    for s in sups {
        let Some(theirs) = &s.terms.support else {
            continue;
        };
        let mut uncovered_pairs: Vec<(usize, usize)> = Vec::new();
        let mut weak: Vec<(String, String, Diagnostic)> = Vec::new();
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
                            t.kind.keyword(),
                            t.id,
                            who(a, region)
                        ),
                    )
                    .primary(format!("{} {} promised here", t.kind.keyword(), t.id))
                    .label(s.agreement.name_span, "supports it, but has no such target")
                    .help(format!(
                        "add `{} {} {{ … }}` to `{}` so that the promise is backed",
                        t.kind.keyword(),
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
            // The whole overlap, however long: the searches skip the weeks
            // that repeat (time::compare), so they cost per closure and per
            // clock change, not per year.
            let (from, to) = instants(tz, s.overlap);
            // E0403 first: one report per pair of calendars, and no E0402 for it.
            if !uncovered_pairs.contains(&(cx, cs)) {
                let key = PairKey::deadline(cx, 0, cs, 0, from, to);
                let gap = *memo.uncovered.entry(key).or_insert_with(|| {
                    first_uncovered(&x_cal.clock, &p.calendars[cs].clock, from, to)
                });
                if let Some((g0, g1)) = gap {
                    uncovered_pairs.push((cx, cs));
                    uncovered.push(Uncovered {
                        calendar: cx,
                        supporter: sup_name(s),
                        gap: format!(
                            "{} (closed from {} to {})",
                            sup_name(s),
                            show(g0, tz, None),
                            show(g1, tz, Some(g0))
                        ),
                        diag: Diagnostic::new(
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
                        .primary(format!("{} {} runs on `{}`", t.kind.keyword(), t.id, x_cal.name))
                        .label(st.id_span, format!("backed on `{}`", p.calendars[cs].name))
                        .help(uncovered_help(p, cx, cs)),
                    });
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
                                t.kind.keyword(),
                                t.id,
                                who(a, region)
                            ),
                        )
                        .primary("promised here")
                        .label(st.span, "the supporter's target lacks it")
                        .help(format!(
                            "add `{} …` to {} `{}` of `{}`",
                            which.keyword(),
                            t.kind.keyword(),
                            t.id,
                            s.agreement.name
                        )),
                    );
                    continue;
                };
                if uncovered_pairs.contains(&(cx, cs)) {
                    continue;
                }
                let (dxv, dsv) = (dx.length(), ds.length());
                let breach = match (dxv, dsv) {
                    (Length::Open(a), Length::Open(b)) => {
                        let key = PairKey::deadline(cx, a, cs, b, from, to);
                        *memo.deadlines.entry(key).or_insert_with(|| {
                            first_deadline_breach(
                                &x_cal.clock,
                                a,
                                &p.calendars[cs].clock,
                                b,
                                from,
                                to,
                            )
                        })
                    }
                    // Business days on either side (language.md §5.1): compared exactly too.
                    _ => *memo
                        .days
                        .entry((cx, dxv, cs, dsv, from, to))
                        .or_insert_with(|| {
                            first_length_breach(
                                &x_cal.clock,
                                dxv,
                                &p.calendars[cs].clock,
                                dsv,
                                from,
                                to,
                            )
                        }),
                };
                let Some(b) = breach else { continue };
                let theirs_text = b
                    .theirs
                    .map_or_else(|| "never".to_string(), |t| show(t, tz, Some(b.opened)));
                let detail = format!(
                    "a ticket opened {} is due {} under `{}` but {} under `{}`",
                    show(b.opened, tz, None),
                    show(b.ours, tz, Some(b.opened)),
                    a.name,
                    theirs_text,
                    s.agreement.name
                );
                let deadline = format!("{} {}", t.id, which.keyword());
                weak.push((
                    deadline.clone(),
                    detail.clone(),
                    Diagnostic::new(
                        Code::E0402,
                        dx.duration_ms.span,
                        format!(
                            "{} does not back the {deadline} deadline of {}: {detail}",
                            sup_name(s),
                            who(a, region),
                        ),
                    )
                    .primary(format!("{} on `{}`", length_written(dxv), x_cal.name))
                    .label(ds.duration_ms.span, format!("{} on `{}`", length_written(dsv), p.calendars[cs].name))
                    .help(format!(
                        "shorten the {} target of `{}` or move it to a calendar that is open when tickets arrive; or lengthen this one",
                        which.keyword(),
                        s.agreement.name
                    )),
                ));
            }
        }
        diags.extend(one_weak_supporter(
            weak,
            &sup_name(s),
            &who(a, region),
            &s.agreement.name,
        ));
    }
    diags.extend(one_clock(uncovered, p, &who(a, region)));
}

/// An E0403 found, before the reports of one clock are put together.
struct Uncovered {
    /// The calendar whose hours are not covered.
    calendar: usize,
    supporter: String,
    /// The supporter and when it is closed, in words.
    gap: String,
    diag: Diagnostic,
}

/// The help of E0403: the concrete fix when the clock is `always` because no `during`
/// says otherwise (the usual cause), else the general one.
fn uncovered_help(p: &crate::model::Portfolio, ours: usize, theirs: usize) -> String {
    if ours == crate::model::ALWAYS && theirs != crate::model::ALWAYS {
        format!(
            "this clock is `always` (no `during` says otherwise); if support is given in `{}`'s hours, add `during {}` to the support block, else the supporter must work around the clock",
            p.calendars[theirs].name, p.calendars[theirs].name
        )
    } else {
        "the supporter must be working whenever this clock runs: widen its calendar, or narrow this one".to_string()
    }
}

/// One E0402 per weak supporter: its first breach, with every other deadline of the same
/// agreement it does not back listed and labelled (one cause, its consequences).
fn one_weak_supporter(
    weak: Vec<(String, String, Diagnostic)>,
    supporter: &str,
    who: &str,
    supporter_id: &str,
) -> Option<Diagnostic> {
    let mut it = weak.into_iter();
    let (first, detail, mut d) = it.next()?;
    let rest: Vec<(String, String, Diagnostic)> = it.collect();
    if rest.is_empty() {
        return Some(d);
    }
    let names: Vec<String> = std::iter::once(&first)
        .chain(rest.iter().map(|(n, _, _)| n))
        .map(|n| format!("`{n}`"))
        .collect();
    d.message = format!(
        "{supporter} does not back {} deadlines of {who}: {}",
        names.len(),
        names.join(", ")
    );
    for (name, _, other) in &rest {
        if let Some(span) = other.primary_span() {
            d = d.label(span, format!("{name}: not backed either"));
        }
    }
    d.help = Some(format!(
        "for example, for {first}: {detail}; strengthen the targets of `{supporter_id}` (shorter deadlines, or a calendar open when tickets arrive), or lengthen these"
    ));
    Some(d)
}

/// One E0403 per clock of the agreement: every supporter that does not cover it listed
/// and labelled (a missing `during` is one cause with as many consequences as supporters).
fn one_clock(uncovered: Vec<Uncovered>, p: &crate::model::Portfolio, who: &str) -> Vec<Diagnostic> {
    let mut out: Vec<(usize, Vec<Uncovered>)> = Vec::new();
    for u in uncovered {
        match out.iter_mut().find(|(c, _)| *c == u.calendar) {
            Some((_, list)) => list.push(u),
            None => out.push((u.calendar, vec![u])),
        }
    }
    out.into_iter()
        .filter_map(|(calendar, list)| {
            let mut it = list.into_iter();
            let first = it.next()?;
            let rest: Vec<Uncovered> = it.collect();
            if rest.is_empty() {
                return Some(first.diag);
            }
            let mut d = first.diag.clone();
            let gaps: Vec<String> = std::iter::once(first.gap)
                .chain(rest.iter().map(|u| u.gap.clone()))
                .collect();
            d.message = format!(
                "support hours of {who} on `{}` are not covered by {} supporters: {}",
                p.calendars[calendar].name,
                gaps.len(),
                gaps.join("; ")
            );
            // Each supporter's label says whose it is.
            let named = |who: &str, l: &crate::diag::Label| crate::diag::Label {
                span: l.span,
                message: Some(format!(
                    "{who}: {}",
                    l.message.as_deref().unwrap_or_default()
                )),
            };
            let own: Vec<crate::diag::Label> = d
                .labels
                .iter()
                .skip(1)
                .map(|l| named(&first.supporter, l))
                .collect();
            d.labels.truncate(1);
            d.labels.extend(own);
            for u in &rest {
                let labels: Vec<crate::diag::Label> = u
                    .diag
                    .labels
                    .iter()
                    .skip(1)
                    .map(|l| named(&u.supporter, l))
                    .collect();
                d.labels.extend(labels);
            }
            Some(d)
        })
        .collect()
}
