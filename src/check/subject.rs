//! What every E04 check is asked about: one agreement in one variant with its supporters
//! ([`Subject`]), and what they say about it: names, clocks, days as instants (shared by
//! between.rs, availability.rs, coverage.rs and deadlines.rs).

use crate::diag::Diagnostic;
use crate::model::supporters::{Days2, Supporter};
use crate::model::{Agreement, AgreementKind, Portfolio, Status, Target, Terms, Variant, ALWAYS};
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
    /// The draft and proposed OLAs and UCs that would back it if it were not binding
    /// ([`crate::model::supporters::unagreed`]): named as the reason it is not backed.
    pub unagreed: Vec<Supporter<'p>>,
    /// Its own checking window ([`crate::model::supporters::own_window`]).
    pub window: Days2,
    pub today: NaiveDate,
}

impl Subject<'_> {
    /// Whether agreement `i` (an OLA or UC covering one of its services) backs it: a
    /// draft or proposed one does not back a binding agreement (`Lifecycle::can_back`).
    pub(super) fn backs(&self, i: usize) -> bool {
        !self.agreement.lifecycle.binding() || self.portfolio.agreements[i].lifecycle.can_back()
    }

    /// Whether a draft or proposed OLA or UC covers one of `services`.
    pub(super) fn unagreed_cover(&self, services: &[usize]) -> bool {
        self.unagreed
            .iter()
            .any(|u| u.covers.iter().any(|c| services.contains(c)))
    }

    /// `d` with the reason it may not be backed: a label on the status of each draft or
    /// proposed OLA or UC that covers one of `services` and would otherwise back it, and
    /// a help that says so. For the checks where another supporter can make up for the
    /// ones in force (E0401: the best target counts; E0404: any cover counts); E0402,
    /// E0403 and E0405 hold each supporter in force to the agreement, and agreeing a
    /// draft would not mend the one that fails.
    pub(super) fn with_reasons(&self, mut d: Diagnostic, services: &[usize]) -> Diagnostic {
        let p = self.portfolio;
        let mut names = Vec::new();
        for u in &self.unagreed {
            let covered: Vec<String> = u
                .covers
                .iter()
                .filter(|c| services.contains(c))
                .map(|&c| format!("`{}`", p.services[c].name))
                .collect();
            let l = &u.agreement.lifecycle;
            let (Some(st), Some(why), false) = (&l.status, l.why_not_backing(), covered.is_empty())
            else {
                continue;
            };
            let what = if st.value == Status::Draft {
                "a draft"
            } else {
                "a proposal"
            };
            d = d.label(
                st.span,
                format!(
                    "{} {} covers {} but {why}; {what} does not back {}",
                    kind_word(u.agreement.kind),
                    sup_name(u),
                    covered.join(", "),
                    binding_word(self.agreement)
                ),
            );
            names.push(format!("`{}`", u.agreement.name));
        }
        if names.is_empty() {
            return d;
        }
        let agree = format!(
            "or agree {} (approved or signed), so that it backs this agreement",
            names.join(", ")
        );
        d.help = Some(match d.help.take() {
            Some(h) => format!("{h}; {agree}"),
            None => agree,
        });
        d
    }
}

fn kind_word(k: AgreementKind) -> &'static str {
    match k {
        AgreementKind::Sla => "SLA",
        AgreementKind::Ola => "OLA",
        AgreementKind::Uc => "UC",
    }
}

/// What a binding agreement is called in a reason.
fn binding_word(a: &Agreement) -> &'static str {
    match a.lifecycle.status() {
        None => "an agreement in force",
        Some(_) => "a signed agreement",
    }
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
