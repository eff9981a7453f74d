//! Service credits: the tier that applies to an attainment, per-breach credits, the cap,
//! and amounts from the fee, all in exact decimals.

use super::attainment::Share;
use crate::model::{Credit, Money, Penalty, Terms, Tier, TierOp};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Does attainment `share` fall under `tier`?
fn under(share: &Share, tier: &Tier) -> bool {
    match (tier.op, share.cmp_percent(tier.threshold.value)) {
        (TierOp::Below, o) => o == Ordering::Less,
        (TierOp::AtOrBelow, o) => o != Ordering::Greater,
    }
}

/// The tier that applies: tiers ordered by threshold, highest first (at an equal threshold
/// `at or below` before `below`); the last one attainment falls under wins.
pub fn tier<'t>(tiers: &'t [Tier], share: &Share) -> Option<&'t Tier> {
    let mut sorted: Vec<&Tier> = tiers.iter().collect();
    sorted.sort_by(|a, b| {
        b.threshold
            .value
            .cmp(&a.threshold.value)
            .then_with(|| (b.op == TierOp::AtOrBelow).cmp(&(a.op == TierOp::AtOrBelow)))
    });
    sorted.into_iter().rfind(|t| under(share, t))
}

/// One credit owed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditLine {
    /// What the penalty is on, as written after `penalty on`.
    pub on: String,
    /// Percent of the fee for the period; `None` for a fixed amount without a fee.
    pub percent: Option<Decimal>,
    /// The amount; `None` for a percentage without a fee.
    pub amount: Option<Decimal>,
    /// `per service|region|instance`: each item's attainment and credit, whose amounts
    /// make `amount` (language.md §7.1). Empty otherwise.
    pub items: Vec<ItemCredit>,
}

/// The credit of one item of a `per …` penalty, on its own charges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemCredit {
    pub item: String,
    pub share: Share,
    /// Counted downtime, nanoseconds.
    pub down: i64,
    /// What the item was billed for the period (`None` without `--charges`).
    pub charges: Option<Decimal>,
    /// The credit as a percentage of the item's charges (`None`: no tier applies).
    pub percent: Option<Decimal>,
    pub amount: Option<Decimal>,
}

/// What one penalty looks at.
#[derive(Clone, Copy, Debug)]
pub enum Basis {
    /// An attainment (an objective's, or the share of tickets met).
    Share(Share),
    /// Both, for a support target.
    Support { share: Option<Share>, breaches: u64 },
}

/// The fees a penalty's credit is computed from (language.md §7.1).
#[derive(Clone, Copy, Debug, Default)]
pub struct Fees<'a> {
    /// The fee for the period (in force): what a credit is reported as a share of.
    pub period: Option<&'a Money>,
    /// What a percentage is of: the period's fee, or the penalty's `of fees for …`.
    pub basis: Option<&'a Money>,
    /// The fees for the downtime (`N times the fees for the downtime`).
    pub downtime: Option<&'a Money>,
}

/// The credit of one penalty, if any is owed.
pub fn credit(penalty: &Penalty, basis: Basis, fees: Fees<'_>) -> Option<CreditLine> {
    let fee = fees.period;
    let (share, breaches) = match basis {
        Basis::Share(s) => (Some(s), 0),
        Basis::Support { share, breaches } => (share, breaches),
    };
    let (credit, times) = match &penalty.each_breach {
        Some(c) if breaches > 0 => (&c.value, Decimal::from(breaches)),
        Some(_) => return None,
        None => (&tier(&penalty.tiers, &share?)?.credit.value, Decimal::ONE),
    };
    let fee = fee.map(|m| m.amount).filter(|f| !f.is_zero());
    let of = fees.basis.map(|m| m.amount);
    let (percent, amount) = match credit {
        // Of the period's fee, as before; of another basis, also reported as a share of
        // the period's fee so that the cap applies to it.
        Credit::Percent(p) if of == fee || of.is_none() => {
            let percent = *p * times;
            (
                Some(percent),
                fee.map(|f| f * percent / Decimal::ONE_HUNDRED),
            )
        }
        Credit::Percent(p) => {
            let amount = of.map(|b| b * *p * times / Decimal::ONE_HUNDRED);
            (
                amount.zip(fee).map(|(a, f)| a * Decimal::ONE_HUNDRED / f),
                amount,
            )
        }
        // N times the fees for the downtime.
        Credit::Proportional(n) => {
            let amount = fees.downtime.map(|d| d.amount * *n * times);
            (
                amount.zip(fee).map(|(a, f)| a * Decimal::ONE_HUNDRED / f),
                amount,
            )
        }
        // A fixed amount is owed with or without a fee; with one it is also a share of it.
        Credit::Amount(m) => {
            let amount = m.amount * times;
            (fee.map(|f| amount * Decimal::ONE_HUNDRED / f), Some(amount))
        }
    };
    Some(CreditLine {
        on: penalty.on.to_string(),
        percent,
        amount,
        items: Vec::new(),
    })
}

/// The credits of one agreement for the period, capped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    pub cap_percent: Option<Decimal>,
    /// `None` when a fixed amount is owed and there is no fee to make it a share of.
    pub total_percent: Option<Decimal>,
    /// `None` when a percentage is owed and there is no fee to take it of.
    pub total_amount: Option<Decimal>,
    pub currency: Option<String>,
    /// Why the cap could not be applied, when it could not.
    pub note: Option<String>,
}

/// Sums the lines and applies the cap. With a fee (for the period) every line is a share
/// of it and the cap limits the sum; without one, fixed amounts add up on their own and
/// a cap, which is a share of the fee, cannot limit them.
pub fn totals(terms: &Terms, lines: &[CreditLine], fee: Option<&Money>) -> Totals {
    let cap = terms.cap.as_ref().map(|c| c.value);
    let fee_amount = fee.map(|f| f.amount).filter(|f| !f.is_zero());
    let sum_percent = lines.iter().map(|l| l.percent).sum::<Option<Decimal>>();
    let capped = sum_percent
        .zip(cap)
        .filter(|(sum, c)| sum > c)
        .map(|(_, c)| c);
    let total_percent = sum_percent.map(|sum| capped.unwrap_or(sum));
    // Amounts are added as computed, so a fixed 500 EUR stays 500 EUR to the cent.
    let total_amount = match (fee_amount, capped) {
        (Some(f), Some(c)) => Some(f * c / Decimal::ONE_HUNDRED),
        _ => lines.iter().map(|l| l.amount).sum::<Option<Decimal>>(),
    };
    let note = (fee_amount.is_none() && cap.is_some() && lines.iter().any(|l| l.percent.is_none()))
        .then(|| {
            "the cap is a share of the fee, and there is no fee: fixed amounts are not capped"
                .to_string()
        });
    let currency = fee.map(|f| f.currency.clone()).or_else(|| {
        terms.penalties.iter().find_map(|p| {
            p.tiers
                .iter()
                .map(|t| &t.credit.value)
                .chain(p.each_breach.as_ref().map(|c| &c.value))
                .find_map(|c| match c {
                    Credit::Amount(m) => Some(m.currency.clone()),
                    Credit::Percent(_) | Credit::Proportional(_) => None,
                })
        })
    });
    // `claims { minimum … }`: a credit below the minimum is not paid.
    let (mut total_percent, mut total_amount, mut note) = (total_percent, total_amount, note);
    if let (Some(min), Some(amount)) = (terms.more.credit_minimum.as_ref(), total_amount) {
        let min = &min.value;
        if currency.as_deref() == Some(min.currency.as_str())
            && amount > Decimal::ZERO
            && !min.pays(amount)
        {
            total_amount = Some(Decimal::ZERO);
            total_percent = total_percent.map(|_| Decimal::ZERO);
            let why = if min.above {
                format!(
                    "{amount} {} is not above the minimum credit of {} {}: nothing is paid",
                    min.currency, min.amount, min.currency
                )
            } else {
                format!(
                    "{amount} {} is below the minimum credit of {} {}: nothing is paid",
                    min.currency, min.amount, min.currency
                )
            };
            note = Some(note.map_or_else(|| why.clone(), |n| format!("{n}; {why}")));
        }
    }
    Totals {
        cap_percent: cap,
        total_percent,
        total_amount,
        currency,
        note,
    }
}

/// The currency an agreement's terms name: its credit amounts' or its minimum credit's
/// (E0107: one currency); `None` when only percentages are written.
pub fn terms_currency(terms: &Terms) -> Option<String> {
    let mut credits = terms.penalties.iter().flat_map(|p| {
        p.tiers
            .iter()
            .map(|t| &t.credit.value)
            .chain(p.each_breach.as_ref().map(|c| &c.value))
    });
    credits
        .find_map(|c| match c {
            Credit::Amount(m) => Some(m.currency.clone()),
            _ => None,
        })
        .or_else(|| {
            terms
                .more
                .credit_minimum
                .as_ref()
                .map(|m| m.value.currency.clone())
        })
}
