//! Downtime definitions, `k of` dependencies and yearly maintenance allowances, each
//! agreement on its own (phase E03, language.md §4.1 and §9): E0320–E0323.

use super::fmt_duration;
use crate::diag::{Code, Diagnostic};
use crate::model::{
    Dependency, DowntimeDef, MeasuredBy, Objective, ObjectiveKind, Portfolio, Terms, Window,
};
use crate::written::percent_normalized as pct;
use rust_decimal::Decimal;

const DAY_MS: i64 = 86_400_000;
/// The shortest month: a minimum downtime must fit in every period it is judged over.
const SHORTEST_MONTH_MS: i64 = 28 * DAY_MS;
const LONGEST_YEAR_MS: i64 = 366 * DAY_MS;
const LONGEST_MONTH_MS: i64 = 31 * DAY_MS;

/// The shortest a window lasts, in milliseconds.
fn shortest(w: Window) -> i64 {
    match w {
        Window::Week => 7 * DAY_MS,
        Window::Month => SHORTEST_MONTH_MS,
        Window::Quarter => 89 * DAY_MS,
        Window::Year => 365 * DAY_MS,
        Window::Rolling(ms) => ms,
    }
}

/// E0320 and E0321 on every objective's `downtime` block, E0323 on the maintenance
/// allowances.
pub(crate) fn check(terms: &Terms, diags: &mut Vec<Diagnostic>) {
    for o in &terms.objectives {
        if let Some(d) = &o.downtime {
            definition(o, &d.value, d.span, diags);
        }
    }
    if let Some(m) = &terms.maintenance {
        for (max, limit, per) in [
            (&m.value.max_per_month_ms, LONGEST_MONTH_MS, "month"),
            (&m.value.max_per_year_ms, LONGEST_YEAR_MS, "year"),
        ] {
            let Some(max) = max else { continue };
            if max.value > limit {
                diags.push(
                    Diagnostic::new(
                        Code::E0323,
                        max.span,
                        format!(
                            "a maintenance allowance of {} per {per} is longer than a {per}",
                            fmt_duration(max.value)
                        ),
                    )
                    .primary("more than the period lasts")
                    .help(format!(
                        "write the maintenance that may be excused in one {per}, at most {}",
                        fmt_duration(limit)
                    )),
                );
            }
        }
    }
}

fn definition(
    o: &Objective,
    d: &DowntimeDef,
    span: crate::source::Span,
    diags: &mut Vec<Diagnostic>,
) {
    let window = o.window();
    if let Some(min) = &d.at_least_ms {
        if min.value <= 0 || min.value >= shortest(window) {
            diags.push(
                Diagnostic::new(
                    Code::E0320,
                    min.span,
                    format!(
                        "a minimum downtime of {} does not fit the {} objective's window ({window})",
                        fmt_duration(min.value),
                        o.id
                    ),
                )
                .primary("no downtime would ever count")
                .help("the minimum is a short stretch such as `at least 1m`, well under the window"),
            );
        }
    }
    let intervals = [
        d.errors_above
            .as_ref()
            .map(|t| (t.value.interval_ms, t.span)),
        d.average_per_ms.as_ref().map(|a| (a.value, a.span)),
    ];
    for (ms, at) in intervals.into_iter().flatten() {
        if ms < 1000 || DAY_MS % ms != 0 || ms >= shortest(window) {
            diags.push(
                Diagnostic::new(
                    Code::E0320,
                    at,
                    format!(
                        "intervals of {} do not divide the days of the {} objective's window",
                        fmt_duration(ms),
                        o.id
                    ),
                )
                .primary("interval length")
                .help("use whole seconds that divide a day, e.g. `per 1m` or `per 5m`"),
            );
        }
    }
    if let Some(t) = &d.errors_above {
        let p = t.value.percent;
        if p >= Decimal::ONE_HUNDRED {
            diags.push(
                Diagnostic::new(
                    Code::E0320,
                    t.span,
                    format!("no interval can have more than {} errors", pct(p)),
                )
                .primary("error threshold")
                .help("an interval is down when more than P% of its requests fail: P is below 100%, e.g. `errors above 5% per 1m`"),
            );
        }
    }
    let conflict = |a: crate::source::Span, what: String, help: &str| {
        Diagnostic::new(Code::E0321, a, what)
            .primary("conflicts")
            .label(span, "the downtime definition")
            .help(help.to_string())
    };
    if o.kind != ObjectiveKind::Availability {
        return; // E0109 said so.
    }
    match (&d.errors_above, &d.average_per_ms, &d.at_least_ms) {
        (Some(_), Some(a), _) => diags.push(conflict(
            a.span,
            format!("the {} objective defines downtime both by an error threshold and by the average error rate", o.id),
            "keep one: `errors above P per D` (intervals over the threshold are down) or `average error rate per D` (100% minus the average rate)",
        )),
        (None, Some(_), Some(m)) => diags.push(conflict(
            m.span,
            format!("a minimum downtime has no meaning for the {} objective, measured by its average error rate", o.id),
            "remove `at least`, or define downtime by `errors above P per D`",
        )),
        _ => {}
    }
    if d.request_interval_ms().is_some() {
        if let Some(m) = &o.measured {
            let by = match m.value {
                MeasuredBy::Indicator => "indicator",
                MeasuredBy::Outages => "outages",
            };
            diags.push(conflict(
                m.span,
                format!("the {} objective is measured by its error rates, not by {by}", o.id),
                "an error-rate definition of downtime is judged from the requests counted per interval (`slac eval --requests`); remove `measured by`",
            ));
        }
    }
}

/// E0322: `k of (…)` needs 1 ≤ k ≤ n, and two or more members.
pub(crate) fn dependencies(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    for s in &p.services {
        for d in &s.depends_on {
            let Dependency::KOfN { k, members } = d else {
                continue;
            };
            let n = members.len();
            if *k == 0 || *k as usize > n || n < 2 {
                let span = members.first().map_or(s.span, |f| {
                    f.span.merge(members.last().map_or(f.span, |l| l.span))
                });
                diags.push(
                    Diagnostic::new(
                        Code::E0322,
                        span,
                        format!(
                            "service `{}` needs {k} of {n} dependencies, which cannot be met",
                            s.name
                        ),
                    )
                    .primary(format!("{n} listed"))
                    .help("list two or more services and need between 1 and all of them, e.g. `depends_on 2 of (az_a, az_b, az_c)`"),
                );
            }
        }
    }
}
