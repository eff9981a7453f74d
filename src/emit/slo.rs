//! What the monitoring backends (prometheus, alertmanager, openslo) share: the objectives
//! that have an indicator, with their exact ratios, the window's real length, the labels
//! that identify them, and the small pieces of hand-written YAML.
//!
//! Window lengths: a rolling window is its duration; a calendar window (week, month,
//! quarter, year) is the real length of the period that contains `--today`, in the
//! agreement's time zone (so November in Europe/Paris is 720 hours, March 743). Static
//! rules cannot know which month they will run in, so they are built for the current
//! period; docs/monitoring.md says to rebuild them each period.

use crate::model::lifecycle;
use crate::model::periods::{self, local_midnight, Period, PeriodAllowance, PeriodKind};
use crate::model::{Agreement, Objective, Portfolio, Terms, Variant, Window};
use crate::time::{Instant, WallClock};
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::{Decimal, RoundingStrategy};

/// One objective to monitor, in one variant (base or region) of one agreement.
pub struct Slo<'a> {
    pub agreement: &'a Agreement,
    pub region: Option<&'a Variant>,
    pub terms: &'a Terms,
    pub objective: &'a Objective,
    /// The `service` label: the objective's own service, else the agreement's services
    /// joined with `,` (the indicator is one query for all of them).
    pub service: Option<String>,
    pub customer: Option<String>,
    /// The target as a ratio, e.g. 0.999.
    pub target: Decimal,
    /// 1 − target, e.g. 0.001.
    pub budget: Decimal,
    /// The target as written, e.g. `99.9%`.
    pub target_text: String,
    pub window: Window,
    /// Real length of the window in milliseconds (see the module docs).
    pub window_ms: i64,
    /// The time the error budget is spread over in this period: the open time of the
    /// `during` calendar (the window itself at any hour), from the model
    /// ([`periods::counted_ms`]); burn-rate factors are taken over it.
    pub counted_ms: i64,
    /// An availability objective's allowance in the period that contains `today`, the
    /// figure the contract prints for it.
    pub allowance: Option<PeriodAllowance>,
    /// The calendar of `during` (`always` by default).
    pub during: String,
    /// The error ratio as `PromQL` with `{{window}}` still in it.
    pub error_ratio: String,
    /// The `total` query, `{{window}}` still in it.
    pub total: String,
    pub good: Option<String>,
    pub errors: Option<String>,
    /// For an objective counted only `during` a calendar: that calendar as wall-clock
    /// arithmetic over the rules' horizon, the service-hours gate.
    pub gate: Option<Gate>,
}

/// The service-hours gate: the `during` calendar over `[from, to)`
/// ([`periods::gate_horizon`]), where it is exact.
pub struct Gate {
    pub wall: WallClock,
    pub from: Instant,
    pub to: Instant,
}

impl Slo<'_> {
    /// Identity labels in a fixed order: agreement, objective, kind, service, customer,
    /// region.
    pub fn labels(&self) -> Vec<(&'static str, String)> {
        // `kind` keeps an outcome named `availability` apart from the availability
        // objective: the same labels would make the same series.
        let mut out = vec![
            ("agreement", self.agreement.name.clone()),
            ("objective", self.objective.id.to_string()),
            ("kind", self.objective.kind.keyword().to_string()),
        ];
        if let Some(s) = &self.service {
            out.push(("service", s.clone()));
        }
        // An objective for one named service beside one for all of an agreement's
        // services (here only that one) would otherwise make the same series.
        if let Some(s) = &self.objective.service {
            out.push(("objective_service", s.value.name.to_string()));
        }
        if let Some(c) = &self.customer {
            out.push(("customer", c.clone()));
        }
        if let Some(r) = self.region {
            out.push(("region", r.name.clone()));
        }
        out
    }

    /// A `PromQL` label selector for this objective's series, e.g. `{agreement="a",…}`.
    pub fn selector(&self) -> String {
        let inner: Vec<String> = self
            .labels()
            .iter()
            .map(|(k, v)| format!("{k}={}", json(v)))
            .collect();
        format!("{{{}}}", inner.join(","))
    }

    /// The window as the contract says it: `month`, `rolling 28d`.
    pub fn window_text(&self) -> String {
        match self.window {
            Window::Rolling(ms) => format!("rolling {}", prom_duration(ms)),
            w => w.to_string(),
        }
    }

    pub fn title(&self) -> String {
        match &self.objective.title {
            Some(t) => format!("{} \u{201c}{t}\u{201d}", self.objective.id),
            None => self.objective.id.to_string(),
        }
    }

    /// The agreement (and region) as people read it.
    pub fn agreement_title(&self) -> String {
        match self.region {
            Some(r) => format!("{} ({})", self.agreement.title, r.title),
            None => self.agreement.title.clone(),
        }
    }
}

/// Every monitored objective of the portfolio, grouped by agreement, in source order.
/// A region contributes only the objectives that differ from its base. An agreement
/// that is not monitored on `today` ([`lifecycle::monitored`]: terminated) has none:
/// every monitoring backend reads its objectives from here.
pub fn collect(portfolio: &Portfolio, today: NaiveDate) -> Vec<(&Agreement, Vec<Slo<'_>>)> {
    collect_where(portfolio, today, |a| lifecycle::monitored(a, today))
}

/// The monitored objectives of every agreement, terminated or not: `--prometheus` asks
/// for the periods an agreement was in force, which may lie before its termination.
pub fn collect_all(portfolio: &Portfolio, today: NaiveDate) -> Vec<(&Agreement, Vec<Slo<'_>>)> {
    collect_where(portfolio, today, |_| true)
}

fn collect_where<'a>(
    portfolio: &'a Portfolio,
    today: NaiveDate,
    keep: impl Fn(&Agreement) -> bool,
) -> Vec<(&'a Agreement, Vec<Slo<'a>>)> {
    let mut out = Vec::new();
    for a in portfolio.agreements.iter().filter(|a| keep(a)) {
        let base: Vec<Slo<'a>> = slos(portfolio, a, None, &a.terms, today);
        let mut all = Vec::new();
        for v in &a.regions {
            for s in slos(portfolio, a, Some(v), &v.terms, today) {
                if !base.iter().any(|b| same(b, &s)) {
                    all.push(s);
                }
            }
        }
        let mut list = base;
        list.extend(all);
        if !list.is_empty() {
            out.push((a, list));
        }
    }
    out
}

fn same(a: &Slo<'_>, b: &Slo<'_>) -> bool {
    a.objective.key() == b.objective.key()
        && a.service == b.service
        && a.customer == b.customer
        && a.target == b.target
        && a.window == b.window
        && a.window_ms == b.window_ms
        && a.counted_ms == b.counted_ms
        && a.during == b.during
        && a.error_ratio == b.error_ratio
        && a.total == b.total
}

fn slos<'a>(
    portfolio: &'a Portfolio,
    agreement: &'a Agreement,
    region: Option<&'a Variant>,
    terms: &'a Terms,
    today: NaiveDate,
) -> Vec<Slo<'a>> {
    let mut out = Vec::new();
    // Only objectives the indicator measures: `measured by outages` is judged from the
    // recorded outages, and monitoring its indicator would alert on another truth.
    for o in terms.objectives.iter().filter(|o| o.monitored()) {
        let (Some(ind), Some(target)) = (&o.indicator, &o.target) else {
            continue;
        };
        let Some(total) = &ind.total else { continue };
        if ind.source != "prometheus" {
            continue;
        }
        let total = total.value.clone();
        // A counter that has never been incremented has no series: `or 0 * total` gives
        // a service that never failed an error ratio of 0 (and a full budget), with the
        // labels of `total`, instead of no ratio at all.
        let error_ratio = match (&ind.errors, &ind.good) {
            (Some(e), _) => format!("(({}) or (0 * ({total}))) / ({total})", e.value),
            (None, Some(g)) => format!("1 - ((({}) or (0 * ({total}))) / ({total}))", g.value),
            (None, None) => continue,
        };
        let names: Vec<&str> = match &o.service {
            Some(s) => vec![s.value.name.as_str()],
            None => terms
                .service_refs()
                .iter()
                .map(|r| r.name.as_str())
                .collect(),
        };
        let service = (!names.is_empty()).then(|| names.join(","));
        let ratio = (target.value / Decimal::ONE_HUNDRED).normalize();
        let window = o.window();
        let window_ms = window_ms_from(window, terms.tz(), periods::fiscal_start(terms), today);
        out.push(Slo {
            agreement,
            region,
            terms,
            objective: o,
            service,
            customer: terms.customer.as_ref().map(|c| c.value.name.to_string()),
            target: ratio,
            budget: (Decimal::ONE - ratio).normalize(),
            target_text: match &o.within_ms {
                Some(ms) => format!(
                    "{}% within {}",
                    target.value.normalize(),
                    crate::written::duration(ms.value)
                ),
                None => format!("{}%", target.value.normalize()),
            },
            window,
            window_ms,
            counted_ms: periods::counted_ms(portfolio, terms, o, today, window_ms),
            allowance: PeriodKind::of(window).and_then(|k| {
                periods::allowance_in(
                    portfolio,
                    terms,
                    o,
                    periods::agreement_period(terms, k, today),
                )
            }),
            during: o
                .during
                .as_ref()
                .map_or_else(|| portfolio.always().name, |d| d.value.name.clone())
                .into(),
            error_ratio,
            total,
            good: ind.good.as_ref().map(|g| g.value.clone()),
            errors: ind.errors.as_ref().map(|e| e.value.clone()),
            gate: gate(portfolio, terms, o, today),
        });
    }
    out
}

/// The gate of an objective counted `during` a calendar other than `always`.
fn gate(portfolio: &Portfolio, terms: &Terms, o: &Objective, today: NaiveDate) -> Option<Gate> {
    const NS_PER_MS: i64 = 1_000_000;
    let d = o.during.as_ref()?;
    if d.value.index == crate::model::ALWAYS {
        return None;
    }
    let cal = &portfolio.calendars.get(d.value.index)?.clock;
    let (a, b) = periods::gate_horizon(terms, o, today);
    let (from, to) = (
        Instant(a.div_euclid(NS_PER_MS)),
        Instant(b.div_euclid(NS_PER_MS)),
    );
    Some(Gate {
        wall: cal.wall_clock(from, to),
        from,
        to,
    })
}

/// The first day of the calendar period that contains `today`, and the first day after it
/// (a rolling window: the year, for `OpenSLO`'s start date).
pub fn period(window: Window, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    period_from(window, 1, today)
}

/// [`period`] for an agreement whose quarters and years start in month `start`
/// (`fiscal year from 04-01`: the fiscal quarter or year that contains `today`).
pub fn period_from(window: Window, start: u32, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    match window {
        Window::Week => {
            let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(7))
        }
        w => {
            let kind = PeriodKind::of(w).unwrap_or(PeriodKind::Year);
            let p = Period::containing_from(kind, today, start);
            (p.first_day_from(start), p.next().first_day_from(start))
        }
    }
}

/// The real length of the window in milliseconds (module docs): the model's period of
/// the window that contains `today`, in the agreement's zone, the same the contract and
/// `eval` use.
pub fn window_ms(window: Window, tz: Tz, today: NaiveDate) -> i64 {
    window_ms_from(window, tz, 1, today)
}

/// [`window_ms`] for an agreement whose quarters and years start in month `start`
/// (`fiscal year from 04-01`: the fiscal quarter containing `today`).
pub fn window_ms_from(window: Window, tz: Tz, start: u32, today: NaiveDate) -> i64 {
    const NS_PER_MS: i64 = 1_000_000;
    if let Window::Rolling(ms) = window {
        return ms;
    }
    let (start, end) = if let Some(kind) = PeriodKind::of(window) {
        Period::containing_from(kind, today, start).bounds_from(tz, start)
    } else {
        let (start, end) = period(window, today);
        (local_midnight(tz, start), local_midnight(tz, end))
    };
    (end - start) / NS_PER_MS
}

/// A duration as Prometheus writes it, largest units first and without weeks or years
/// (so a 28-day window reads `28d`): `30d`, `14h24m`, `13h26m24s`.
pub fn prom_duration(ms: i64) -> String {
    // PromQL windows read best in days (`28d`, not `4w`).
    crate::written::duration_in(ms, &crate::written::DURATION_UNITS[1..])
}

/// An exact decimal rounded to at most six places, without trailing zeros.
pub fn fixed(d: Decimal) -> String {
    d.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

/// A string as a JSON string literal, which `PromQL` reads as a string (label values in
/// selectors). YAML goes through `yaml::scalar`, which also escapes U+2028 and friends.
pub fn json(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// Replaces `{{window}}` in a query by a rule window such as `5m`.
pub fn at(query: &str, window: &str) -> String {
    query.replace("{{window}}", window)
}

#[cfg(test)]
mod tests {
    const HOUR_MS: i64 = 3_600_000;
    const DAY_MS: i64 = 24 * HOUR_MS;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn real_lengths_of_calendar_periods() {
        let paris: Tz = "Europe/Paris".parse().expect("zone");
        assert_eq!(
            window_ms(Window::Month, paris, d(2026, 11, 26)),
            30 * DAY_MS
        );
        assert_eq!(
            window_ms(Window::Month, paris, d(2026, 3, 2)),
            31 * DAY_MS - HOUR_MS
        );
        assert_eq!(
            window_ms(Window::Month, chrono_tz::UTC, d(2028, 2, 10)),
            29 * DAY_MS
        );
        assert_eq!(
            window_ms(Window::Quarter, chrono_tz::UTC, d(2026, 11, 26)),
            92 * DAY_MS
        );
        assert_eq!(
            window_ms(Window::Quarter, chrono_tz::UTC, d(2026, 2, 1)),
            90 * DAY_MS
        );
        assert_eq!(
            window_ms(Window::Year, chrono_tz::UTC, d(2028, 6, 1)),
            366 * DAY_MS
        );
        assert_eq!(
            window_ms(Window::Week, chrono_tz::UTC, d(2026, 11, 26)),
            7 * DAY_MS
        );
        assert_eq!(
            window_ms(Window::Rolling(28 * DAY_MS), paris, d(2026, 3, 2)),
            28 * DAY_MS
        );
        // `fiscal year from 04-01`: the fiscal quarter containing 26 November 2026 is
        // October–December (92 days), the fiscal year containing 2 February 2026 April
        // 2025–March 2026 (365 days); from 02-01 the quarter containing 1 February 2026
        // is February–April (28 + 31 + 30 = 89 days).
        assert_eq!(
            window_ms_from(Window::Quarter, chrono_tz::UTC, 4, d(2026, 11, 26)),
            92 * DAY_MS
        );
        assert_eq!(
            window_ms_from(Window::Quarter, chrono_tz::UTC, 2, d(2026, 2, 1)),
            89 * DAY_MS
        );
        assert_eq!(
            window_ms_from(Window::Year, chrono_tz::UTC, 4, d(2026, 2, 2)),
            365 * DAY_MS
        );
    }

    #[test]
    fn durations_and_decimals_print_exactly() {
        assert_eq!(prom_duration(30 * DAY_MS), "30d");
        assert_eq!(prom_duration(51_840_000), "14h24m");
        assert_eq!(prom_duration(48_384_000), "13h26m24s");
        assert_eq!(fixed(Decimal::new(9_333_333_333, 10)), "0.933333");
        assert_eq!(fixed(Decimal::new(14_400, 3)), "14.4");
        assert_eq!(json("a\"b"), "\"a\\\"b\"");
    }
}
