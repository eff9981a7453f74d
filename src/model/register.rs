//! The contract register (docs/register.md): one row per agreement, its regions included,
//! with where it stands in its lifecycle and the dates that matter. Computed here once;
//! the register's CSV, JSON and HTML and `slac status` all read these rows, so they
//! cannot disagree.

use super::lifecycle::{last_day, next_review};
use super::portfolio::{
    Agreement, AgreementKind, Level, PartyKind, Portfolio, Ref, Signature, Status,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What the `status` column says of an agreement without a `status`: the portfolio does
/// not track its lifecycle (it is in force as written).
pub const UNTRACKED: &str = "untracked";

/// One agreement in the register. Dates are whole days; `None` is an empty cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The agreement's index in `Portfolio::agreements`.
    pub index: usize,
    pub name: String,
    pub title: String,
    /// `SLA`, `OLA` or `UC`.
    pub kind: &'static str,
    /// `corporate`, `customer` or `service` for an SLA; `None` for OLAs and UCs.
    pub level: Option<&'static str>,
    /// The names of its regions, in source order.
    pub regions: Vec<String>,
    /// The provider and customer after inheritance: (name, title).
    pub provider: Option<(String, String)>,
    pub customer: Option<(String, String)>,
    /// `draft` … `terminated`, or [`UNTRACKED`].
    pub status: &'static str,
    /// Whether the lifecycle is tracked (`status` written).
    pub tracked: bool,
    pub version: u32,
    /// The version this one amends.
    pub amends: Option<u32>,
    /// What changed in this version.
    pub version_summary: Option<String>,
    pub requirements: Option<String>,
    pub proposed: Option<NaiveDate>,
    pub approved: Option<NaiveDate>,
    pub approved_by: Option<String>,
    /// The provider's signature: (date, who signed for it).
    pub provider_signed: Option<(NaiveDate, String)>,
    pub customer_signed: Option<(NaiveDate, String)>,
    /// The parties (provider, customer) whose signature is expected and missing
    /// ([`expects_signatures`]); empty otherwise.
    pub not_signed_by: Vec<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub terminated: Option<NaiveDate>,
    pub termination_reason: Option<String>,
    /// `lifecycle::last_day`: `valid … to` cut at the termination; `None`: open-ended.
    pub in_force_until: Option<NaiveDate>,
    /// `lifecycle::next_review`, left out when it would fall after the last day in force
    /// (the contract says "no further review falls before the agreement expires").
    pub next_review: Option<NaiveDate>,
    /// Days from `today` to `in_force_until`: negative once it has passed, `None` when
    /// open-ended.
    pub days_to_expiry: Option<i64>,
    /// The catalogue package it adopts.
    pub package: Option<String>,
    /// The fee as written after inheritance (`fee … per month`, from a package too).
    pub fee: Option<(Decimal, String)>,
    /// `month`, `quarter`, `year` (what `fee` is for), or `charges` (`fee from charges`).
    pub fee_per: Option<&'static str>,
}

impl Row {
    /// The period of the fee (`month`, `quarter`, `year`), or `charges`.
    pub fn fee_period(&self) -> Option<&'static str> {
        self.fee_per
    }
}

/// Every agreement's row, in portfolio order.
pub fn rows(p: &Portfolio, today: NaiveDate) -> Vec<Row> {
    p.agreements
        .iter()
        .enumerate()
        .map(|(x, a)| row(p, x, a, today))
        .collect()
}

fn row(p: &Portfolio, index: usize, a: &Agreement, today: NaiveDate) -> Row {
    let t = &a.terms;
    let life = &a.lifecycle;
    let party = |r: Option<&crate::source::Sp<Ref>>| {
        r.map(|r| {
            let x = &p.parties[r.value.index];
            (x.name.clone(), x.title.clone())
        })
    };
    let provider = party(t.provider.as_ref());
    let customer = party(t.customer.as_ref());
    let signed = |who: &Option<(String, String)>| {
        who.as_ref()
            .and_then(|(name, _)| latest_signature(&life.signatures, name))
            .map(|s| (s.on.value, s.by.clone()))
    };
    let provider_signed = signed(&provider);
    let customer_signed = signed(&customer);
    let tracked = life.status.is_some();
    let not_signed_by = if expects_signatures(p, a) {
        super::lifecycle::signing_parties(t)
            .into_iter()
            .filter(|r| !life.signed_by(&r.name))
            .map(|r| r.name.to_string())
            .collect()
    } else {
        Vec::new()
    };
    let in_force_until = last_day(t);
    let next_review = next_review(t).filter(|d| in_force_until.is_none_or(|end| *d <= end));
    Row {
        index,
        name: a.name.clone(),
        title: a.title.clone(),
        kind: match a.kind {
            AgreementKind::Sla => "SLA",
            AgreementKind::Ola => "OLA",
            AgreementKind::Uc => "UC",
        },
        level: (a.kind == AgreementKind::Sla).then_some(match a.level {
            Level::Corporate => "corporate",
            Level::Customer => "customer",
            Level::Service => "service",
        }),
        regions: a.regions.iter().map(|v| v.name.clone()).collect(),
        provider,
        customer,
        status: life.status().map_or(UNTRACKED, |s| s.keyword()),
        tracked,
        version: life.version(),
        amends: life.amends.as_ref().map(|v| v.value),
        version_summary: life.summary.clone(),
        requirements: life.requirements.clone(),
        proposed: life.proposed.as_ref().map(|d| d.value),
        approved: life.approved.as_ref().map(|ap| ap.on.value),
        approved_by: life.approved.as_ref().map(|ap| ap.by.clone()),
        provider_signed,
        customer_signed,
        not_signed_by,
        valid_from: t.valid.as_ref().map(|v| v.value.from),
        valid_to: t.valid.as_ref().and_then(|v| v.value.to),
        terminated: life.terminated_on(),
        termination_reason: life.terminated.as_ref().and_then(|x| x.reason.clone()),
        in_force_until,
        next_review,
        days_to_expiry: in_force_until.map(|end| (end - today).num_days()),
        package: a
            .package
            .as_ref()
            .map(|r| p.packages[r.value.index].name.clone()),
        fee: t
            .fee
            .as_ref()
            .and_then(|f| f.value.money())
            .map(|m| (m.amount.normalize(), m.currency.clone())),
        fee_per: t.fee.as_ref().map(|f| match &f.value {
            crate::model::Fee::Fixed { per, .. } => crate::model::periods::fee_kind(*per).word(),
            crate::model::Fee::Charges => "charges",
        }),
    }
}

/// Whether every party's signature is expected now: the agreement is approved, signed or
/// terminated, and it is one that parties sign: a UC (a contract with a supplier), an SLA
/// with an external customer (a party of kind `customer`), or any agreement whose signing
/// has begun. An approved OLA, corporate SLA or SLA for an internal team is complete once
/// approved (teams approve, they rarely sign); an untracked agreement is in force as
/// written; a draft or proposal is not signed yet.
pub fn expects_signatures(p: &Portfolio, a: &Agreement) -> bool {
    if !matches!(
        a.lifecycle.status(),
        Some(Status::Approved | Status::Signed | Status::Terminated)
    ) {
        return false;
    }
    let external_customer = a
        .terms
        .customer
        .as_ref()
        .is_some_and(|c| p.parties[c.value.index].kind == PartyKind::Customer);
    a.kind == AgreementKind::Uc
        || (a.kind == AgreementKind::Sla && external_customer)
        || !a.lifecycle.signatures.is_empty()
}

/// A party's latest signature (a party that signed twice is shown with the later one).
fn latest_signature<'a>(signatures: &'a [Signature], party: &str) -> Option<&'a Signature> {
    signatures
        .iter()
        .filter(|s| &*s.party.value.name == party)
        .max_by_key(|s| s.on.value)
}
