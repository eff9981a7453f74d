//! Which way is stricter: one table for every comparable term of an agreement, read by
//! E0303 (a child must not loosen what its parent set) and by `slac diff` (tightened,
//! loosened). Stricter means the provider promises more, which is better for the
//! customer.
//!
//! Each [`Row`] says how a term's values are compared, which way is stricter, where an
//! absent value ranks, and whether the term is a floor that E0303 guards. E0303 compares
//! a value only where the parent set one (an unset value is no floor); `slac diff` also
//! ranks a value that appears or disappears, by [`Row::absent`].

use super::portfolio::{Credit, CreditBasis, DeadlineTerm, Penalty, TierOp, Window};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// A comparable term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// The target of an availability, latency or outcome objective.
    Target,
    /// A latency objective's threshold (`within`).
    Within,
    /// An objective's measurement window.
    Window,
    /// A support deadline: `response`, `resolve` or `fulfil`.
    Deadline,
    /// The share of tickets that must meet a deadline (`at`; all of them when absent).
    DeadlineShare,
    /// A penalty: the credit it gives at each attainment, and for each breach.
    Penalty,
    /// The cap on credits.
    Cap,
    /// How long the customer has to claim a credit.
    ClaimWithin,
    /// The smallest credit paid (`claims { minimum … }`).
    ClaimMinimum,
    /// The notice of maintenance.
    MaintenanceNotice,
    /// The maintenance allowed per month.
    MaintenanceMax,
    /// The calendar of maintenance windows.
    MaintenanceDuring,
    /// A maintenance statement.
    Maintenance,
    /// The calendar of an objective or of support (`during`).
    During,
    /// The first day of validity.
    ValidFrom,
    /// The last day of validity.
    ValidTo,
    /// A service the agreement covers.
    Service,
    /// An objective.
    Objective,
    /// An incident priority or a request of support.
    SupportTarget,
    /// An exclusion.
    Exclusion,
    /// A whole agreement.
    Agreement,
    /// The fee.
    Fee,
    /// The review interval.
    ReviewEvery,
    /// The minimum downtime of an availability objective (`downtime { at least D }`).
    DowntimeMinimum,
    /// The error rate above which an interval is downtime (`errors above P per D`).
    ErrorThreshold,
    /// Whether the outages of dependencies count (`dependency outages count`).
    DependencyOutages,
    /// How often the customer is updated on an open ticket (`update every`).
    UpdateEvery,
}

/// How the values of a term are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Exact decimals.
    Percent,
    /// Milliseconds.
    Duration,
    /// By nominal length (week 7d, month 30d, quarter 91d, year 365d, rolling as
    /// written); two windows of the same length but different kinds have no order.
    WindowLength,
    /// The credit each side gives at every attainment and for each breach; credits in
    /// different currencies have no order.
    Credits,
    /// By the minutes a calendar is open (weekly hours, closures).
    OpenTime,
    /// Calendar dates.
    Date,
    /// Whether it is there.
    Presence,
    /// Money.
    Money,
    /// Months.
    Months,
}

/// Which way a term is stricter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsStricter,
    LowerIsStricter,
    /// Its values have no order: a different value is a change, not a tightening.
    Unordered,
}

/// Where an absent value ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Absent {
    /// Absent is stricter than any value (no cap pays every credit).
    Strictest,
    /// Absent is looser than any value (no notice at all).
    Loosest,
    /// Absent is a different thing, not more or less.
    Unordered,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub term: Term,
    /// The term in words, as documentation and tests name it.
    pub name: &'static str,
    pub how: How,
    pub stricter: Direction,
    pub absent: Absent,
    /// Whether E0303 forbids a child (or region) to loosen it. Validity, calendars,
    /// exclusions and what an agreement covers are a child's own scope, not a level it
    /// promises: only `slac diff` ranks them. Presence rows cannot be loosened by
    /// inheritance, which only adds.
    pub floor: bool,
}

/// The outcome of comparing a new (or child) value with an old (or parent) one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Same,
    Tightened,
    Loosened,
    /// Stricter in one respect and looser in another (a penalty that pays more at one
    /// attainment and less at another, service hours moved).
    Mixed,
    /// Different, with no order between them.
    Unordered,
}

impl Verdict {
    /// Looser in at least one respect: what E0303 forbids and what a weakening is.
    pub fn loosens(self) -> bool {
        matches!(self, Verdict::Loosened | Verdict::Mixed)
    }
}

/// Every term, in the order of the table.
pub const TERMS: [Term; 27] = [
    Term::Target,
    Term::Within,
    Term::Window,
    Term::Deadline,
    Term::DeadlineShare,
    Term::Penalty,
    Term::Cap,
    Term::ClaimWithin,
    Term::ClaimMinimum,
    Term::MaintenanceNotice,
    Term::MaintenanceMax,
    Term::MaintenanceDuring,
    Term::Maintenance,
    Term::During,
    Term::ValidFrom,
    Term::ValidTo,
    Term::Service,
    Term::Objective,
    Term::SupportTarget,
    Term::Exclusion,
    Term::Agreement,
    Term::Fee,
    Term::ReviewEvery,
    Term::DowntimeMinimum,
    Term::ErrorThreshold,
    Term::DependencyOutages,
    Term::UpdateEvery,
];

/// The table: every term's row.
pub fn table() -> impl Iterator<Item = Row> {
    TERMS.into_iter().map(Term::row)
}

impl Term {
    /// This term's row of the table.
    pub fn row(self) -> Row {
        use Absent as A;
        use Direction::{HigherIsStricter as Higher, LowerIsStricter as Lower, Unordered};
        let (name, how, stricter, absent, floor) = match self {
            Term::Target => ("objective target", How::Percent, Higher, A::Unordered, true),
            Term::Within => (
                "latency threshold",
                How::Duration,
                Lower,
                A::Unordered,
                true,
            ),
            Term::Window => (
                "measurement window",
                How::WindowLength,
                Lower,
                A::Unordered,
                true,
            ),
            // A deadline no longer given is a promise withdrawn.
            Term::Deadline => ("support deadline", How::Duration, Lower, A::Loosest, true),
            Term::DeadlineShare => (
                "deadline share (at)",
                How::Percent,
                Higher,
                A::Unordered,
                true,
            ),
            Term::Penalty => ("penalty", How::Credits, Higher, A::Loosest, true),
            // No cap pays every credit.
            Term::Cap => ("cap", How::Percent, Higher, A::Strictest, true),
            // No claim window: credits can be claimed any time.
            Term::ClaimWithin => ("claim window", How::Duration, Higher, A::Strictest, true),
            // No minimum pays every credit; a higher one pays fewer.
            Term::ClaimMinimum => ("minimum credit", How::Money, Lower, A::Strictest, true),
            Term::MaintenanceNotice => (
                "maintenance notice",
                How::Duration,
                Higher,
                A::Loosest,
                true,
            ),
            Term::MaintenanceMax => ("maintenance max", How::Duration, Lower, A::Loosest, true),
            // More maintenance time excuses more downtime.
            Term::MaintenanceDuring => (
                "maintenance during",
                How::OpenTime,
                Lower,
                A::Unordered,
                false,
            ),
            Term::Maintenance => ("maintenance", How::Presence, Unordered, A::Strictest, false),
            // A clock that runs more makes deadlines come sooner, downtime count more.
            Term::During => (
                "service hours (during)",
                How::OpenTime,
                Higher,
                A::Unordered,
                false,
            ),
            // An earlier start and a later end promise more; no bound is the widest.
            Term::ValidFrom => ("valid from", How::Date, Lower, A::Strictest, false),
            Term::ValidTo => ("valid to", How::Date, Higher, A::Strictest, false),
            Term::Service => ("service", How::Presence, Unordered, A::Loosest, false),
            Term::Objective => ("objective", How::Presence, Unordered, A::Loosest, false),
            Term::SupportTarget => (
                "support target",
                How::Presence,
                Unordered,
                A::Loosest,
                false,
            ),
            // An exclusion excuses more; its text has no order.
            Term::Exclusion => ("exclusion", How::Presence, Unordered, A::Strictest, false),
            Term::Agreement => ("agreement", How::Presence, Unordered, A::Loosest, false),
            // What the customer pays is not a level of service.
            Term::Fee => ("fee", How::Money, Unordered, A::Unordered, false),
            // Updates more often promise more; none promises none.
            Term::UpdateEvery => ("update frequency", How::Duration, Lower, A::Loosest, true),
            Term::ReviewEvery => (
                "review interval",
                How::Months,
                Unordered,
                A::Unordered,
                false,
            ),
            // A longer minimum leaves more short outages uncounted; none counts them all.
            Term::DowntimeMinimum => ("minimum downtime", How::Duration, Lower, A::Strictest, true),
            // A higher threshold lets more failing intervals pass as up.
            Term::ErrorThreshold => (
                "downtime error threshold",
                How::Percent,
                Lower,
                A::Unordered,
                true,
            ),
            // Counting the dependencies' outages (1) promises more than not (0).
            Term::DependencyOutages => (
                "dependency outages count",
                How::Presence,
                Higher,
                A::Unordered,
                true,
            ),
        };
        Row {
            term: self,
            name,
            how,
            stricter,
            absent,
            floor,
        }
    }

    /// The verdict on a new value ordered against the old one as `ord` (`None`: no order).
    pub fn order(self, ord: Option<Ordering>) -> Verdict {
        match (ord, self.row().stricter) {
            (Some(Ordering::Equal), _) => Verdict::Same,
            (None, _) | (_, Direction::Unordered) => Verdict::Unordered,
            (Some(Ordering::Greater), Direction::HigherIsStricter)
            | (Some(Ordering::Less), Direction::LowerIsStricter) => Verdict::Tightened,
            (Some(_), _) => Verdict::Loosened,
        }
    }

    /// The verdict on a new value that is greater than the old one in some respect
    /// (`greater`) and smaller in another (`smaller`).
    pub fn sides(self, greater: bool, smaller: bool) -> Verdict {
        match (greater, smaller) {
            (false, false) => Verdict::Same,
            (true, false) => self.order(Some(Ordering::Greater)),
            (false, true) => self.order(Some(Ordering::Less)),
            (true, true) if self.row().stricter == Direction::Unordered => Verdict::Unordered,
            (true, true) => Verdict::Mixed,
        }
    }

    /// The verdict on a value that appears or disappears.
    fn presence(self, appears: bool) -> Verdict {
        match (self.row().absent, appears) {
            (Absent::Strictest, true) | (Absent::Loosest, false) => Verdict::Loosened,
            (Absent::Strictest, false) | (Absent::Loosest, true) => Verdict::Tightened,
            (Absent::Unordered, _) => Verdict::Unordered,
        }
    }

    /// Compares `new` with `old` by `cmp` (`None`: no order), absent values ranked by
    /// the table.
    pub fn compare_by<T: ?Sized>(
        self,
        old: Option<&T>,
        new: Option<&T>,
        cmp: impl Fn(&T, &T) -> Option<Ordering>,
    ) -> Verdict {
        match (old, new) {
            (None, None) => Verdict::Same,
            (None, Some(_)) => self.presence(true),
            (Some(_), None) => self.presence(false),
            (Some(o), Some(n)) => self.order(cmp(n, o)),
        }
    }

    /// Compares `new` with `old` by their natural order.
    pub fn compare<T: Ord + ?Sized>(self, old: Option<&T>, new: Option<&T>) -> Verdict {
        self.compare_by(old, new, |n, o| Some(n.cmp(o)))
    }
}

/// Minimum credits in one currency, by amount and then `above` (which pays fewer: `above
/// 1 USD` withholds a credit of exactly 1 USD that `1 USD` pays).
pub fn minimum_order(a: &super::CreditMinimum, b: &super::CreditMinimum) -> Option<Ordering> {
    (a.currency == b.currency).then(|| (a.amount, a.above).cmp(&(b.amount, b.above)))
}

/// Amounts in one currency; amounts in two currencies have no order.
pub fn money_order(a: &super::Money, b: &super::Money) -> Option<Ordering> {
    (a.currency == b.currency).then(|| a.amount.cmp(&b.amount))
}

/// Support deadlines by length: open time by milliseconds, business days by days. Open
/// time and business days have no order: how many hours a business day holds depends on
/// the calendar and the day.
pub fn length_order(a: &crate::time::Length, b: &crate::time::Length) -> Option<Ordering> {
    use crate::time::Length;
    match (a, b) {
        (Length::Open(x), Length::Open(y)) => Some(x.cmp(y)),
        (Length::BusinessDays(x), Length::BusinessDays(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// Windows by nominal length; the same length in another kind has no order.
pub fn window_order(a: &Window, b: &Window) -> Option<Ordering> {
    let len = |w: &Window| super::periods::nominal_window_ms(*w);
    match len(a).cmp(&len(b)) {
        Ordering::Equal if a != b => None,
        o => Some(o),
    }
}

/// Credits in percent, or amounts in one currency.
pub fn credit_order(a: &Credit, b: &Credit) -> Option<Ordering> {
    match (a, b) {
        (Credit::Percent(a), Credit::Percent(b))
        | (Credit::Proportional(a), Credit::Proportional(b)) => Some(a.cmp(b)),
        (Credit::Amount(a), Credit::Amount(b)) if a.currency == b.currency => {
            Some(a.amount.cmp(&b.amount))
        }
        _ => None,
    }
}

impl DeadlineTerm {
    /// The share of tickets that must meet the deadline, in percent: all without `at`.
    pub fn share(&self) -> Decimal {
        self.at.as_ref().map_or(Decimal::ONE_HUNDRED, |a| a.value)
    }
}

/// Where a new penalty pays less than the old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Less {
    /// At this attainment.
    At(Decimal),
    /// For each breach.
    EachBreach,
}

/// A penalty compared with another on the same thing, as a function of attainment: the
/// credit the tiers give at every threshold and between them, and the credit for each
/// breach. Also where the new one pays less first, if anywhere.
pub fn penalty(old: &Penalty, new: &Penalty) -> (Verdict, Option<Less>) {
    let mut points: Vec<Decimal> = old
        .tiers
        .iter()
        .chain(&new.tiers)
        .map(|t| t.threshold.value)
        .collect();
    points.sort();
    points.dedup();
    let mut samples = Vec::new();
    if let Some(first) = points.first() {
        samples.push(*first - Decimal::ONE);
    }
    for (i, p) in points.iter().enumerate() {
        samples.push(*p);
        if let Some(q) = points.get(i + 1) {
            samples.push((*p + *q) / Decimal::TWO);
        }
    }
    if let Some(last) = points.last() {
        samples.push(*last + Decimal::ONE);
    }
    let (mut more, mut less, mut unordered) = (false, false, false);
    let mut first_less = None;
    let mut compare = |o: Option<&Credit>, n: Option<&Credit>, at: Less| {
        let amount = |c: Option<&Credit>| match c {
            None => Decimal::ZERO,
            Some(Credit::Percent(p) | Credit::Proportional(p)) => *p,
            Some(Credit::Amount(m)) => m.amount,
        };
        if let (Some(o), Some(n)) = (o, n) {
            if credit_order(n, o).is_none() {
                unordered = true;
                return;
            }
        }
        match amount(n).cmp(&amount(o)) {
            Ordering::Greater => more = true,
            Ordering::Less => {
                less = true;
                first_less.get_or_insert(at);
            }
            Ordering::Equal => {}
        }
    };
    for s in samples {
        compare(credit_at(old, s), credit_at(new, s), Less::At(s));
    }
    compare(
        old.each_breach.as_ref().map(|c| &c.value),
        new.each_breach.as_ref().map(|c| &c.value),
        Less::EachBreach,
    );
    // Another basis (the period's fees, the previous month's, the days before the claim)
    // or computing per item instead of on the whole: neither is looser in general (it
    // depends on the charges), so it is a change, never a loosening (language.md §7.1).
    if old.basis.map_or(CreditBasis::Period, |b| b.value)
        != new.basis.map_or(CreditBasis::Period, |b| b.value)
        || old.per_item.map(|i| i.value) != new.per_item.map(|i| i.value)
    {
        unordered = true;
    }
    let verdict = if unordered {
        Verdict::Unordered
    } else {
        Term::Penalty.sides(more, less)
    };
    (verdict, first_less.filter(|_| !unordered))
}

/// The credit a penalty's tiers give at an attainment: the largest of the tiers that
/// attainment falls under, or none.
pub fn credit_at(p: &Penalty, attainment: Decimal) -> Option<&Credit> {
    let amount = |c: &Credit| match c {
        Credit::Percent(p) | Credit::Proportional(p) => *p,
        Credit::Amount(m) => m.amount,
    };
    p.tiers
        .iter()
        .filter(|t| match t.op {
            TierOp::Below => attainment < t.threshold.value,
            TierOp::AtOrBelow => attainment <= t.threshold.value,
        })
        .map(|t| &t.credit.value)
        .max_by(|a, b| amount(a).cmp(&amount(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_one_row_in_order() {
        let rows: Vec<Row> = table().collect();
        assert_eq!(rows.len(), TERMS.len());
        for (r, t) in rows.iter().zip(TERMS) {
            assert_eq!(r.term, t);
        }
    }

    #[test]
    fn longer_windows_are_looser() {
        let v = |a, b| Term::Window.compare_by(Some(&a), Some(&b), window_order);
        assert_eq!(v(Window::Month, Window::Year), Verdict::Loosened);
        assert_eq!(v(Window::Year, Window::Quarter), Verdict::Tightened);
        assert_eq!(v(Window::Month, Window::Month), Verdict::Same);
        let d30 = Window::Rolling(30 * 86_400_000);
        assert_eq!(v(Window::Month, d30), Verdict::Unordered);
        assert!(!Verdict::Unordered.loosens());
    }

    #[test]
    fn absent_values_rank_by_the_table() {
        assert_eq!(Term::Cap.compare(None, Some(&1)), Verdict::Loosened);
        assert_eq!(
            Term::MaintenanceNotice.compare(None, Some(&1)),
            Verdict::Tightened
        );
        assert_eq!(Term::Target.compare(None, Some(&1)), Verdict::Unordered);
        assert_eq!(Term::Deadline.compare(Some(&1), None), Verdict::Loosened);
    }
}
