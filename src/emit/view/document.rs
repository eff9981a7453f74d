//! The document a template renders: every field already formatted.

use super::calendar::CalendarView;
use super::content::PartyView;
use super::definitions::Definition;
use super::lifecycle::{LifecycleView, Notice};
use super::{content, objectives};
use serde::Serialize;

#[derive(Serialize)]
pub struct Document {
    /// The file name without extension: `globex_printing.rural`.
    pub stem: String,
    /// The running head of every printed page, `globex_checkout · 1 June 2026`, escaped
    /// for a CSS string (`"…"`) inside `<style>`: write it with `{{{page_header}}}`.
    pub page_header: String,
    pub name: String,
    pub title: String,
    pub kind: &'static str,
    pub kind_long: &'static str,
    pub level: Option<&'static str>,
    pub region: Option<Named>,
    pub extends: Option<Named>,
    /// The document date (`--today`).
    pub today: String,
    pub provider: Option<PartyView>,
    pub customer: Option<PartyView>,
    pub validity: String,
    pub timezone: String,
    pub fee: Option<String>,
    pub review: Option<String>,
    pub notes: Vec<String>,
    pub services: Vec<ServiceView>,
    pub calendars: Vec<CalendarView>,
    pub objectives: Vec<ObjectiveView>,
    pub targets: Vec<TargetRow>,
    pub support_clock: Option<Named>,
    pub maintenance: Option<MaintenanceView>,
    pub exclusions: Vec<Named>,
    pub penalties: Vec<PenaltyView>,
    pub cap: Option<String>,
    pub claim: Option<String>,
    /// The period credits are counted and claimed in: `month`, `quarter` or `year`.
    pub period: &'static str,
    /// SLAs and OLAs list what underpins them; UCs do not.
    pub shows_supporters: bool,
    /// Rendered for a customer (`customers/<customer>/`): no dependencies, no internal
    /// parties, no underpinning agreements.
    pub customer_copy: bool,
    pub supporters: Vec<SupporterView>,
    /// The other documents of the same agreement (base and regions).
    pub variants: Vec<Named>,
    /// "This agreement builds on “General terms” (`acme_standard`); where they differ,
    /// this agreement prevails."
    pub precedence: Option<String>,
    /// The terms the agreement commits to, defined: “Downtime” means ….
    pub definitions: Vec<Definition>,
    /// The claim window in words, with where it is inherited from.
    pub claims_text: String,
    /// How credits work: one tier, how to claim, how they are paid, the minimum.
    pub credit_rules: Vec<String>,
    /// A draft text (status draft or proposed): every printed page and the screen carry
    /// a DRAFT mark, the signature lines stay blank (`model::lifecycle::draft_text`).
    pub draft: bool,
    /// The notice at the top: a draft text, or a terminated agreement.
    pub notice: Option<Notice>,
    /// Status, version, approval, requirements and version history; `None` when the
    /// portfolio does not track the agreement's status.
    pub lifecycle: Option<LifecycleView>,
    /// The lines under the title, as blocks.
    pub cover: Vec<content::Block>,
    /// The numbered sections both templates walk (docs/documents.md).
    pub sections: Vec<content::Section>,
}

/// An identifier with its human title.
#[derive(Serialize, Clone)]
pub struct Named {
    pub name: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct ServiceView {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub owner: Option<String>,
    /// "Payments database", "any of Northern data centre, Southern data centre".
    pub depends_on: Vec<String>,
}

#[derive(Serialize)]
pub struct ObjectiveView {
    pub kind: &'static str,
    pub title: String,
    pub service: Option<String>,
    pub target: String,
    pub window: String,
    pub during: String,
    /// Downtime counts only while a calendar other than `always` is open.
    pub in_hours: bool,
    /// What the target allows in plain time.
    pub allows: String,
    /// The real allowance of every period listed (availability per month, quarter, year).
    pub table: Option<objectives::AllowanceTable>,
    /// The source of truth: "Measured by the outages recorded." (`measured by`).
    pub measured: String,
}

#[derive(Serialize)]
pub struct StageRow {
    pub title: String,
    pub time: String,
    /// The OLA or UC that carries the stage: internal, left out of customers' copies.
    pub by: Option<String>,
}

#[derive(Serialize)]
pub struct TargetRow {
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub response: String,
    pub resolve: String,
    pub clock: String,
    pub clock_title: String,
    pub share: String,
    /// `update every D` in words: "at least every 1 h".
    pub update: Option<String>,
    /// The escalation stages, in order.
    pub escalation: Vec<StageRow>,
    /// Whether a deadline counts business days.
    pub business_days: bool,
}

#[derive(Serialize)]
pub struct MaintenanceView {
    pub during: Option<Named>,
    pub notice: Option<String>,
    pub max: Option<String>,
    /// `max … per year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_per_year: Option<String>,
}

#[derive(Serialize)]
pub struct PenaltyView {
    pub on: String,
    pub tiers: Vec<String>,
}

#[derive(Serialize)]
pub struct SupporterView {
    pub name: String,
    pub title: String,
    pub kind: &'static str,
    pub provider: String,
    pub covers: String,
    pub stem: String,
}
