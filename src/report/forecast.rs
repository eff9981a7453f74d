//! Early warning (docs/report.md, "Forecast"): for the period still running at `now`, how
//! much of each availability objective's error budget its downtime has used, how fast
//! (the share used over the share of the period's open time elapsed), and when the budget
//! runs out if downtime goes on at that rate.
//!
//! The downtime and the open time are eval's, for the period (`ObjectiveReport`): the
//! budget is [`allowance_seconds`] of that open time, the one allowance of the model. The
//! elapsed share is the objective's calendar's open time from the start of the part of the
//! period in force to `now` over the open time of that whole part; the run-out instant is
//! the moment at which open time reaches `elapsed open ÷ budget used` from that start
//! (linear in open time, so closed hours, nights under `during office`, burn nothing).

use crate::eval::clock::{self, Nanos};
use crate::eval::{Period, Report};
use crate::model::periods::{agreement_bounds, allowance_seconds, validity_bounds};
use crate::model::{ObjectiveKind, Portfolio, ALWAYS};
use rust_decimal::prelude::ToPrimitive as _;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Forecast {
    pub agreement: String,
    pub region: Option<String>,
    pub objective: String,
    pub target: f64,
    pub period: String,
    /// When the part of the period in force ends (RFC 3339 in the agreement's zone).
    pub period_end: String,
    pub now: String,
    /// The downtime the target allows in the period, and the downtime so far (seconds).
    pub budget_seconds: f64,
    pub downtime_seconds: f64,
    /// Downtime so far ÷ budget (1.0: all of it); `None` when the target allows no
    /// downtime.
    pub budget_used: Option<f64>,
    /// Open time elapsed ÷ open time of the period in force.
    pub elapsed: f64,
    /// `budget_used ÷ elapsed`: above 1.0 the budget runs out before the period ends.
    pub burn_rate: Option<f64>,
    /// When the budget runs out at the current rate (RFC 3339 in the agreement's zone);
    /// `None` when it does not within the period, or is already used up.
    pub runs_out: Option<String>,
    /// The budget is used up already.
    pub exhausted: bool,
    /// Runs out (or ran out) before the period ends: `--fail-on-forecast` fails.
    pub before_end: bool,
}

fn at(t: Nanos, tz: chrono_tz::Tz) -> String {
    chrono::DateTime::from_timestamp_nanos(t)
        .with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn nanos(seconds: &str) -> Option<i64> {
    let d: Decimal = seconds.parse().ok()?;
    (d * Decimal::from(1_000_000_000)).trunc().to_i64()
}

fn ratio(a: Decimal, b: Decimal) -> Option<f64> {
    if b.is_zero() {
        None
    } else {
        (a / b).to_f64()
    }
}

/// The forecast of every availability objective judged from downtime in `report` (eval's
/// report of `period`) whose period is running at `now`: started and not yet over.
pub fn forecast(
    portfolio: &Portfolio,
    period: Period,
    report: &Report,
    now: Nanos,
) -> Vec<Forecast> {
    let mut out = Vec::new();
    for a in &report.agreements {
        let Some(ag) = portfolio.agreements.iter().find(|x| x.name == a.agreement) else {
            continue;
        };
        let Some((_, terms)) = ag
            .variants()
            .find(|(v, _)| v.map(|v| v.name.as_str()) == a.region.as_deref())
        else {
            continue;
        };
        let tz = terms.tz();
        let (ps, pe) = agreement_bounds(terms, &period);
        let (vs, ve) = validity_bounds(terms);
        let (from, to) = (ps.max(vs), pe.min(ve));
        if !(from <= now && now < to) {
            continue;
        }
        for o in &a.objectives {
            let Some(obj) = terms
                .objectives
                .iter()
                .find(|x| x.kind == ObjectiveKind::Availability && x.id == o.name)
            else {
                continue;
            };
            let (Some(target), Some(down), Some(open)) = (
                obj.target.as_ref().map(|t| t.value),
                o.downtime_seconds.as_deref().and_then(nanos),
                o.open_seconds.as_deref().and_then(nanos),
            ) else {
                continue;
            };
            if o.kind != "availability" || !period.matches(obj.window()) {
                continue;
            }
            let cal =
                &portfolio.calendars[obj.during.as_ref().map_or(ALWAYS, |d| d.value.index)].clock;
            let budget = allowance_seconds(target, open);
            let used = Decimal::new(down, 9);
            let whole = clock::open_time(cal, from, to);
            let elapsed_open = clock::open_time(cal, from, now);
            let budget_used = ratio(used, budget);
            let elapsed = ratio(Decimal::from(elapsed_open), Decimal::from(whole)).unwrap_or(0.0);
            let exhausted = budget_used.is_some_and(|u| u >= 1.0) || (budget.is_zero() && down > 0);
            // Open time from `from` at which the budget is used up at this rate:
            // elapsed_open × budget ÷ used (exact decimals, then whole nanoseconds).
            let runs_out = if exhausted || down == 0 {
                None
            } else {
                (Decimal::from(elapsed_open) * budget / used)
                    .trunc()
                    .to_i64()
                    .filter(|&d| d < whole)
                    .and_then(|d| clock::deadline(cal, from, d))
            };
            out.push(Forecast {
                agreement: a.agreement.clone(),
                region: a.region.clone(),
                objective: o.name.clone(),
                target: target.to_f64().unwrap_or(0.0),
                period: period.to_string(),
                period_end: at(to, tz),
                now: at(now, tz),
                budget_seconds: budget.to_f64().unwrap_or(0.0),
                downtime_seconds: used.to_f64().unwrap_or(0.0),
                budget_used,
                elapsed,
                burn_rate: budget_used.filter(|_| elapsed > 0.0).map(|u| u / elapsed),
                runs_out: runs_out.map(|t| at(t, tz)),
                exhausted,
                before_end: exhausted || runs_out.is_some(),
            });
        }
    }
    out
}

/// The human lines, one per objective.
pub fn to_human(list: &[Forecast]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if list.is_empty() {
        s.push_str("forecast: no availability objective is in a running period\n");
    }
    for f in list {
        let region = f
            .region
            .as_ref()
            .map_or(String::new(), |r| format!(" (region {r})"));
        let when = if f.exhausted {
            "budget EXHAUSTED".to_string()
        } else {
            match &f.runs_out {
                Some(t) => format!(
                    "budget RUNS OUT at {t}, before the period ends at {}",
                    f.period_end
                ),
                None => format!("budget lasts to the period's end at {}", f.period_end),
            }
        };
        let _ = writeln!(
            s,
            "forecast {}{region} {} {}%: {} of the budget used at {:.1}% of the period (burn rate {}); {when}",
            f.agreement,
            f.objective,
            f.target,
            f.budget_used.map_or("-".into(), |u| format!("{:.1}%", u * 100.0)),
            f.elapsed * 100.0,
            f.burn_rate.map_or("-".into(), |b| format!("{b:.2}")),
        );
    }
    s
}
