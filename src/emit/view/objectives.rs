//! What an objective allows, in plain time. People misread "99.9%": the documents say
//! how much downtime that is, computed exactly (decimal arithmetic, rounded down to whole
//! seconds) over the real length of the window, or over the open time of the objective's
//! `during` calendar when downtime only counts in service hours.

use super::format::{allowance_ms, duration, percent, period_adjective};
use crate::model::periods::{self, PeriodAllowance, PeriodKind};
use crate::model::{Calendar, Objective, ObjectiveKind, Portfolio, Terms, Window};
use crate::time::WEEK;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// "per month", "over any 28-day period".
pub(super) fn window_words(w: Window) -> String {
    match w {
        Window::Week => "per week".into(),
        Window::Month => "per month".into(),
        Window::Quarter => "per quarter".into(),
        Window::Year => "per year".into(),
        Window::Rolling(ms) => format!("over any {} period", period_adjective(ms)),
    }
}

/// The real figures behind a calendar-window availability objective: one row per month
/// (quarter, or the year), one column per year listed, each cell the allowance of that
/// period rounded down to the second (`–` where the agreement is not in force).
#[derive(Serialize)]
pub struct AllowanceTable {
    /// `Month`, `Quarter` or `Year`, then the years.
    pub head: Vec<String>,
    pub rows: Vec<AllowanceRow>,
    /// Some cell covers only the part of its period in force (marked `*`).
    pub partial: bool,
}

#[derive(Serialize)]
pub struct AllowanceRow {
    pub label: String,
    pub cells: Vec<String>,
}

/// The sentence after "99.9% per month: ", and for an availability objective measured
/// over a month, quarter or year the table of its real allowances.
pub(super) fn allows(
    p: &Portfolio,
    terms: &Terms,
    o: &Objective,
    today: NaiveDate,
) -> (String, Option<AllowanceTable>) {
    let Some(target) = o.target.as_ref().map(|t| t.value) else {
        return ("no target stated".into(), None);
    };
    let cal = p.calendar(o.during.as_ref().map_or(&p.always(), |d| &d.value));
    let rest = Decimal::ONE_HUNDRED - target;
    let text = match o.kind {
        ObjectiveKind::Availability => {
            if let (Some(kind), Some(list)) = (
                PeriodKind::of(o.window()),
                periods::allowances(p, terms, o, today),
            ) {
                return (
                    rule(rest, kind, cal, terms, &list),
                    Some(table(kind, &list)),
                );
            }
            if cal.clock.is_always() {
                always(target, o.window())
            } else {
                in_hours(target, o.window(), cal)
            }
        }
        ObjectiveKind::Latency => {
            let within = o
                .within_ms
                .as_ref()
                .map_or_else(String::new, |w| duration(w.value));
            format!(
                "at least {} of requests are served within {within}; at most {} may take longer",
                percent(target),
                percent(rest.normalize())
            )
        }
        ObjectiveKind::Outcome => format!(
            "at least {} of “{}” succeed; at most {} may fail",
            percent(target),
            o.title.as_deref().unwrap_or(&o.id),
            percent(rest.normalize())
        ),
    };
    (text, None)
}

/// The rule in words, with the least and the most it allows in the periods listed.
fn rule(
    rest: Decimal,
    kind: PeriodKind,
    cal: &Calendar,
    terms: &Terms,
    list: &[PeriodAllowance],
) -> String {
    // Under `fiscal year from MM-01` the quarters and years are the fiscal ones.
    let fiscal = kind != PeriodKind::Month && periods::fiscal_start(terms) != 1;
    let word = if fiscal {
        format!("fiscal {}", kind.word())
    } else {
        kind.word().to_string()
    };
    let base = if cal.clock.is_always() {
        format!(
            "the real length of each {word} ({} time)",
            terms.tz().name()
        )
    } else {
        format!(
            "the service hours of each {word} ({}, closures and clock changes included)",
            cal.title
        )
    };
    let lead = format!(
        "at most {} of {base} as downtime",
        percent(rest.normalize())
    );
    let full: Vec<&PeriodAllowance> = list.iter().filter(|a| !a.partial).collect();
    let Some(lo) = full.iter().min_by_key(|a| a.open_ns) else {
        return format!("{lead}, rounded down to the second");
    };
    let hi = full
        .iter()
        .fold(*lo, |hi, a| if a.open_ns > hi.open_ns { a } else { hi });
    let hours = |a: &PeriodAllowance| {
        if cal.clock.is_always() {
            String::new()
        } else {
            let ms = a.open_ns / 1_000_000;
            format!(" ({} of service hours)", duration(ms - ms % 60_000))
        }
    };
    let figures = if lo.open_ns == hi.open_ns {
        format!(
            "{}{} in every {word} listed",
            duration(lo.printed_ms()),
            hours(lo)
        )
    } else {
        format!(
            "from {} in {}{} to {} in {}{}",
            duration(lo.printed_ms()),
            lo.label(),
            hours(lo),
            duration(hi.printed_ms()),
            hi.label(),
            hours(hi)
        )
    };
    format!("{lead}: {figures}; every {word} below, rounded down to the second")
}

/// One row per period of a year, one column per year listed.
fn table(kind: PeriodKind, list: &[PeriodAllowance]) -> AllowanceTable {
    let mut years: Vec<i32> = list.iter().map(|a| a.period.year).collect();
    years.dedup();
    let fiscal = list.first().is_some_and(|a| a.fiscal_start != 1);
    let mut head = vec![match kind {
        PeriodKind::Month => "Month".to_string(),
        PeriodKind::Quarter if fiscal => "Fiscal quarter".into(),
        PeriodKind::Year if fiscal => "Fiscal year".into(),
        PeriodKind::Quarter => "Quarter".into(),
        PeriodKind::Year => "Year".into(),
    }];
    head.extend(years.iter().map(ToString::to_string));
    let rows_per_year = 12 / kind.months();
    let rows = (1..=rows_per_year)
        .map(|index| AllowanceRow {
            label: match kind {
                PeriodKind::Year if !fiscal => "Whole year".into(),
                _ => list
                    .iter()
                    .find(|a| a.period.index == index)
                    .map_or_else(String::new, PeriodAllowance::short_label),
            },
            cells: years
                .iter()
                .map(|&y| {
                    list.iter()
                        .find(|a| a.period.year == y && a.period.index == index)
                        .map_or_else(
                            || "–".into(),
                            |a| {
                                let d = duration(a.printed_ms());
                                if a.partial {
                                    format!("{d}*")
                                } else {
                                    d
                                }
                            },
                        )
                })
                .collect(),
        })
        .collect();
    AllowanceTable {
        head,
        rows,
        partial: list.iter().any(|a| a.partial),
    }
}

/// Downtime that counts at any hour, over a week or a rolling window.
fn always(target: Decimal, w: Window) -> String {
    match w {
        Window::Rolling(ms) => format!(
            "at most {} of downtime in any {} window",
            duration(allowance_ms(target, ms)),
            period_adjective(ms)
        ),
        _ => format!(
            "at most {} of downtime in a week",
            duration(allowance_ms(target, WEEK))
        ),
    }
}

/// Downtime that counts only while `cal` is open, over a week or a rolling window: the
/// weekly hours without closures (pro rata for a rolling window).
fn in_hours(target: Decimal, w: Window, cal: &Calendar) -> String {
    let hours = |ms: i64| duration(ms - ms % 60_000);
    if let Window::Rolling(ms) = w {
        // A typical stretch: the weekly hours pro rata, closures left out.
        let open = periods::typical_open_ms(&cal.clock, ms);
        return format!(
            "at most {} of downtime in a {} window without closures (about {} of service hours)",
            duration(allowance_ms(target, open)),
            period_adjective(ms),
            hours(open)
        );
    }
    let week = periods::typical_open_ms(&cal.clock, WEEK);
    format!(
        "at most {} of downtime in a week without closures ({} of service hours)",
        duration(allowance_ms(target, week)),
        hours(week)
    )
}
