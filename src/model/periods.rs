//! Reporting periods and what an objective allows in each: one definition each, read by
//! the contract, `eval`, the monitoring rules and `portfolio.json` (DESIGN principle 12).
//!
//! A period is a calendar month, quarter or year placed in an agreement's time zone and
//! measured in real time (March 2026 in Europe/Paris lasts 743 hours). The allowance of an
//! objective in a period is the open time of its `during` calendar over the period times
//! (100 − target)%, exact; documents round it down to the second, so that downtime equal
//! to the printed figure always meets the objective and one second more never does.

use super::portfolio::{Fee, FeePeriod, Money, Objective, PenaltyOn, Portfolio, Terms, Window};
use crate::time::{Calendar, Instant};
use chrono::{Datelike, Duration, LocalResult, NaiveDate, TimeZone};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use std::fmt;

/// Nanoseconds since the epoch (the resolution of `eval`).
pub type Nanos = i64;

const NS_PER_MS: i64 = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    /// The calendar period a window is measured over; `None` for a week or a rolling
    /// window, which `eval` does not report on.
    pub fn of(window: Window) -> Option<PeriodKind> {
        match window {
            Window::Month => Some(PeriodKind::Month),
            Window::Quarter => Some(PeriodKind::Quarter),
            Window::Year => Some(PeriodKind::Year),
            Window::Week | Window::Rolling(_) => None,
        }
    }

    /// How many months the period lasts (the fee for the period is this many monthly fees).
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    /// `month`, `quarter` or `year`: the word every credit, cap and claim text uses.
    pub fn word(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// `monthly`, `quarterly`, `yearly`.
    pub fn adjective(self) -> &'static str {
        match self {
            PeriodKind::Month => "monthly",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::Year => "yearly",
        }
    }
}

/// `YYYY-MM`, `YYYY-Qn` or `YYYY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
    /// Month 1-12, quarter 1-4, or 1 for a year.
    pub index: u32,
}

impl std::str::FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Period, String> {
        let bad = || format!("expected a period such as 2026-11, 2026-Q4 or 2026, found `{s}`");
        let year = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1700..=2200).contains(y))
                .ok_or_else(bad)
        };
        match s.split_once('-') {
            None => Ok(Period {
                kind: PeriodKind::Year,
                year: year(s)?,
                index: 1,
            }),
            Some((y, q)) if q.starts_with('Q') || q.starts_with('q') => {
                let index = match &q[1..] {
                    "1" => 1,
                    "2" => 2,
                    "3" => 3,
                    "4" => 4,
                    _ => return Err(bad()),
                };
                Ok(Period {
                    kind: PeriodKind::Quarter,
                    year: year(y)?,
                    index,
                })
            }
            Some((y, m)) => {
                let index = (m.len() == 2)
                    .then(|| m.parse::<u32>().ok())
                    .flatten()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?;
                Ok(Period {
                    kind: PeriodKind::Month,
                    year: year(y)?,
                    index,
                })
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Month => write!(f, "{}-{:02}", self.year, self.index),
            PeriodKind::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            PeriodKind::Year => write!(f, "{}", self.year),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Period {
    /// The period of `kind` that contains `date`.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        let index = match kind {
            PeriodKind::Month => date.month(),
            PeriodKind::Quarter => (date.month() - 1) / 3 + 1,
            PeriodKind::Year => 1,
        };
        Period {
            kind,
            year: date.year(),
            index,
        }
    }

    /// The period after this one.
    #[must_use]
    pub fn next(self) -> Period {
        let last = match self.kind {
            PeriodKind::Month => 12,
            PeriodKind::Quarter => 4,
            PeriodKind::Year => 1,
        };
        if self.index == last {
            Period {
                year: self.year + 1,
                index: 1,
                ..self
            }
        } else {
            Period {
                index: self.index + 1,
                ..self
            }
        }
    }

    /// How many months the period lasts.
    pub fn months(&self) -> u32 {
        self.kind.months()
    }

    /// `month`, `quarter` or `year`.
    pub fn kind_word(&self) -> &'static str {
        self.kind.word()
    }

    /// Is `window` this kind of period?
    pub fn matches(&self, window: Window) -> bool {
        PeriodKind::of(window) == Some(self.kind)
    }

    /// `March 2026`, `Q1 2026`, `2026`.
    pub fn label(&self) -> String {
        format!("{} {}", self.short_label(), self.year)
            .trim_start()
            .to_string()
    }

    /// `March`, `Q1`, or nothing for a year: the column of a table per year.
    pub fn short_label(&self) -> String {
        match self.kind {
            PeriodKind::Month => MONTHS[(self.index - 1) as usize].into(),
            PeriodKind::Quarter => format!("Q{}", self.index),
            PeriodKind::Year => String::new(),
        }
    }

    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day_from(1)
    }

    /// The first day of the period when years start in month `start` (1 = January, the
    /// calendar; `fiscal year from 04-01` is 4). Quarter n of the fiscal year Y begins
    /// (n − 1) × 3 months after the 1st of `start` in Y: the fiscal year 2026 is the one
    /// that BEGINS in 2026 (language.md, "Fiscal years"). Months are not shifted.
    pub fn first_day_from(&self, start: u32) -> NaiveDate {
        let start = if (1..=12).contains(&start) { start } else { 1 };
        let (month, offset) = match self.kind {
            PeriodKind::Month => (self.index, 0),
            PeriodKind::Quarter => (start, (self.index - 1) * 3),
            PeriodKind::Year => (start, 0),
        };
        NaiveDate::from_ymd_opt(self.year, month, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(offset)))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The `kind` period that contains `date` when years start in month `start`: with
    /// April, 15 March 2026 is in Q4 of the fiscal year 2025.
    pub fn containing_from(kind: PeriodKind, date: NaiveDate, start: u32) -> Period {
        if kind == PeriodKind::Month || !(2..=12).contains(&start) {
            return Period::containing(kind, date);
        }
        let since = date.month() as i32 - start as i32;
        let (year, months) = if since >= 0 {
            (date.year(), since as u32)
        } else {
            (date.year() - 1, (since + 12) as u32)
        };
        Period {
            kind,
            year,
            index: if kind == PeriodKind::Quarter {
                months / 3 + 1
            } else {
                1
            },
        }
    }

    /// The first day of each month of the period, then the first day after it.
    fn month_starts(&self, start: u32) -> Vec<NaiveDate> {
        let first = self.first_day_from(start);
        (0..=self.months())
            .filter_map(|k| first.checked_add_months(chrono::Months::new(k)))
            .collect()
    }

    /// The real instants at which each month of the period starts in `tz`, then the end of
    /// the period: `months() + 1` instants.
    pub fn month_bounds(&self, tz: Tz) -> Vec<Nanos> {
        self.month_bounds_from(tz, 1)
    }

    /// [`Self::month_bounds`] when years start in month `start`.
    pub fn month_bounds_from(&self, tz: Tz, start: u32) -> Vec<Nanos> {
        self.month_starts(start)
            .into_iter()
            .map(|d| local_midnight(tz, d))
            .collect()
    }

    /// `[start, end)` of the period in `tz`.
    pub fn bounds(&self, tz: Tz) -> (Nanos, Nanos) {
        self.bounds_from(tz, 1)
    }

    /// `[start, end)` of the period in `tz` when years start in month `start`.
    pub fn bounds_from(&self, tz: Tz, start: u32) -> (Nanos, Nanos) {
        let b = self.month_bounds_from(tz, start);
        (b[0], b[b.len() - 1])
    }

    /// The months a fiscal quarter or year covers, `April–June 2026`, `April 2026–March
    /// 2027`; `None` for a month or a calendar year start.
    fn fiscal_months(&self, start: u32) -> Option<String> {
        if self.kind == PeriodKind::Month || !(2..=12).contains(&start) {
            return None;
        }
        let first = self.first_day_from(start);
        let last = first
            .checked_add_months(chrono::Months::new(self.months() - 1))
            .unwrap_or(first);
        let name = |d: NaiveDate| MONTHS[d.month0() as usize];
        Some(if first.year() == last.year() {
            format!("{}–{} {}", name(first), name(last), last.year())
        } else {
            format!(
                "{} {}–{} {}",
                name(first),
                first.year(),
                name(last),
                last.year()
            )
        })
    }

    /// [`Self::label`] when years start in month `start`: `fiscal quarter Q1 2026
    /// (April–June 2026)`, `fiscal year 2026 (April 2026–March 2027)`.
    pub fn label_from(&self, start: u32) -> String {
        match self.fiscal_months(start) {
            None => self.label(),
            Some(months) => format!("fiscal {} {} ({months})", self.kind_word(), self.label()),
        }
    }

    /// [`Self::short_label`] when years start in month `start`: `Q1 (April–June)`,
    /// `Whole fiscal year (April–March)`: the rows of a table per fiscal year.
    pub fn short_label_from(&self, start: u32) -> String {
        if self.fiscal_months(start).is_none() {
            return self.short_label();
        }
        let first = self.first_day_from(start);
        let last = first
            .checked_add_months(chrono::Months::new(self.months() - 1))
            .unwrap_or(first);
        let span = format!(
            "{}–{}",
            MONTHS[first.month0() as usize],
            MONTHS[last.month0() as usize]
        );
        match self.kind {
            PeriodKind::Year => format!("Whole fiscal year ({span})"),
            _ => format!("{} ({span})", self.short_label()),
        }
    }
}

/// `April` for 4: the name of a month 1-12 (January for anything else).
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or(MONTHS[0])
}

/// The month an agreement's quarters and years start in: `fiscal year from MM-01`, else
/// January (1). Every reader of an agreement's quarters and years (allowances, `eval`,
/// monitoring windows, the contract's words) goes through [`agreement_bounds`] or
/// [`agreement_period`] with it.
pub fn fiscal_start(terms: &Terms) -> u32 {
    terms.more.fiscal_year_start.as_ref().map_or(1, |m| m.value)
}

/// `[start, end)` of `period` as the agreement reads it: in its zone, its quarters and
/// years from its fiscal year start (`--period 2026-Q1` under `fiscal year from 04-01`
/// is April–June 2026).
pub fn agreement_bounds(terms: &Terms, period: &Period) -> (Nanos, Nanos) {
    period.bounds_from(terms.tz(), fiscal_start(terms))
}

/// The agreement's `kind` period that contains `date` (its fiscal quarter or year).
pub fn agreement_period(terms: &Terms, kind: PeriodKind, date: NaiveDate) -> Period {
    Period::containing_from(kind, date, fiscal_start(terms))
}

/// The stretch of time an objective with `window` is judged over when the reporting
/// period `[start, end)` is evaluated (language.md §4.1, "Rolling windows"): the period
/// itself for a window of its kind; for `rolling D` the window of D (real time) that
/// ends when the period ends, the moment `slac eval` takes the claim as made. `None`
/// when the window is another kind of period, or a rolling window longer than the
/// period (a longer period must be evaluated to see all of it).
pub fn judged_span(
    period: &Period,
    window: Window,
    (start, end): (Nanos, Nanos),
) -> Option<(Nanos, Nanos)> {
    match window {
        Window::Rolling(ms) => {
            let d = ms.checked_mul(1_000_000)?;
            (d > 0 && d <= end - start).then(|| (end - d, end))
        }
        w => period.matches(w).then_some((start, end)),
    }
}

/// The instant at which `date` begins in `tz` (the first instant of the day when midnight
/// falls into a clock change's gap), in nanoseconds since the epoch.
pub fn local_midnight(tz: Tz, date: NaiveDate) -> Nanos {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    let mut t = midnight;
    for _ in 0..=24 * 60 {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => {
                return saturating_nanos(x.timestamp_nanos_opt(), x.timestamp());
            }
            LocalResult::None => t += Duration::minutes(1),
        }
    }
    let utc = midnight.and_utc();
    saturating_nanos(utc.timestamp_nanos_opt(), utc.timestamp())
}

/// Nanoseconds since the epoch cover the years 1677 to 2262; dates outside (a validity
/// `from 0001-01-01` or `to 9999-12-31`) saturate on their own side of the epoch.
fn saturating_nanos(nanos: Option<i64>, seconds: i64) -> Nanos {
    nanos.unwrap_or(if seconds < 0 { i64::MIN } else { i64::MAX })
}

/// The open time of `cal` in `[a, b)`, both on whole milliseconds (period bounds are), in
/// nanoseconds.
pub fn open_time(cal: &Calendar, a: Nanos, b: Nanos) -> i64 {
    if b <= a {
        return 0;
    }
    if cal.is_always() {
        return b - a;
    }
    let ms = cal.open_time(
        Instant(a.div_euclid(NS_PER_MS)),
        Instant(b.div_euclid(NS_PER_MS)),
    );
    ms.saturating_mul(NS_PER_MS)
}

/// The downtime `target`% allows in `open` nanoseconds of counted time, exact, in
/// seconds: `open × (100 − target) / 100`.
pub fn allowance_seconds(target: Decimal, open_ns: i64) -> Decimal {
    let rest = (Decimal::ONE_HUNDRED - target).max(Decimal::ZERO);
    (Decimal::new(open_ns, 9) * rest / Decimal::ONE_HUNDRED).normalize()
}

/// An allowance rounded down to whole seconds, in milliseconds: what documents print.
pub fn printed_ms(seconds: Decimal) -> i64 {
    i64::try_from(seconds.floor())
        .unwrap_or(0)
        .max(0)
        .saturating_mul(1000)
}

/// How many months a fee is written for: `per month` 1, `per quarter` 3, `per year` 12.
pub fn fee_months(per: FeePeriod) -> u32 {
    match per {
        FeePeriod::Month => 1,
        FeePeriod::Quarter => 3,
        FeePeriod::Year => 12,
    }
}

/// The period kind a fee is written for.
pub fn fee_kind(per: FeePeriod) -> PeriodKind {
    match per {
        FeePeriod::Month => PeriodKind::Month,
        FeePeriod::Quarter => PeriodKind::Quarter,
        FeePeriod::Year => PeriodKind::Year,
    }
}

/// The fee for every `kind` period, when it is the same for each: a whole number of the
/// fee's own periods (a quarter of `fee 1000 EUR per month` is 3000 EUR, a year of
/// `per quarter` four fees). `None` for `fee from charges` and for a period shorter than
/// the fee's (a month of a quarterly fee, whose share depends on the month's days: see
/// [`fee_in`]). The one rule of language.md §7.1, with [`fee_in`] and [`fee_between`].
pub fn fee_for(fee: &Fee, kind: PeriodKind) -> Option<Money> {
    let Fee::Fixed { money, per } = fee else {
        return None;
    };
    let (months, of) = (kind.months(), fee_months(*per));
    (months % of == 0).then(|| Money {
        amount: money.amount * Decimal::from(months / of),
        currency: money.currency.clone(),
    })
}

/// The fee for one calendar period in `tz`: [`fee_for`] when the period holds whole fee
/// periods; a period shorter than the fee's takes the share of the fee period containing
/// it by real time (so by days: January is 31/90 of a quarterly fee in Q1 2026 in UTC).
pub fn fee_in(fee: &Fee, period: Period, tz: Tz) -> Option<Money> {
    if let Some(m) = fee_for(fee, period.kind) {
        return Some(m);
    }
    let Fee::Fixed { per, .. } = fee else {
        return None;
    };
    let (a, b) = period.bounds(tz);
    fee_between(fee, fee_kind(*per), tz, a, b)
}

/// The fee for the time `[from, to)`: each `kind` period it overlaps gives its fee
/// ([`fee_in`]) times the share of that period's real time that `[from, to)` covers. The
/// part of a period in force, the downtime (`times the fees for the downtime`) and the
/// 30 days before a claim are all taken so. `None` for `fee from charges`.
pub fn fee_between(fee: &Fee, kind: PeriodKind, tz: Tz, from: Nanos, to: Nanos) -> Option<Money> {
    fee_between_from(fee, kind, tz, 1, from, to)
}

/// [`fee_between`] for an agreement whose quarters and years start in month `start`
/// (`fiscal year from 04-01`): a quarterly fee is the fee of its fiscal quarter.
pub fn fee_between_from(
    fee: &Fee,
    kind: PeriodKind,
    tz: Tz,
    start: u32,
    from: Nanos,
    to: Nanos,
) -> Option<Money> {
    let money = fee.money()?;
    let mut amount = Decimal::ZERO;
    if from < to {
        let local = |t: Nanos| {
            chrono::DateTime::from_timestamp_nanos(t)
                .with_timezone(&tz)
                .date_naive()
        };
        let per = fee_period(fee);
        let mut period = Period::containing_from(kind, local(from), start);
        // One step per period of the stretch, and never past its end.
        for _ in 0..100_000 {
            let (first, end) = period.bounds_from(tz, start);
            if first >= to {
                break;
            }
            let (lo, hi) = (first.max(from), end.min(to));
            if lo < hi {
                // The period's fee: whole fee periods, else its share of the fee period
                // that contains it by real time.
                let whole = if let Some(m) = fee_for(fee, kind) {
                    m.amount
                } else {
                    let (fs, fe) = Period::containing_from(fee_kind(per), local(first), start)
                        .bounds_from(tz, start);
                    money.amount * Decimal::from(end - first) / Decimal::from(fe - fs)
                };
                amount += if (lo, hi) == (first, end) {
                    whole
                } else {
                    whole * Decimal::from(hi - lo) / Decimal::from(end - first)
                };
            }
            period = period.next();
        }
    }
    Some(Money {
        amount,
        currency: money.currency.clone(),
    })
}

/// What was billed for the time `[from, to)` under `fee from charges`: each charge (an
/// amount billed for one calendar period, `slac eval --charges`) is a fee for its own
/// period, so it gives the share of its period's real time that `[from, to)` covers, the
/// rule of [`fee_between`] (a charge for November covers November whole; the 30 days
/// before 1 December take all of it; a quarter's charge gives a month its days over the
/// quarter's).
pub fn charges_between<'a>(
    charges: impl IntoIterator<Item = (Period, &'a Decimal)>,
    tz: Tz,
    from: Nanos,
    to: Nanos,
) -> Decimal {
    let mut amount = Decimal::ZERO;
    for (period, billed) in charges {
        let (start, end) = period.bounds(tz);
        let (lo, hi) = (start.max(from), end.min(to));
        if lo >= hi {
            continue;
        }
        amount += if (lo, hi) == (start, end) {
            *billed
        } else {
            *billed * Decimal::from(hi - lo) / Decimal::from(end - start)
        };
    }
    amount
}

fn fee_period(fee: &Fee) -> FeePeriod {
    match fee {
        Fee::Fixed { per, .. } => *per,
        Fee::Charges => FeePeriod::Month,
    }
}

/// The period a fee is written for (a month for `fee from charges`): the periods the
/// fees of a stretch of time are spread over (the N days before a claim, the downtime).
pub fn fee_cycle(fee: &Fee) -> PeriodKind {
    fee_kind(fee_period(fee))
}

/// The billing cycle (`claims { within … after the billing cycle }`): the period the fee
/// is written for; a month for `fee from charges` or without a fee.
pub fn billing_cycle(terms: &Terms) -> PeriodKind {
    match terms.fee.as_ref().map(|f| &f.value) {
        Some(Fee::Fixed { per, .. }) => fee_kind(*per),
        _ => PeriodKind::Month,
    }
}

/// The last day a credit for the billing cycle that ends before `next` (its first day
/// after) may be claimed, for `within N months after the billing cycle` (the last day of
/// the Nth month after it) or `within 30d after the billing cycle` (rounded up to whole
/// days: 30 days after the cycle's last day).
pub fn claim_last_day(length: super::ClaimLength, next: NaiveDate) -> Option<NaiveDate> {
    match length {
        super::ClaimLength::Months(n) => next
            .checked_add_months(chrono::Months::new(n))
            .and_then(|d| d.pred_opt()),
        super::ClaimLength::Millis(ms) => {
            let days =
                u64::try_from(ms.div_euclid(86_400_000) + i64::from(ms % 86_400_000 != 0)).ok()?;
            next.checked_add_days(chrono::Days::new(days))?.pred_opt()
        }
    }
}

/// The fee per year, exact for every fixed fee: what catalogue packages are compared by
/// (E0606) and the register's annual figure.
pub fn fee_per_year(fee: &Fee) -> Option<Money> {
    fee_for(fee, PeriodKind::Year)
}

/// The period a penalty's credit is computed over: the window of the objective it is on;
/// for support penalties (and objectives measured per week or over a rolling window, which
/// `eval` does not report on) the agreement's [`reporting_period`].
pub fn penalty_period(terms: &Terms, on: &PenaltyOn) -> PeriodKind {
    let window = terms
        .objectives
        .iter()
        .find(|o| penalty_on(o) == *on)
        .and_then(|o| PeriodKind::of(o.window()));
    window.unwrap_or_else(|| reporting_period(terms))
}

/// The period credits are counted and claimed in: the calendar window the agreement's
/// objectives share (the first objective measured over a month, quarter or year), else a
/// month.
pub fn reporting_period(terms: &Terms) -> PeriodKind {
    terms
        .objectives
        .iter()
        .find_map(|o| PeriodKind::of(o.window()))
        .unwrap_or(PeriodKind::Month)
}

/// The stretch of time over which the Prometheus rules' service-hours gate is the
/// calendar itself (docs/monitoring.md, "Service hours"): from the start of the period
/// that contains `today` to the end of the period after it, the objective's window when
/// it is a month, quarter or year, else the agreement's reporting period. The rules are
/// rebuilt at the start of each period, so the gate in force lies inside it with a whole
/// period to spare.
pub fn gate_horizon(terms: &Terms, o: &Objective, today: NaiveDate) -> (Nanos, Nanos) {
    let kind = PeriodKind::of(o.window()).unwrap_or_else(|| reporting_period(terms));
    let p = agreement_period(terms, kind, today);
    (
        agreement_bounds(terms, &p).0,
        agreement_bounds(terms, &p.next()).1,
    )
}

/// What `penalty on …` an objective's tiers are written under.
pub fn penalty_on(o: &Objective) -> PenaltyOn {
    match o.kind {
        super::ObjectiveKind::Availability => PenaltyOn::Availability,
        super::ObjectiveKind::Latency => PenaltyOn::Latency,
        super::ObjectiveKind::Outcome => PenaltyOn::Outcome {
            id: o.id.to_string(),
        },
    }
}

/// One period of the validity with the time that counts in it and the downtime allowed.
#[derive(Clone, Debug)]
pub struct PeriodAllowance {
    pub period: Period,
    /// The month the agreement's years start in (1 = January): how the period is named.
    pub fiscal_start: u32,
    /// The part of the period in force, `[start, end)`.
    pub from: Nanos,
    pub to: Nanos,
    /// The counted (open) time in force, in nanoseconds.
    pub open_ns: i64,
    /// The allowed downtime, exact, in seconds.
    pub allowed: Decimal,
    /// The agreement is in force for only part of the period.
    pub partial: bool,
}

impl PeriodAllowance {
    /// The period in words, `Q1 2026` or `fiscal quarter Q1 2026 (April–June 2026)`.
    pub fn label(&self) -> String {
        self.period.label_from(self.fiscal_start)
    }

    /// The period's row in a table per year, `Q1` or `Q1 (April–June)`.
    pub fn short_label(&self) -> String {
        self.period.short_label_from(self.fiscal_start)
    }

    /// The allowance as documents print it, rounded down to the second, in milliseconds.
    pub fn printed_ms(&self) -> i64 {
        printed_ms(self.allowed)
    }
}

/// The years whose periods documents list: the years in force
/// ([`super::years_in_force`], the rule recurring closures are listed by too), at most
/// ten of them.
pub fn listed_years(terms: &Terms, today: NaiveDate) -> (i32, i32) {
    let (first, last) = super::years_in_force(terms, today);
    (first, last.min(first.saturating_add(9)))
}

/// The long window of the fastest burn-rate alert (monitoring's page: 2% of the budget in
/// one hour): an objective measured over less cannot be watched by burn rate (W0509).
pub const SHORTEST_BURN_WINDOW_MS: i64 = 3_600_000;

/// `[start, end)` of the time an agreement is in force, in `tz`: from `valid from` to
/// its last day (`valid … to`, cut at a termination: `lifecycle::last_day`), inclusive
/// through the end of that local day; without either, no start or no end.
pub fn validity_bounds(terms: &Terms) -> (Nanos, Nanos) {
    let tz = terms.tz();
    let start = terms
        .valid
        .as_ref()
        .map_or(Nanos::MIN, |v| local_midnight(tz, v.value.from));
    let end = super::lifecycle::last_day(terms)
        .and_then(|d| d.succ_opt())
        .map_or(Nanos::MAX, |d| local_midnight(tz, d));
    (start, end)
}

/// The allowance of an availability objective in one period (the part of it in force);
/// `None` for other objectives, objectives without a target, a period of another kind
/// than the objective's window, and a period the agreement is not in force in.
pub fn allowance_in(
    p: &Portfolio,
    terms: &Terms,
    o: &Objective,
    period: Period,
) -> Option<PeriodAllowance> {
    let target = o.target.as_ref()?.value;
    if o.kind != super::ObjectiveKind::Availability || !period.matches(o.window()) {
        return None;
    }
    let cal = &p.calendars[o.during.as_ref().map_or(super::ALWAYS, |d| d.value.index)].clock;
    let in_force = validity_bounds(terms);
    let (s, e) = agreement_bounds(terms, &period);
    let (from, to) = (s.max(in_force.0), e.min(in_force.1));
    (from < to).then(|| {
        let open_ns = open_time(cal, from, to);
        PeriodAllowance {
            period,
            fiscal_start: fiscal_start(terms),
            from,
            to,
            open_ns,
            allowed: allowance_seconds(target, open_ns),
            partial: (from, to) != (s, e),
        }
    })
}

/// The allowance of an availability objective in every period of its window in the
/// listed years (see [`listed_years`]) that the agreement is in force in; `None` for
/// other objectives, objectives without a target, and windows that are not calendar
/// periods.
pub fn allowances(
    p: &Portfolio,
    terms: &Terms,
    o: &Objective,
    today: NaiveDate,
) -> Option<Vec<PeriodAllowance>> {
    o.target.as_ref()?;
    let kind = PeriodKind::of(o.window())?;
    if o.kind != super::ObjectiveKind::Availability {
        return None;
    }
    let (first, last) = listed_years(terms, today);
    let mut out = Vec::new();
    let mut period = Period {
        kind,
        year: first,
        index: 1,
    };
    while period.year <= last {
        out.extend(allowance_in(p, terms, o, period));
        period = period.next();
    }
    Some(out)
}

/// The open time of `cal` in a stretch of `length_ms` without closures: its weekly hours
/// pro rata (a week window, a rolling window).
pub fn typical_open_ms(cal: &Calendar, length_ms: i64) -> i64 {
    if cal.is_always() {
        return length_ms;
    }
    let week = cal.week_open_minutes() * 60_000;
    i64::try_from(i128::from(week) * i128::from(length_ms) / i128::from(crate::time::WEEK))
        .unwrap_or(i64::MAX)
}

/// The time an objective's error budget is spread over in the period of its window that
/// contains `today`, in milliseconds: the open time of its `during` calendar in that
/// period (the part in force, as the contract's table shows it), or for a week or a
/// rolling window of `length_ms` the weekly hours pro rata. Burn-rate factors are this
/// time over the alert's long window, so a burn rate of 1 spends the printed allowance.
pub fn counted_ms(
    p: &Portfolio,
    terms: &Terms,
    o: &Objective,
    today: NaiveDate,
    length_ms: i64,
) -> i64 {
    let cal = &p.calendars[o.during.as_ref().map_or(super::ALWAYS, |d| d.value.index)].clock;
    let Some(kind) = PeriodKind::of(o.window()) else {
        return typical_open_ms(cal, length_ms);
    };
    let period = agreement_period(terms, kind, today);
    let open_ns = match allowance_in(p, terms, o, period) {
        Some(a) if !a.partial => a.open_ns,
        _ => {
            let (s, e) = agreement_bounds(terms, &period);
            open_time(cal, s, e)
        }
    };
    open_ns / NS_PER_MS
}

/// Nominal window lengths in milliseconds, for ordering windows by length (W0406, the
/// strictness of a window): week 7d, month 30d, quarter 91d, year 365d, rolling as
/// written. Real periods (allowances, fees, eval) use [`Period`] instead.
pub fn nominal_window_ms(w: crate::model::Window) -> i64 {
    use crate::model::Window;
    const DAY: i64 = 86_400_000;
    match w {
        Window::Week => 7 * DAY,
        Window::Month => 30 * DAY,
        Window::Quarter => 91 * DAY,
        Window::Year => 365 * DAY,
        Window::Rolling(ms) => ms,
    }
}

/// The share of an objective's error budget a result used: the bad part of what was
/// counted (`bad` of `total`: downtime of open time, bad of all events) over what the
/// target allows, `(bad ÷ total) ÷ ((100 − target) ÷ 100)`. For downtime it equals the
/// downtime over [`allowance_seconds`]. 1.0 is the whole budget; `None` when nothing was
/// counted or the target (100%) allows nothing. The target as reports carry it (`f64`).
pub fn budget_used(target: f64, bad: i128, total: i128) -> Option<f64> {
    let rest = 100.0 - target;
    (total > 0 && rest > 0.0).then(|| bad as f64 / total as f64 * 100.0 / rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Validity;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    /// The budget used by downtime is the downtime over the allowance: one meaning.
    #[test]
    fn budget_used_is_downtime_over_the_allowance() {
        use rust_decimal::prelude::ToPrimitive as _;
        let open: i64 = 30 * 86_400 * 1_000_000_000;
        for (target, down_s) in [("99.9", 1296), ("99.95", 2592), ("98", 0), ("99", 25_920)] {
            let t = dec(target);
            let down = i128::from(down_s) * 1_000_000_000;
            let used = budget_used(t.to_f64().expect("f64"), down, i128::from(open)).expect("used");
            let allowance = allowance_seconds(t, open).to_f64().expect("f64");
            assert!(
                (used - f64::from(down_s) / allowance).abs() < 1e-12,
                "{target}: {used}"
            );
        }
        assert_eq!(budget_used(100.0, 1, 10), None, "100% allows nothing");
        assert_eq!(budget_used(99.0, 0, 0), None, "nothing counted");
    }

    #[test]
    fn real_periods_and_exact_allowances() {
        let paris: Tz = "Europe/Paris".parse().expect("zone");
        let always = Calendar::always();
        let at = |p: &str| {
            let (a, b) = Period::from_str(p).expect("period").bounds(paris);
            allowance_seconds(dec("99.9"), open_time(&always, a, b))
        };
        // March 2026 in Paris lasts 743 h: 2674.8 s = 44 min 34.8 s.
        assert_eq!(at("2026-03"), dec("2674.8"));
        assert_eq!(printed_ms(at("2026-03")), (44 * 60 + 34) * 1000);
        // February 2026: 672 h, 2419.2 s = 40 min 19 s.
        assert_eq!(printed_ms(at("2026-02")), (40 * 60 + 19) * 1000);
        // Q1 2026: 2159 h, 2 h 9 min 32.4 s.
        assert_eq!(at("2026-Q1"), dec("7772.4"));
        assert_eq!(
            Period::from_str("2026-Q4").expect("q").next().to_string(),
            "2027-Q1"
        );
        assert_eq!(
            Period::from_str("2026-11").expect("m").label(),
            "November 2026"
        );
        assert_eq!(Period::from_str("2026").expect("y").label(), "2026");
    }

    #[test]
    fn fiscal_quarters_and_years_start_in_their_month() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let utc = chrono_tz::UTC;
        let q1 = Period::from_str("2026-Q1").expect("q");
        // `fiscal year from 04-01`: Q1 2026 is April–June 2026, 91 days; 99.9% allows
        // 7862.4 s.
        assert_eq!(q1.first_day_from(4), d(2026, 4, 1));
        let (a, b) = q1.bounds_from(utc, 4);
        assert_eq!(b - a, 91 * 86_400 * 1_000_000_000);
        assert_eq!(
            allowance_seconds(dec("99.9"), open_time(&Calendar::always(), a, b)),
            dec("7862.4")
        );
        assert_eq!(q1.label_from(4), "fiscal quarter Q1 2026 (April–June 2026)");
        assert_eq!(q1.short_label_from(4), "Q1 (April–June)");
        // Q4 of the fiscal year 2026 is January–March 2027; the year runs into 2027.
        let q4 = Period::from_str("2026-Q4").expect("q");
        assert_eq!(q4.first_day_from(4), d(2027, 1, 1));
        let y = Period::from_str("2026").expect("y");
        assert_eq!(y.label_from(4), "fiscal year 2026 (April 2026–March 2027)");
        assert_eq!(y.bounds_from(utc, 4).1, local_midnight(utc, d(2027, 4, 1)));
        // 15 March 2026 is in Q4 of the fiscal year 2025; 1 April in Q1 2026.
        assert_eq!(
            Period::containing_from(PeriodKind::Quarter, d(2026, 3, 15), 4).to_string(),
            "2025-Q4"
        );
        assert_eq!(
            Period::containing_from(PeriodKind::Quarter, d(2026, 4, 1), 4).to_string(),
            "2026-Q1"
        );
        assert_eq!(
            Period::containing_from(PeriodKind::Year, d(2026, 3, 31), 4).to_string(),
            "2025"
        );
        // January is the calendar: nothing changes.
        assert_eq!(q1.bounds_from(utc, 1), q1.bounds(utc));
        assert_eq!(q1.label_from(1), "Q1 2026");
        // A quarterly fee is the fee of the fiscal quarter: 900 for April–June.
        let quarterly = Fee::Fixed {
            money: Money {
                amount: dec("900"),
                currency: "USD".into(),
            },
            per: FeePeriod::Quarter,
        };
        let fee = fee_between_from(&quarterly, PeriodKind::Quarter, utc, 4, a, b);
        assert_eq!(fee.map(|m| m.amount), Some(dec("900")));
    }

    #[test]
    fn fee_basis_follows_the_period() {
        let fee = |a: &str, per| Fee::Fixed {
            money: Money {
                amount: dec(a),
                currency: "USD".into(),
            },
            per,
        };
        let monthly = fee("210", FeePeriod::Month);
        let amount = |f: &Fee, k| fee_for(f, k).map(|m| m.amount);
        assert_eq!(amount(&monthly, PeriodKind::Month), Some(dec("210")));
        assert_eq!(amount(&monthly, PeriodKind::Quarter), Some(dec("630")));
        assert_eq!(amount(&monthly, PeriodKind::Year), Some(dec("2520")));
        let quarterly = fee("900", FeePeriod::Quarter);
        assert_eq!(amount(&quarterly, PeriodKind::Year), Some(dec("3600")));
        assert_eq!(amount(&quarterly, PeriodKind::Month), None);
        // January 2026 is 31 of Q1's 90 days: 900 × 31 / 90 = 310.
        let utc = chrono_tz::UTC;
        let jan = Period::from_str("2026-01").expect("month");
        assert_eq!(
            fee_in(&quarterly, jan, utc).map(|m| m.amount),
            Some(dec("310"))
        );
        // Half of March 2026 (from the 16th 12:00) of a monthly fee: half of it.
        let (a, b) = Period::from_str("2026-03").expect("m").bounds(utc);
        let half = fee_between(&monthly, PeriodKind::Month, utc, a + (b - a) / 2, b);
        assert_eq!(half.map(|m| m.amount), Some(dec("105")));
        // The 30 days before 2026-04-01 in a quarter judged per quarter: 630 × 30 / 90.
        let (_, end) = Period::from_str("2026-Q1").expect("q").bounds(utc);
        let days = fee_between(
            &monthly,
            PeriodKind::Quarter,
            utc,
            end - 30 * 86_400 * 1_000_000_000,
            end,
        );
        assert_eq!(days.map(|m| m.amount), Some(dec("210")));
        assert_eq!(
            fee_per_year(&quarterly).map(|m| m.amount),
            Some(dec("3600"))
        );
        assert_eq!(fee_for(&Fee::Charges, PeriodKind::Month), None);
    }

    #[test]
    fn claim_windows_after_the_billing_cycle() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        // November 2026's cycle ends before 1 December: "by the end of the second billing
        // cycle after" is 31 January 2027.
        let next = d(2026, 12, 1);
        assert_eq!(
            claim_last_day(crate::model::ClaimLength::Months(2), next),
            Some(d(2027, 1, 31))
        );
        // 30 days after the cycle: 30 December 2026 is the last day.
        assert_eq!(
            claim_last_day(crate::model::ClaimLength::Millis(30 * 86_400_000), next),
            Some(d(2026, 12, 30))
        );
    }

    #[test]
    fn listed_years_are_bounded() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let today = d(2026, 11, 26);
        let span = crate::source::Span::new(crate::source::FileId(0), 0, 0);
        let terms = |from, to| Terms {
            valid: Some(crate::source::Sp::new(Validity { from, to }, span)),
            ..Terms::default()
        };
        assert_eq!(listed_years(&Terms::default(), today), (2026, 2027));
        assert_eq!(
            listed_years(&terms(d(2026, 1, 1), None), today),
            (2026, 2027)
        );
        assert_eq!(
            listed_years(&terms(d(2026, 1, 1), Some(d(2027, 12, 31))), today),
            (2026, 2027)
        );
        assert_eq!(
            listed_years(&terms(d(2026, 1, 1), Some(d(9999, 12, 31))), today),
            (2026, 2035)
        );
    }
}
