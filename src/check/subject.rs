//! What every E04 check is asked about: one agreement in one variant with its supporters
//! ([`Subject`]), and what they say about it: names, clocks, days as instants (shared by
//! between.rs, availability.rs, coverage.rs and deadlines.rs).

use crate::model::supporters::{Days2, Supporter};
use crate::model::{Agreement, Portfolio, Target, Terms, Variant, ALWAYS};
use crate::time::Instant;
use chrono::{NaiveDate, TimeZone};

/// One service-level SLA or OLA in one variant (its base terms or a region), with what
/// backs it: the agreement X of checks.md.
pub(super) struct Subject<'p> {
    pub portfolio: &'p Portfolio,
    /// [`crate::model::supporters::coverage_index`]: the OLAs and UCs of each service.
    pub covered_by: &'p [Vec<usize>],
    pub agreement: &'p Agreement,
    /// The regional variant checked, `None` for the base terms.
    pub region: Option<&'p Variant>,
    /// The variant's terms.
    pub terms: &'p Terms,
    pub supporters: Vec<Supporter<'p>>,
    /// Its own checking window ([`crate::model::supporters::own_window`]).
    pub window: Days2,
    pub today: NaiveDate,
}

pub(super) fn who(a: &Agreement, region: Option<&Variant>) -> String {
    match region {
        Some(r) => format!("`{}` (region {})", a.name, r.name),
        None => format!("`{}`", a.name),
    }
}

pub(super) fn sup_name(s: &Supporter<'_>) -> String {
    match s.region {
        Some(r) => format!("`{}` (region {})", s.agreement.name, r.name),
        None => format!("`{}`", s.agreement.name),
    }
}

/// Local midnight at the start of `date` in `tz` (the earliest such instant).
pub(super) fn day_start(tz: chrono_tz::Tz, date: NaiveDate) -> Instant {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => Instant::from(t.with_timezone(&chrono::Utc)),
        // Midnight skipped by a clock change: the day starts an hour later.
        None => Instant::from(naive.and_utc()).saturating_add(3_600_000),
    }
}

pub(super) fn instants(tz: chrono_tz::Tz, days: Days2) -> (Instant, Instant) {
    (
        day_start(tz, days.from),
        day_start(tz, days.to.succ_opt().unwrap_or(days.to)),
    )
}

pub(super) fn clock_of(target: &Target, terms: &Terms) -> usize {
    target
        .during
        .as_ref()
        .or(terms.support.as_ref().and_then(|s| s.during.as_ref()))
        .map_or(ALWAYS, |c| c.value.index)
}

pub(super) fn show(i: Instant, tz: chrono_tz::Tz, same_day_as: Option<Instant>) -> String {
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
