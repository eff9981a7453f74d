//! The types of the resolved portfolio (serde `Serialize`), re-exported by `model`.

use crate::source::{Sp, Span};
pub use crate::syntax::ast::{
    AgreementKind, Deadline, Level, MeasuredBy, ObjectiveKind, PartyKind, TargetKind, TierOp,
    Window,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// A bound reference: the index of the item in its list and its name (what JSON shows).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ref {
    pub index: usize,
    /// Shared by every reference to the same item (one allocation per name, not per
    /// reference); derefs to `&str`.
    pub name: Name,
}

/// A name shared by every reference to the same item: one allocation per name, not one
/// per reference (a large portfolio's model holds hundreds of thousands of references).
/// Derefs to `&str` and serialises as the string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(std::sync::Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name(s.into())
    }
}

impl From<Name> for String {
    fn from(n: Name) -> Self {
        n.0.as_ref().to_string()
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl Serialize for Ref {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.name.serialize(s)
    }
}

/// The index of the built-in calendar `always` in [`Portfolio::calendars`].
pub const ALWAYS: usize = 0;

#[derive(Debug, Serialize)]
pub struct Portfolio {
    pub parties: Vec<Party>,
    pub calendars: Vec<Calendar>,
    pub services: Vec<Service>,
    pub agreements: Vec<Agreement>,
    /// Priced service levels (`catalogue`), in source order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub catalogues: Vec<Catalogue>,
    /// Every catalogue's packages, in source order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<Package>,
}

impl Portfolio {
    pub fn agreement(&self, name: &str) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.name == name)
    }

    pub fn calendar(&self, r: &Ref) -> &Calendar {
        &self.calendars[r.index]
    }

    pub fn always(&self) -> Ref {
        Ref {
            index: ALWAYS,
            name: "always".into(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Party {
    pub name: String,
    pub title: String,
    pub kind: PartyKind,
    pub contact: Option<String>,
    pub address: Option<String>,
    pub description: Option<String>,
    pub subscribes: Vec<Sp<Ref>>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

#[derive(Debug, Serialize)]
pub struct Calendar {
    pub name: String,
    pub title: String,
    pub timezone: String,
    pub description: Option<String>,
    pub hours: Vec<Hours>,
    pub closures: Vec<ClosureDef>,
    /// Closures that come back every year (`closed every 12-25`, `closed easter+1`).
    pub recurring: Vec<RecurringDef>,
    pub builtin: bool,
    /// The clock built from the rules above.
    #[serde(skip)]
    pub clock: crate::time::Calendar,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

/// One weekly interval in local wall-clock minutes, as written (after splitting ranges).
#[derive(Clone, Debug, Serialize)]
pub struct Hours {
    pub day: String,
    pub start: String,
    pub end: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClosureDef {
    pub date: NaiveDate,
    pub start: Option<String>,
    pub end: Option<String>,
    pub label: Option<String>,
}

/// A closure that comes back every year, as written.
#[derive(Clone, Debug, Serialize)]
pub struct RecurringDef {
    /// `every 12-25`, `easter`, `easter+1`, `easter-2`.
    pub rule: String,
    #[serde(skip)]
    pub yearly: crate::time::Yearly,
    pub start: Option<String>,
    pub end: Option<String>,
    pub label: Option<String>,
}

impl RecurringDef {
    /// Its dated closures whose rule year lies in `from..=to`.
    pub fn dated(&self, from: i32, to: i32) -> Vec<ClosureDef> {
        self.yearly
            .dates(from, to)
            .map(|date| ClosureDef {
                date,
                start: self.start.clone(),
                end: self.end.clone(),
                label: self.label.clone(),
            })
            .collect()
    }
}

#[derive(Debug, Serialize)]
pub struct Service {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub owner: Option<Sp<Ref>>,
    pub depends_on: Vec<Dependency>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dependency {
    Service(Sp<Ref>),
    AnyOf(Vec<Sp<Ref>>),
    /// `k of (a, b, …)`: at least `k` members are needed (language.md §4.1).
    KOfN {
        k: u32,
        members: Vec<Sp<Ref>>,
    },
}

impl Dependency {
    pub fn members(&self) -> Vec<&Sp<Ref>> {
        match self {
            Dependency::Service(r) => vec![r],
            Dependency::AnyOf(rs) | Dependency::KOfN { members: rs, .. } => rs.iter().collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Agreement {
    pub name: String,
    pub title: String,
    pub kind: AgreementKind,
    pub level: Level,
    pub extends: Option<Sp<Ref>>,
    /// `package ID`: the catalogue package whose terms and fee it adopts (an index into
    /// `Portfolio::packages`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<Sp<Ref>>,
    /// Status, version, approvals, signatures, termination: the agreement's own.
    /// Most agreements have none: they share one empty `Lifecycle` (an `Arc`), so the
    /// 280 bytes of one are not repeated in each of them.
    #[serde(skip_serializing_if = "Lifecycle::is_empty")]
    pub lifecycle: Arc<Lifecycle>,
    /// The agreement's own statements merged over its parent's (`extends`). Shared with
    /// `own` when there is no parent (an `Arc`: one copy, not two).
    pub terms: Arc<Terms>,
    /// Each region: the agreement's terms overridden by the region's.
    pub regions: Vec<Variant>,
    /// The agreement's own statements only, before inheritance (for checks that compare
    /// a child with its parent).
    #[serde(skip)]
    pub own: Arc<Terms>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
    #[serde(skip)]
    pub level_span: Option<Span>,
}

impl Agreement {
    /// The base terms and every regional variant, with the region's name.
    pub fn variants(&self) -> impl Iterator<Item = (Option<&Variant>, &Terms)> {
        std::iter::once((None, &*self.terms))
            .chain(self.regions.iter().map(|v| (Some(v), &*v.terms)))
    }
}

#[derive(Debug, Serialize)]
pub struct Variant {
    pub name: String,
    pub title: String,
    pub terms: Arc<Terms>,
    /// The region's own statements, merged over the same region of the parent.
    #[serde(skip)]
    pub own: Arc<Terms>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Validity {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

/// `claims { minimum 10 EUR }` (a credit of at least 10 EUR is paid) or `claims { minimum
/// above 1 USD }` (only a credit greater than 1 USD is paid: AWS's "greater than one
/// dollar"). Serialises as a [`Money`], with `"above": true` when written so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreditMinimum {
    pub amount: Decimal,
    pub currency: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub above: bool,
}

impl CreditMinimum {
    /// Whether a period's total credit of `amount` (in the minimum's currency) is paid:
    /// the one rule eval applies and the contract words.
    pub fn pays(&self, amount: Decimal) -> bool {
        if self.above {
            amount > self.amount
        } else {
            amount >= self.amount
        }
    }

    pub fn money(&self) -> Money {
        Money {
            amount: self.amount,
            currency: self.currency.clone(),
        }
    }
}

/// A `timezone` statement: the name as written and the zone, parsed once when the model
/// is built. Serialises as the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    pub name: String,
    pub tz: chrono_tz::Tz,
}

impl Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.name.serialize(s)
    }
}

/// Every statement of an agreement body, at most once each (E0108 saw to that).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Terms {
    pub provider: Option<Sp<Ref>>,
    pub customer: Option<Sp<Ref>>,
    pub services: Option<Sp<Vec<Sp<Ref>>>>,
    pub valid: Option<Sp<Validity>>,
    pub timezone: Option<Arc<Sp<Zone>>>,
    pub fee: Option<Arc<Sp<Fee>>>,
    pub review_every_months: Option<Sp<u32>>,
    pub reviewed: Option<Sp<NaiveDate>>,
    pub objectives: Vec<Arc<Objective>>,
    pub support: Option<Arc<Support>>,
    pub maintenance: Option<Arc<Sp<Maintenance>>>,
    pub exclusions: Vec<Arc<Exclusion>>,
    pub penalties: Vec<Arc<Penalty>>,
    pub cap: Option<Sp<Decimal>>,
    pub claim_within_ms: Option<Sp<i64>>,
    /// The statements few agreements write: one shared empty block for the rest.
    #[serde(flatten)]
    pub more: More,
}

/// The statements of [`Terms`] that few agreements write (claims details, notes, the
/// fiscal year…). Kept apart so that a `Terms` is a third smaller: every empty one is the
/// same allocation, and `inherit.rs` shares a parent's as it is.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TermsMore {
    /// `claims { within 2 months after the billing cycle }` (then `claim_within_ms` is
    /// none: one window, written one way or the other).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_after_cycle: Option<Sp<ClaimLength>>,
    /// `claims { to "…" }`: where a claim for a credit goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_to: Option<Arc<Sp<String>>>,
    /// `claims { with "…" }`: what a claim must include.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_with: Option<Arc<Sp<String>>>,
    /// `claims { credited as … }`: how credits are paid (default: future invoices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credited_as: Option<Sp<CreditedAs>>,
    /// `claims { minimum 10 EUR }`: a credit below this amount is not paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_minimum: Option<Arc<Sp<CreditMinimum>>>,
    pub notes: Vec<Sp<String>>,
    /// The agreement's `terminated` date: the last day it is in force. Its own and its
    /// regions', never inherited through `extends` (inherit.rs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<NaiveDate>,
    /// `dependency outages count` (true) / `… do not count` (false); absent: the
    /// `slac eval --propagate` flag decides (language.md §4.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dependency_outages: Option<Sp<bool>>,
    /// `fiscal year from MM-01`: the month (1-12) the agreement's quarters and years start
    /// in; absent, January (periods.rs reads it, nothing else).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_year_start: Option<Sp<u32>>,
}

/// A [`TermsMore`] shared between `Terms` until one is written ([`More::make_mut`]).
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct More(Arc<TermsMore>);

impl Default for More {
    fn default() -> Self {
        static EMPTY: std::sync::LazyLock<Arc<TermsMore>> =
            std::sync::LazyLock::new(|| Arc::new(TermsMore::default()));
        More(EMPTY.clone())
    }
}

impl std::ops::Deref for More {
    type Target = TermsMore;
    fn deref(&self) -> &TermsMore {
        &self.0
    }
}

impl TermsMore {
    /// Nothing written.
    pub fn is_empty(&self) -> bool {
        self.claim_after_cycle.is_none()
            && self.claim_to.is_none()
            && self.claim_with.is_none()
            && self.credited_as.is_none()
            && self.credit_minimum.is_none()
            && self.notes.is_empty()
            && self.terminated.is_none()
            && self.dependency_outages.is_none()
            && self.fiscal_year_start.is_none()
    }
}

impl More {
    /// `more` shared: the one empty block when nothing is written.
    pub fn new(more: TermsMore) -> More {
        if more.is_empty() {
            More::default()
        } else {
            More(Arc::new(more))
        }
    }

    /// The block to write into, copied first if another `Terms` shares it.
    pub fn make_mut(&mut self) -> &mut TermsMore {
        Arc::make_mut(&mut self.0)
    }
}

impl Terms {
    pub fn service_refs(&self) -> Vec<&Ref> {
        self.services
            .as_ref()
            .map(|s| s.value.iter().map(|r| &r.value).collect())
            .unwrap_or_default()
    }

    /// The zone of reporting periods and of `valid` dates (default UTC).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone
            .as_ref()
            .map_or(chrono_tz::UTC, |t| t.value.tz)
    }

    pub fn objective(&self, kind: ObjectiveKind) -> impl Iterator<Item = &Objective> {
        self.objectives
            .iter()
            .map(|o| &**o)
            .filter(move |o| o.kind == kind)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Objective {
    pub kind: ObjectiveKind,
    /// `availability`, `latency`, or the id of an outcome; shared, like the title
    /// (resolver.rs, `word`).
    pub id: Name,
    pub title: Option<Name>,
    pub service: Option<Sp<Ref>>,
    pub target: Option<Sp<Decimal>>,
    /// Latency threshold.
    pub within_ms: Option<Sp<i64>>,
    pub window: Option<Sp<Window>>,
    pub during: Option<Sp<Ref>>,
    /// Boxed, as is `downtime`: most objectives have neither, and inline they would be
    /// more than half of every objective's size.
    pub indicator: Option<Box<Indicator>>,
    /// `measured by indicator|outages`, as written (see [`Objective::measured_by`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<Sp<MeasuredBy>>,
    /// `downtime { … }`: what counts as downtime (language.md §4.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downtime: Option<Box<Sp<DowntimeDef>>>,
    #[serde(skip)]
    pub span: Span,
}

/// An availability objective's own definition of downtime (`downtime { … }`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DowntimeDef {
    /// `at least D`: a stretch of downtime shorter than this does not count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least_ms: Option<Sp<i64>>,
    /// `errors above P per D`: an interval of D with more than P% errors is downtime.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors_above: Option<Sp<ErrorThreshold>>,
    /// `average error rate per D`: attainment is 100% − the average of the error rates of
    /// the intervals of D.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_per_ms: Option<Sp<i64>>,
}

/// `errors above P per D`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorThreshold {
    pub percent: Decimal,
    pub interval_ms: i64,
}

impl DowntimeDef {
    /// The length of the intervals whose requests decide the objective, when it is judged
    /// from requests (`errors above` or `average error rate`) rather than from outages.
    pub fn request_interval_ms(&self) -> Option<i64> {
        self.errors_above
            .as_ref()
            .map(|t| t.value.interval_ms)
            .or(self.average_per_ms.as_ref().map(|a| a.value))
    }
}

impl Objective {
    /// What decides whether the objective is met, for the contract and `slac eval`: what
    /// `measured by` says; without it the recorded outages for availability (whether or
    /// not an indicator is declared: the meaning portfolios had before `measured by`) and
    /// the counted events for latency and outcomes.
    pub fn measured_by(&self) -> MeasuredBy {
        match (&self.measured, self.kind) {
            (Some(m), _) => m.value,
            (None, ObjectiveKind::Availability) => MeasuredBy::Outages,
            (None, _) => MeasuredBy::Indicator,
        }
    }

    /// Whether the monitoring outputs watch this objective: it has an indicator and is not
    /// `measured by outages`.
    pub fn monitored(&self) -> bool {
        self.indicator.is_some()
            && self.measured.as_ref().map(|m| m.value) != Some(MeasuredBy::Outages)
    }

    /// What identifies an objective across inheritance: kind, id and service.
    pub fn key(&self) -> (ObjectiveKind, &str, Option<&str>) {
        (
            self.kind,
            &self.id,
            self.service.as_ref().map(|s| s.value.name.as_str()),
        )
    }

    /// `window`, default a month.
    pub fn window(&self) -> Window {
        self.window.map_or(Window::Month, |w| w.value)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Indicator {
    pub source: String,
    pub errors: Option<Sp<String>>,
    pub good: Option<Sp<String>>,
    pub total: Option<Sp<String>>,
    /// `histogram "METRIC{SELECTOR}"` as written; `good` and `total` are then made from
    /// its buckets (`model::terms::histogram_queries`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<Sp<String>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Support {
    pub during: Option<Sp<Ref>>,
    pub targets: Vec<Arc<Target>>,
    /// The escalation of every target without one of its own (language.md §5.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Arc<Escalation>>,
    #[serde(skip)]
    pub span: Span,
}

/// `escalation { stage … }`: the stages a ticket goes through, each with the open time
/// it may take on the target's clock and the OLA or UC that carries it.
#[derive(Clone, Debug, Serialize)]
pub struct Escalation {
    pub stages: Vec<Stage>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stage {
    pub title: String,
    pub duration_ms: Sp<i64>,
    /// The agreement that carries the stage (bound to an OLA or UC).
    pub by: Option<Sp<Ref>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Target {
    pub kind: TargetKind,
    /// Shared: a portfolio repeats a few ids (`p1`) and titles (resolver.rs, `word`).
    pub id: Name,
    pub title: Option<Name>,
    /// Shared: a target that inheritance merges (the parent's title, the child's
    /// deadlines) points at the deadlines it takes instead of copying them.
    pub response: Option<Arc<DeadlineTerm>>,
    pub resolve: Option<Arc<DeadlineTerm>>,
    pub fulfil: Option<Arc<DeadlineTerm>>,
    pub during: Option<Sp<Ref>>,
    /// `update every D`: the longest gap between updates to the customer (open time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_every_ms: Option<Sp<i64>>,
    /// The target's own escalation, else the support block's (`Support::escalation_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Arc<Escalation>>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub id_span: Span,
}

impl Target {
    pub fn deadline(&self, which: Deadline) -> Option<&DeadlineTerm> {
        match which {
            Deadline::Response => self.response.as_deref(),
            Deadline::Resolve => self.resolve.as_deref(),
            Deadline::Fulfil => self.fulfil.as_deref(),
        }
    }

    /// The deadlines this target sets, in document order.
    pub fn deadlines(&self) -> impl Iterator<Item = (Deadline, &DeadlineTerm)> {
        [
            (Deadline::Response, &self.response),
            (Deadline::Resolve, &self.resolve),
            (Deadline::Fulfil, &self.fulfil),
        ]
        .into_iter()
        .filter_map(|(w, d)| d.as_deref().map(|d| (w, d)))
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DeadlineTerm {
    /// Open time; 0 (and not exported) for a deadline in business days: read
    /// [`DeadlineTerm::length`], which every backend does.
    #[serde(skip_serializing_if = "is_placeholder")]
    pub duration_ms: Sp<i64>,
    /// `N business days` (language.md §5.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_days: Option<u32>,
    /// The duration as written (`2d`, `1h30m`): W0503 looks at its units.
    #[serde(skip)]
    pub written: Name,
    /// The share of tickets that must meet it, in percent (default: all). Boxed: rarely
    /// written, and a support target holds three deadlines inline.
    pub at: Option<Box<Sp<Decimal>>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Maintenance {
    pub during: Option<Sp<Ref>>,
    pub notice_ms: Option<Sp<i64>>,
    pub max_per_month_ms: Option<Sp<i64>>,
    /// `max D per year`: the allowance per calendar year (language.md §9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_per_year_ms: Option<Sp<i64>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Exclusion {
    pub id: String,
    pub text: String,
    #[serde(skip)]
    pub span: Span,
}

/// What a penalty is on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PenaltyOn {
    Availability,
    Latency,
    Outcome {
        id: String,
    },
    Incident {
        id: String,
        deadline: Deadline,
    },
    Request {
        id: String,
        deadline: Deadline,
    },
    /// `penalty on incident p1 update`: the target's `update every` (language.md §5.1).
    Update {
        target: TargetKind,
        id: String,
    },
}

impl std::fmt::Display for PenaltyOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PenaltyOn::Availability => f.write_str("availability"),
            PenaltyOn::Latency => f.write_str("latency"),
            PenaltyOn::Outcome { id } => write!(f, "outcome {id}"),
            PenaltyOn::Incident { id, deadline } => {
                write!(f, "incident {id} {}", deadline.keyword())
            }
            PenaltyOn::Request { id, deadline } => write!(f, "request {id} {}", deadline.keyword()),
            PenaltyOn::Update { target, id } => write!(f, "{} {id} update", target.keyword()),
        }
    }
}

/// How credits are paid: against future invoices (the default) or refunded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditedAs {
    InvoiceCredit,
    Refund,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Credit {
    Percent(Decimal),
    Amount(Money),
    /// `N times the fees for the downtime`: N × the fee for the time down (§7.1).
    Proportional(Decimal),
}

// ---------------------------------------------------------------------------- fees
// What these mean (the fee for any stretch of time) is in periods.rs.

pub use crate::syntax::ast::{ClaimLength, CreditBasis, FeePeriod, ItemKind};

/// A `fee` after inheritance (language.md §7.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fee {
    /// `fee 12000 EUR per month|quarter|year`
    Fixed { money: Money, per: FeePeriod },
    /// `fee from charges`: what was billed, from `slac eval --charges`.
    Charges,
}

impl Fee {
    /// The amount as written, for a fixed fee.
    pub fn money(&self) -> Option<&Money> {
        match self {
            Fee::Fixed { money, .. } => Some(money),
            Fee::Charges => None,
        }
    }
}

/// `{"amount", "currency"}` as before, with `"per"` when the fee is not per month (so
/// portfolios written before `per quarter` export as they did); `{"from": "charges"}`.
impl Serialize for Fee {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            Fee::Fixed { money, per } => {
                m.serialize_entry("amount", &money.amount)?;
                m.serialize_entry("currency", &money.currency)?;
                if *per != FeePeriod::Month {
                    m.serialize_entry("per", per)?;
                }
            }
            Fee::Charges => m.serialize_entry("from", "charges")?,
        }
        m.end()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Tier {
    pub op: TierOp,
    pub threshold: Sp<Decimal>,
    pub credit: Sp<Credit>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Penalty {
    pub on: PenaltyOn,
    pub tiers: Vec<Tier>,
    pub each_breach: Option<Sp<Credit>>,
    /// `of fees for …`: what a percentage credit is a share of (default: the period's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Sp<CreditBasis>>,
    /// `per service|region|instance`: computed for each item on its own charges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_item: Option<Sp<ItemKind>>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub on_span: Span,
}

// ---------------------------------------------------------------------------- lifecycle
// What these mean is in lifecycle.rs.

pub use crate::syntax::ast::Status;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Lifecycle {
    /// `status …`; `None`: the portfolio does not track this agreement's lifecycle, and
    /// the agreement is in force as written (what portfolios without lifecycles meant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Sp<Status>>,
    /// `version N` (an agreement without one is version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Sp<u32>>,
    /// `version N amends M`: the version this one amends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amends: Option<Sp<u32>>,
    /// `version N … "what changed"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// `history { version M signed DATE "…" }`: the versions before this one, as written.
    pub history: Vec<Earlier>,
    /// `requirements "…"`: the requirements specification the agreement answers.
    pub requirements: Option<String>,
    pub proposed: Option<Sp<NaiveDate>>,
    pub approved: Option<Approval>,
    pub signatures: Vec<Signature>,
    pub terminated: Option<Termination>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Earlier {
    pub version: u32,
    pub signed: NaiveDate,
    pub summary: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Approval {
    pub on: Sp<NaiveDate>,
    pub by: String,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Signature {
    pub on: Sp<NaiveDate>,
    /// The party signing (bound to a party; E0605 if it is not the agreement's).
    pub party: Sp<Ref>,
    /// Who signed for it: name and role, as written.
    pub by: String,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Termination {
    /// The last day the agreement is in force (inclusive, like `valid … to`).
    pub on: Sp<NaiveDate>,
    pub reason: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

impl Lifecycle {
    /// `lifecycle` in an `Arc`; every empty one is the same allocation.
    pub fn shared(lifecycle: Lifecycle) -> Arc<Lifecycle> {
        static EMPTY: std::sync::LazyLock<Arc<Lifecycle>> =
            std::sync::LazyLock::new(|| Arc::new(Lifecycle::default()));
        if lifecycle.is_empty() && lifecycle.amends.is_none() && lifecycle.summary.is_none() {
            EMPTY.clone()
        } else {
            Arc::new(lifecycle)
        }
    }

    /// Nothing written: an agreement whose lifecycle the portfolio does not track.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.version.is_none()
            && self.history.is_empty()
            && self.requirements.is_none()
            && self.proposed.is_none()
            && self.approved.is_none()
            && self.signatures.is_empty()
            && self.terminated.is_none()
    }

    /// The version in force: `version N`, else 1.
    pub fn version(&self) -> u32 {
        self.version.as_ref().map_or(1, |v| v.value)
    }

    pub fn status(&self) -> Option<Status> {
        self.status.as_ref().map(|s| s.value)
    }

    /// Whether the agreement binds its parties: signed or terminated, or a lifecycle
    /// that is not tracked (in force as written). Drafts, proposals and approved texts
    /// not yet signed do not.
    pub fn binding(&self) -> bool {
        matches!(
            self.status(),
            None | Some(Status::Signed | Status::Terminated)
        )
    }

    /// Whether the agreement may back (support) another in E04: anything but a draft or
    /// a proposal. An approved OLA counts (teams approve, they rarely sign); a draft
    /// does not, since nobody has agreed to it.
    pub fn can_back(&self) -> bool {
        !matches!(self.status(), Some(Status::Draft | Status::Proposed))
    }

    /// Why it cannot back another, for the E04 message.
    pub fn why_not_backing(&self) -> Option<&'static str> {
        match self.status() {
            Some(Status::Draft) => Some("is only a draft"),
            Some(Status::Proposed) => Some("is only proposed, not agreed"),
            _ => None,
        }
    }

    /// The day the agreement stops being in force because it was terminated, if it was.
    pub fn terminated_on(&self) -> Option<NaiveDate> {
        self.terminated.as_ref().map(|t| t.on.value)
    }

    /// The latest signature, when every party has signed: the date the text took effect
    /// as a contract.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        self.signatures.iter().map(|s| s.on.value).max()
    }

    /// Whether `party` has signed.
    pub fn signed_by(&self, party: &str) -> bool {
        self.signatures
            .iter()
            .any(|s| &*s.party.value.name == party)
    }
}

// ---------------------------------------------------------------------------- catalogues

#[derive(Debug, Serialize)]
pub struct Catalogue {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    /// Indices into `Portfolio::packages`, from the lowest package to the best.
    pub packages: Vec<usize>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

#[derive(Debug, Serialize)]
pub struct Package {
    pub name: String,
    pub title: String,
    /// Index into `Portfolio::catalogues`.
    pub catalogue: usize,
    /// Its place in the catalogue: 0 is the lowest.
    pub rank: usize,
    /// The package's statements: what an SLA that adopts it inherits.
    pub terms: Arc<Terms>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub name_span: Span,
}

/// The `duration_ms` of a deadline in business days, which is not exported.
fn is_placeholder(d: &Sp<i64>) -> bool {
    d.value == 0
}
