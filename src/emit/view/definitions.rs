//! The definitions section: each term the agreement commits to, in the form published
//! SLAs use ("“Downtime” means …"), only the terms that apply, with the uptime formula
//! over the real period and a worked example from the agreement's own numbers
//! (`model::periods`, the one place for period lengths and allowances).

use super::format::{allowance_ms, duration, percent, period};
use crate::model::periods::{self, PeriodKind};
use crate::model::{MeasuredBy, Objective, ObjectiveKind, Portfolio, TargetKind, Terms, Window};
use crate::time::{DAY, HOUR, WEEK};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

/// One defined term: `term` without quotes, `meaning` starting "means …".
#[derive(Serialize, Clone)]
pub struct Definition {
    pub term: String,
    pub meaning: String,
}

fn def(term: impl Into<String>, meaning: impl Into<String>) -> Definition {
    Definition {
        term: term.into(),
        meaning: meaning.into(),
    }
}

/// "Monthly Uptime Percentage", "Rolling 28-Day Uptime Percentage".
fn uptime_term(w: Window) -> String {
    let adj = match w {
        Window::Week => "Weekly".to_string(),
        Window::Month => "Monthly".into(),
        Window::Quarter => "Quarterly".into(),
        Window::Year => "Yearly".into(),
        Window::Rolling(ms) => format!("Rolling {}", period(ms)),
    };
    format!("{adj} Uptime Percentage")
}

/// Whole minutes of open time, for reading: `720 h`, `159 h 30 min`.
fn open_words(ms: i64) -> String {
    duration(ms - ms % 60_000)
}

/// The formula of one availability objective over its window, with a worked example.
fn uptime(p: &Portfolio, terms: &Terms, o: &Objective, today: NaiveDate) -> Option<Definition> {
    let target = o.target.as_ref()?.value;
    let cal = p.calendar(o.during.as_ref().map_or(&p.always(), |d| &d.value));
    let always = cal.clock.is_always();
    let w = o.window();
    let (unit, span) = match (PeriodKind::of(w), w) {
        (Some(k), _) if k != PeriodKind::Month && periods::fiscal_start(terms) != 1 => {
            let month = periods::month_name(periods::fiscal_start(terms));
            (
            k.word().to_string(),
            format!(
                "each {} of the fiscal year that begins on 1 {month} (the fiscal year 2026 is the one beginning on 1 {month} 2026), in the agreement's time zone ({})",
                k.word(),
                terms.tz().name()
            ),
        )
        }
        (Some(k), _) => (
            k.word().to_string(),
            format!(
                "each calendar {} in the agreement's time zone ({})",
                k.word(),
                terms.tz().name()
            ),
        ),
        (None, Window::Rolling(ms)) => (
            "window".to_string(),
            format!("any window of {} in a row", period(ms)),
        ),
        _ => ("week".to_string(), "each week".to_string()),
    };
    if let Some(meaning) = super::downtime::average_uptime(o, &span) {
        return Some(def(uptime_term(w), meaning));
    }
    if o.measured_by() == MeasuredBy::Indicator {
        // Measured by its indicator: a share of events, not of time.
        let failed = (Decimal::ONE_HUNDRED - target) * Decimal::from(10_000);
        return Some(def(
            uptime_term(w),
            format!(
                "means, for {span}, the events that succeeded divided by all events, per Covered Service, as a percentage, as counted by the objective's indicator. For example, of 1,000,000 events in a {unit}, a target of {} allows {} to fail.",
                percent(target),
                super::format::amount(failed.normalize())
            ),
        ));
    }
    let open = if always {
        format!("the real length of the {unit} (every hour counts; clock changes included)")
    } else {
        format!(
            "the Service Hours of the {unit} in {} (closures and clock changes included)",
            cal.title
        )
    };
    let mut meaning = format!(
        "means, for {span}, the open time of the {unit} minus the Downtime in it, divided by the open time of the {unit}, as a percentage, where the open time is {open}."
    );
    // The worked example: the first whole period listed, else a typical week or window.
    let example = periods::allowances(p, terms, o, today)
        .and_then(|list| list.into_iter().find(|a| !a.partial))
        .map(|a| {
            let open_ms = a.open_ns / 1_000_000;
            let what = if always && open_ms % DAY == 0 {
                format!(
                    "{} is a {}-day {unit} of {} hours",
                    a.label(),
                    open_ms / DAY,
                    open_ms / HOUR
                )
            } else if always {
                format!("{} has {} (a clock change)", a.label(), open_words(open_ms))
            } else {
                format!("{} has {} of Service Hours", a.label(), open_words(open_ms))
            };
            (what, open_ms, a.printed_ms())
        })
        .or_else(|| {
            let length = match w {
                Window::Rolling(ms) => ms,
                _ => WEEK,
            };
            let open_ms = periods::typical_open_ms(&cal.clock, length);
            let what = if always {
                format!("a {unit} of {} has {}", period(length), open_words(open_ms))
            } else {
                format!(
                    "a {unit} of {} without closures has {} of Service Hours",
                    period(length),
                    open_words(open_ms)
                )
            };
            Some((what, open_ms, allowance_ms(target, open_ms)))
        });
    if let Some((what, open_ms, allowed)) = example {
        let _ = write!(meaning,
            " For example, {what}: a target of {} allows {} of Downtime in it, since ({} − {}) ÷ {} is at least {}.",
            percent(target),
            duration(allowed),
            open_words(open_ms),
            duration(allowed),
            open_words(open_ms),
            percent(target)
        );
    }
    Some(def(uptime_term(w), meaning))
}

/// What measures one objective: the source of truth the contract, `slac eval` and the
/// monitoring rules share.
fn measured(p: &Portfolio, o: &Objective) -> String {
    let name = match o.kind {
        ObjectiveKind::Availability => "Availability".to_string(),
        ObjectiveKind::Latency => "Latency".into(),
        ObjectiveKind::Outcome => o
            .title
            .as_deref()
            .map_or_else(|| format!("Outcome {}", o.id), str::to_string),
    };
    let who = o.service.as_ref().map_or_else(String::new, |s| {
        format!(" of {}", p.services[s.value.index].title)
    });
    let source = match (o.kind, o.measured_by()) {
        (ObjectiveKind::Availability, MeasuredBy::Outages) => {
            "the outages recorded for each Covered Service, each with its start, end and cause"
        }
        (ObjectiveKind::Availability, MeasuredBy::Indicator) => {
            "its indicator: the events that succeeded among all events, per Covered Service, as counted by the queries declared for it"
        }
        (ObjectiveKind::Latency, _) => {
            "the counts of requests served within the threshold and of all requests, per Covered Service"
        }
        (ObjectiveKind::Outcome, _) => {
            "the counts of successful and of all events, per Covered Service"
        }
    };
    format!("{name}{who}: {source}")
}

/// The definitions that apply to `terms`, in reading order.
pub(super) fn definitions(p: &Portfolio, terms: &Terms, today: NaiveDate) -> Vec<Definition> {
    let mut out = Vec::new();
    let has_services = terms.services.as_ref().is_some_and(|s| !s.value.is_empty());
    let service = if has_services {
        "a Covered Service"
    } else {
        "a service covered by this agreement"
    };
    let availability: Vec<&Objective> = terms.objective(ObjectiveKind::Availability).collect();
    let always = p.always();
    let calendar_of = |o: &Objective| p.calendar(o.during.as_ref().map_or(&always, |d| &d.value));
    if !availability.is_empty() {
        let mut m = format!(
            "means any time during which {service} is unavailable to the Customer, as established under “Measurement”"
        );
        let mut not = Vec::new();
        if terms.maintenance.is_some() {
            not.push("Scheduled Maintenance");
        }
        if !terms.exclusions.is_empty() {
            not.push("events with a cause listed under “Exclusions”");
        }
        if !not.is_empty() {
            let _ = write!(m, "; {} are not Downtime", not.join(" and "));
        }
        if availability
            .iter()
            .any(|o| !calendar_of(o).clock.is_always())
        {
            m.push_str(
                "; for an objective that counts only in Service Hours, only Downtime within them counts",
            );
        }
        m.push_str(&super::downtime::clauses(terms, &availability));
        m.push('.');
        out.push(def("Downtime", m));
        let mut seen: Vec<String> = Vec::new();
        for o in &availability {
            if let Some(d) = uptime(p, terms, o, today) {
                if !seen.contains(&d.term) {
                    seen.push(d.term.clone());
                    out.push(d);
                }
            }
        }
    }
    let mut clocks: Vec<String> = Vec::new();
    let mut see = |title: &str| {
        if !clocks.iter().any(|c| c == title) {
            clocks.push(title.to_string());
        }
    };
    for o in &terms.objectives {
        let c = calendar_of(o);
        if !c.clock.is_always() {
            see(&c.title);
        }
    }
    let targets: Vec<_> = terms.support.iter().flat_map(|s| &s.targets).collect();
    if let Some(s) = &terms.support {
        let support_clock = s.during.as_ref().map(|d| &d.value);
        for t in &s.targets {
            let r = t.during.as_ref().map(|d| &d.value).or(support_clock);
            if let Some(r) = r {
                let c = p.calendar(r);
                if !c.clock.is_always() {
                    see(&c.title);
                }
            }
        }
    }
    if !clocks.is_empty() {
        out.push(def(
            "Service Hours",
            format!(
                "means the times at which the calendar that applies is open, as set out under “Service hours” ({}); an objective or support time that names a calendar runs only in its Service Hours.",
                clocks.join("; ")
            ),
        ));
    }
    if targets.iter().any(|t| t.response.is_some()) {
        out.push(def(
            "Response Time",
            "means the time from the moment the Customer reports an incident or submits a request to the Provider until the Provider first responds to it, counted only while the clock named for it under “Support” runs.",
        ));
    }
    if targets
        .iter()
        .any(|t| t.deadlines().any(|(_, d)| d.business_days.is_some()))
    {
        out.push(def(
            "Business Day",
            crate::model::support::BUSINESS_DAY_MEANING.to_string() + ".",
        ));
    }
    if targets
        .iter()
        .any(|t| t.kind == TargetKind::Incident && t.resolve.is_some())
    {
        out.push(def(
            "Resolution Time",
            "means the time from the moment the Customer reports an incident until the Provider has resolved it, counted in the same way as the Response Time.",
        ));
    }
    if targets
        .iter()
        .any(|t| t.fulfil.is_some() || (t.kind == TargetKind::Request && t.resolve.is_some()))
    {
        out.push(def(
            "Fulfilment Time",
            "means the time from the moment the Customer submits a service request until the Provider has fulfilled it, counted in the same way as the Response Time.",
        ));
    }
    if has_services {
        let names: Vec<&str> = terms
            .service_refs()
            .iter()
            .map(|r| p.services[r.index].title.as_str())
            .collect();
        out.push(def(
            "Covered Services",
            format!(
                "means the services listed under “Scope”: {}.",
                names.join("; ")
            ),
        ));
    }
    if let Some(m) = &terms.maintenance {
        let m = &m.value;
        let mut words = format!("means maintenance of {service}");
        if let Some(d) = &m.during {
            let _ = write!(words, " during {}", p.calendar(&d.value).title);
        }
        if let Some(n) = &m.notice_ms {
            let _ = write!(
                words,
                ", announced at least {} in advance",
                duration(n.value)
            );
        }
        if let Some(x) = &m.max_per_month_ms {
            let _ = write!(words, ", of at most {} per month", duration(x.value));
        }
        if let Some(x) = &m.max_per_year_ms {
            let _ = write!(
                words,
                ", of at most {} per calendar year",
                duration(x.value)
            );
        }
        words.push_str("; it is not Downtime, and maintenance outside these limits is Downtime.");
        out.push(def("Scheduled Maintenance", words));
    }
    if !terms.exclusions.is_empty() {
        out.push(def(
            "Exclusions",
            "means the causes listed under “Exclusions”; Downtime and delays with these causes do not count against the objectives.",
        ));
    }
    if !terms.objectives.is_empty() {
        let each: Vec<String> = terms.objectives.iter().map(|o| measured(p, o)).collect();
        let mut m = format!(
            "means the source of truth for each objective, which decides whether it is met: {}.",
            each.join("; ")
        );
        if terms
            .objectives
            .iter()
            .any(|o| o.monitored() && o.measured_by() == MeasuredBy::Outages)
        {
            m.push_str(
                " Where a Prometheus indicator is declared for an objective measured by outages, it watches the objective as it happens; the recorded outages decide.",
            );
        }
        out.push(def("Measurement", m));
    }
    if !terms.penalties.is_empty() {
        out.push(def(
            "Service Credit",
            "means the amount the Provider owes the Customer when an objective is missed, as set out under “Service credits”.",
        ));
    }
    out
}
