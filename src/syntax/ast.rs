//! The typed syntax tree: one type per construct, every node with its span.
//!
//! References are still plain names here; the resolver binds them. Blocks keep their
//! statements in source order (duplicates included), because the formatter reprints them
//! as written and the value checks report a second singular statement (E0108).
//! Values are already converted (a percent is an exact decimal, a duration milliseconds);
//! a value that failed its check holds a placeholder, and the failed check stops the
//! pipeline before anything reads it.

use crate::source::{FileId, Span};
use chrono::{NaiveDate, Weekday};
use rust_decimal::Decimal;

pub use crate::source::Sp;

/// A name, as written.
pub type Ident = Sp<String>;

/// A string literal, unescaped.
pub type Str = Sp<String>;

/// Milliseconds.
pub type Millis = i64;

/// A time of day in minutes after local midnight, 0..=1440 (1440 is `24:00`).
pub type Minutes = u16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub id: FileId,
    pub items: Vec<Item>,
    /// Every comment of the file, in order, for the formatter.
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The text after `#`, without the line end.
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Party(Party),
    Calendar(Calendar),
    Service(Service),
    Agreement(Agreement),
    Catalogue(Catalogue),
}

impl Item {
    pub fn name(&self) -> &Ident {
        match self {
            Item::Party(p) => &p.name,
            Item::Calendar(c) => &c.name,
            Item::Service(s) => &s.name,
            Item::Agreement(a) => &a.name,
            Item::Catalogue(c) => &c.name,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Item::Party(p) => p.span,
            Item::Calendar(c) => c.span,
            Item::Service(s) => s.span,
            Item::Agreement(a) => a.span,
            Item::Catalogue(c) => c.span,
        }
    }
}

/// A `{ … }` block: its statements and the span from `{` to `}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block<S> {
    pub stmts: Vec<S>,
    pub span: Span,
}

impl<S> Default for Block<S> {
    fn default() -> Self {
        Block {
            stmts: Vec::new(),
            span: Span::default(),
        }
    }
}

/// A statement: what it says, the span of its leading keyword and of the whole statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt<K> {
    pub kind: K,
    pub keyword: Span,
    pub span: Span,
}

// ---------------------------------------------------------------------------------------
// Parties

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    Provider,
    Customer,
    Team,
    Supplier,
}

impl PartyKind {
    pub fn keyword_str(self) -> &'static str {
        self.keyword()
    }

    pub fn keyword(self) -> &'static str {
        match self {
            PartyKind::Provider => "provider",
            PartyKind::Customer => "customer",
            PartyKind::Team => "team",
            PartyKind::Supplier => "supplier",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub kind: PartyKind,
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Option<Block<Stmt<PartyStmt>>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartyStmt {
    Contact(Str),
    Address(Str),
    Description(Str),
    Subscribes(Vec<Ident>),
}

// ---------------------------------------------------------------------------------------
// Calendars

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Block<Stmt<CalendarStmt>>,
    pub span: Span,
}

/// `start-end` in local wall-clock minutes; `end` may be 1440 (`24:00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub start: Sp<Minutes>,
    pub end: Sp<Minutes>,
    pub span: Span,
}

/// `mon`, or a range `mon-fri` (wrapping ranges such as `fri-mon` run through the weekend).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DaySpec {
    pub first: Weekday,
    pub last: Weekday,
    pub span: Span,
}

impl DaySpec {
    /// The days in order, from `first` to `last`.
    pub fn days(self) -> impl Iterator<Item = Weekday> {
        let n = (self.last.num_days_from_monday() + 7 - self.first.num_days_from_monday()) % 7;
        let first = self.first;
        (0..=n).map(move |i| {
            let mut d = first;
            for _ in 0..i {
                d = d.succ();
            }
            d
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarStmt {
    Timezone(Sp<TimeZone>),
    /// `DAYS INTERVAL, …`
    Hours {
        days: Vec<DaySpec>,
        intervals: Vec<Interval>,
    },
    Closed {
        date: Sp<ClosedDay>,
        part: Option<Interval>,
        label: Option<Str>,
    },
    Description(Str),
}

/// The day of a `closed` statement: one date, or a day that comes back every year
/// (`every 12-25`, `easter+1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosedDay {
    Date(NaiveDate),
    Yearly(crate::time::Yearly),
}

/// A validated IANA zone with its name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeZone {
    pub name: String,
    pub tz: chrono_tz::Tz,
}

// ---------------------------------------------------------------------------------------
// Services

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Option<Block<Stmt<ServiceStmt>>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceStmt {
    Description(Str),
    Owner(Ident),
    DependsOn(Vec<Dependency>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependency {
    One(Ident),
    /// `any_of(a, b, …)`: one member is enough.
    AnyOf {
        members: Vec<Ident>,
        span: Span,
    },
    /// `k of (a, b, …)`: at least `k` members are needed (language.md §4.1).
    KOfN {
        k: Sp<u32>,
        members: Vec<Ident>,
        span: Span,
    },
}

impl Dependency {
    pub fn span(&self) -> Span {
        match self {
            Dependency::One(i) => i.span,
            Dependency::AnyOf { span, .. } | Dependency::KOfN { span, .. } => *span,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Agreements

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AgreementKind {
    Sla,
    Ola,
    Uc,
}

impl AgreementKind {
    pub fn keyword(self) -> &'static str {
        match self {
            AgreementKind::Sla => "sla",
            AgreementKind::Ola => "ola",
            AgreementKind::Uc => "uc",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub kind: AgreementKind,
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Block<Stmt<AgreementStmt>>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Corporate,
    Customer,
    Service,
}

impl Level {
    pub fn keyword(self) -> &'static str {
        match self {
            Level::Corporate => "corporate",
            Level::Customer => "customer",
            Level::Service => "service",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Sp<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgreementStmt {
    Level(Sp<Level>),
    Extends(Ident),
    Provider(Ident),
    Customer(Ident),
    Services(Vec<Ident>),
    Valid {
        from: Sp<NaiveDate>,
        to: Option<Sp<NaiveDate>>,
    },
    Timezone(Sp<TimeZone>),
    /// `fee MONEY per month|quarter|year`, or `fee from charges` (language.md §7.1)
    Fee(Sp<Fee>),
    /// `review every N months`
    ReviewEvery(Sp<u32>),
    Reviewed(Sp<NaiveDate>),
    Objective(Objective),
    Support(Block<Stmt<SupportStmt>>),
    Maintenance(Block<Stmt<MaintenanceStmt>>),
    Exclude {
        id: Ident,
        text: Str,
    },
    Penalty(Penalty),
    Cap(Sp<Decimal>),
    ClaimWithin(Sp<Millis>),
    /// `claims { within … to "…" with "…" credited as … minimum … }`
    Claims(Block<Stmt<ClaimsStmt>>),
    Region(Region),
    Note(Str),
    /// `package ID`: the SLA adopts a catalogue package's terms and fee.
    Package(Ident),
    /// `status draft|proposed|approved|signed|terminated`
    Status(Sp<Status>),
    /// `version N (amends M)? "what changed"?`
    Version {
        number: Sp<u32>,
        amends: Option<Sp<u32>>,
        summary: Option<Str>,
    },
    /// `history { version N signed DATE "what changed"? … }`: the versions before this one.
    History(Block<Stmt<HistoryEntry>>),
    /// `requirements "URL or document id"`: the requirements specification it answers.
    Requirements(Str),
    /// `proposed DATE`: sent to the other party.
    Proposed(Sp<NaiveDate>),
    /// `approved DATE by "WHO"`
    Approved {
        on: Sp<NaiveDate>,
        by: Str,
    },
    /// `signed DATE by PARTY "SIGNATORY"`
    Signed {
        on: Sp<NaiveDate>,
        party: Ident,
        by: Str,
    },
    /// `terminated DATE "why"?`: in force until that date.
    Terminated {
        on: Sp<NaiveDate>,
        reason: Option<Str>,
    },
    /// `dependency outages count` (true) / `dependency outages do not count` (false).
    DependencyOutages(Sp<bool>),
    /// `fiscal year from MM-01`: the month quarters and years start in (1 = January).
    FiscalYear(Sp<u32>),
}

/// Where an agreement stands in its lifecycle (language.md, "Lifecycle").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Proposed,
    Approved,
    Signed,
    Terminated,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Proposed,
        Status::Approved,
        Status::Signed,
        Status::Terminated,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Proposed => "proposed",
            Status::Approved => "approved",
            Status::Signed => "signed",
            Status::Terminated => "terminated",
        }
    }
}

/// One earlier version in `history { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub version: Sp<u32>,
    pub signed: Sp<NaiveDate>,
    pub summary: Option<Str>,
}

/// `catalogue ID "TITLE" { description … package … }`: priced service levels, listed from
/// the lowest to the best.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub description: Option<Stmt<Str>>,
    pub packages: Vec<Package>,
    pub body: Span,
    pub span: Span,
}

/// `package ID "TITLE" { agreement statements }` inside a catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub keyword: Span,
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Block<Stmt<AgreementStmt>>,
    pub span: Span,
}

impl AgreementStmt {
    /// The keyword a user reads in messages, e.g. "`review every`".
    pub fn keyword(&self) -> &'static str {
        match self {
            AgreementStmt::Level(_) => "level",
            AgreementStmt::Extends(_) => "extends",
            AgreementStmt::Provider(_) => "provider",
            AgreementStmt::Customer(_) => "customer",
            AgreementStmt::Services(_) => "services",
            AgreementStmt::Valid { .. } => "valid",
            AgreementStmt::Timezone(_) => "timezone",
            AgreementStmt::Fee(_) => "fee",
            AgreementStmt::ReviewEvery(_) => "review every",
            AgreementStmt::Reviewed(_) => "reviewed",
            AgreementStmt::Objective(o) => o.kind.keyword(),
            AgreementStmt::Support(_) => "support",
            AgreementStmt::Maintenance(_) => "maintenance",
            AgreementStmt::Exclude { .. } => "exclude",
            AgreementStmt::Penalty(_) => "penalty",
            AgreementStmt::Cap(_) => "cap",
            AgreementStmt::ClaimWithin(_) => "claim within",
            AgreementStmt::Claims(_) => "claims",
            AgreementStmt::Region(_) => "region",
            AgreementStmt::Note(_) => "note",
            AgreementStmt::Package(_) => "package",
            AgreementStmt::Status(_) => "status",
            AgreementStmt::Version { .. } => "version",
            AgreementStmt::History(_) => "history",
            AgreementStmt::Requirements(_) => "requirements",
            AgreementStmt::Proposed(_) => "proposed",
            AgreementStmt::Approved { .. } => "approved",
            AgreementStmt::Signed { .. } => "signed",
            AgreementStmt::Terminated { .. } => "terminated",
            AgreementStmt::DependencyOutages(_) => "dependency outages",
            AgreementStmt::FiscalYear(_) => "fiscal year",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveKind {
    Availability,
    Latency,
    Outcome,
}

impl ObjectiveKind {
    pub fn keyword(self) -> &'static str {
        match self {
            ObjectiveKind::Availability => "availability",
            ObjectiveKind::Latency => "latency",
            ObjectiveKind::Outcome => "outcome",
        }
    }
}

/// `availability …`, `latency …` or `outcome ID …`, in block or one-line form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objective {
    pub kind: ObjectiveKind,
    /// The id of an `outcome`; availability and latency have their kind as id.
    pub id: Option<Ident>,
    pub title: Option<Str>,
    /// The one-line form is lowered to the same statements as the block form.
    pub one_line: bool,
    pub body: Block<Stmt<ObjectiveStmt>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "length_ms")]
pub enum Window {
    Week,
    Month,
    Quarter,
    Year,
    Rolling(Millis),
}

/// A window as written: `week`, `month`, `quarter`, `year`, `rolling 28d`.
impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Window::Week => f.write_str("week"),
            Window::Month => f.write_str("month"),
            Window::Quarter => f.write_str("quarter"),
            Window::Year => f.write_str("year"),
            Window::Rolling(ms) => write!(f, "rolling {}", crate::written::duration(*ms)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectiveStmt {
    /// `target PERCENT (within DURATION)?`
    Target {
        percent: Sp<Decimal>,
        within: Option<Sp<Millis>>,
    },
    Window(Sp<Window>),
    During(Ident),
    Service(Ident),
    Indicator(Indicator),
    /// `measured by indicator` / `measured by outages`
    MeasuredBy(Sp<MeasuredBy>),
    /// `downtime { … }`: what counts as downtime (language.md §4.1).
    Downtime(Block<Stmt<DowntimeStmt>>),
}

/// A statement of a `downtime` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DowntimeStmt {
    /// `at least DURATION`: shorter stretches of downtime do not count.
    AtLeast(Sp<Millis>),
    /// `errors above PERCENT per DURATION`: an interval with a higher error rate is down.
    ErrorsAbove {
        percent: Sp<Decimal>,
        interval: Sp<Millis>,
    },
    /// `average error rate per DURATION`: 100% − the average of the intervals' error rates.
    AverageErrorRate(Sp<Millis>),
}

/// What decides whether an objective is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasuredBy {
    /// The objective's own indicator (good ÷ total events; `slac eval --measurements`).
    Indicator,
    /// The outages recorded (`slac eval --outages`); availability only.
    Outages,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    /// `prometheus`, the only source so far.
    pub source: Ident,
    pub body: Block<Stmt<IndicatorStmt>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndicatorStmt {
    Errors(Str),
    Good(Str),
    Total(Str),
    /// `histogram "METRIC{SELECTOR}"`: a latency objective's queries from its buckets.
    Histogram(Str),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SupportStmt {
    During(Ident),
    Target(SupportTarget),
    /// `escalation { stage … }`: the stages of every target without one of its own.
    Escalation(Block<Stmt<Stage>>),
}

/// `stage STRING DURATION (by ID)?`: one stage of an escalation, the open time it may
/// take and the agreement (an OLA or UC) that carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub title: Str,
    pub duration: Sp<Millis>,
    pub by: Option<Ident>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    Incident,
    Request,
}

impl TargetKind {
    pub fn keyword(self) -> &'static str {
        match self {
            TargetKind::Incident => "incident",
            TargetKind::Request => "request",
        }
    }
}

/// `incident ID STRING? { … }` or `request ID STRING? { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportTarget {
    pub kind: TargetKind,
    pub id: Ident,
    pub title: Option<Str>,
    pub body: Block<Stmt<TargetStmt>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Deadline {
    Response,
    Resolve,
    Fulfil,
}

impl Deadline {
    pub fn keyword(self) -> &'static str {
        match self {
            Deadline::Response => "response",
            Deadline::Resolve => "resolve",
            Deadline::Fulfil => "fulfil",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetStmt {
    /// `response|resolve|fulfil DURATION (at PERCENT)?`
    Deadline {
        which: Deadline,
        duration: Sp<Millis>,
        /// The duration as written (`2d`, `1h30m`): its units matter to W0503.
        written: String,
        at: Option<Sp<Decimal>>,
        /// `N business days` (then `duration` is a placeholder, spanning the whole).
        business_days: Option<Sp<u32>>,
    },
    During(Ident),
    /// `update every DURATION`: the longest gap between two updates to the customer.
    Update(Sp<Millis>),
    /// `escalation { stage … }`
    Escalation(Block<Stmt<Stage>>),
}

/// A statement of a `claims` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimsStmt {
    /// `within DURATION` (after the end of the period)
    Within(Sp<Millis>),
    /// `to "billing@…"`
    To(Str),
    /// `with "…evidence…"`
    With(Str),
    /// `credited as refund` / `credited as invoice credit`
    CreditedAs(Sp<CreditForm>),
    /// `minimum MONEY`, `minimum above MONEY` (true: only a credit greater than it is paid)
    Minimum(Sp<Money>, bool),
    /// `within 2 months after the billing cycle`, `within 30d after the billing cycle`
    WithinAfterCycle(Sp<ClaimLength>),
}

/// How long after the end of the billing cycle a claim may be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimLength {
    /// A duration (`30d`), in milliseconds.
    Millis(Millis),
    /// Whole calendar months (`2 months`): to the end of the Nth month after the cycle.
    Months(u32),
}

/// A `fee` as written (language.md §7.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fee {
    /// `fee 12000 EUR per month|quarter|year`
    Fixed {
        money: Sp<Money>,
        per: Sp<FeePeriod>,
    },
    /// `fee from charges`: what was billed, read by `slac eval --charges`.
    Charges,
}

/// The period a fixed fee is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeePeriod {
    Month,
    Quarter,
    Year,
}

/// What a percentage credit is a share of (`of fees for …` in a penalty).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "ms")]
pub enum CreditBasis {
    /// `of fees for the period` (the default): the fees of the period judged.
    Period,
    /// `of fees for the previous month`: the fees of the month before the period ends.
    PreviousMonth,
    /// `of fees for the 30d before the claim`.
    BeforeClaim(Millis),
}

/// What a penalty is computed separately for (`per service|region|instance`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Service,
    Region,
    Instance,
}

impl ItemKind {
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Service => "service",
            ItemKind::Region => "region",
            ItemKind::Instance => "instance",
        }
    }
}

/// How credits are paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditForm {
    InvoiceCredit,
    Refund,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MaintenanceStmt {
    During(Ident),
    Notice(Sp<Millis>),
    /// `max DURATION per month`
    Max(Sp<Millis>),
    /// `max DURATION per year`
    MaxPerYear(Sp<Millis>),
}

/// What a penalty is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PenaltyOn {
    Availability,
    Latency,
    Outcome(Ident),
    Incident(Ident, Sp<Deadline>),
    Request(Ident, Sp<Deadline>),
    /// `incident ID update` / `request ID update`: the target's update frequency.
    Update(TargetKind, Ident),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Penalty {
    pub on: Sp<PenaltyOn>,
    pub body: Block<Stmt<PenaltyStmt>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TierOp {
    Below,
    AtOrBelow,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credit {
    Percent(Decimal),
    Amount(Money),
    /// `N times the fees for the downtime` (language.md §7.1).
    Proportional(Decimal),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PenaltyStmt {
    Tier {
        op: TierOp,
        threshold: Sp<Decimal>,
        credit: Sp<Credit>,
    },
    EachBreach {
        credit: Sp<Credit>,
    },
    /// `of fees for the period|the previous month|the 30d before the claim`
    Basis(Sp<CreditBasis>),
    /// `per service|region|instance`
    PerItem(Sp<ItemKind>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub name: Ident,
    pub title: Option<Str>,
    pub body: Block<Stmt<AgreementStmt>>,
}
