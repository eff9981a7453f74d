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
                        .primary(format!("{} {} runs on `{}`", t.kind.keyword(), t.id, x_cal.name))
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
                    .primary(format!("{} on `{}`", length_written(dxv), x_cal.name))
                    .label(ds.duration_ms.span, format!("{} on `{}`", length_written(dsv), p.calendars[cs].name))
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
