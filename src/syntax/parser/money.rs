//! Fees and credit formulas (language.md §7.1): `fee … per quarter`, `fee from charges`,
//! `within 2 months after the billing cycle`, `of fees for the previous month`,
//! `per instance`. A file of their own so the agreement lowering stays as it was.

use super::{children, Lower, Rule};
use crate::source::Span;
use crate::syntax::ast::{ClaimLength, CreditBasis, Fee, FeePeriod, ItemKind, PenaltyStmt, Sp};
use crate::syntax::values;
use pest::iterators::Pair;

impl Lower<'_> {
    /// The parts of a `fee_stmt` after `fee`.
    pub(super) fn fee(&mut self, span: Span, parts: &[Pair<'_, Rule>]) -> Option<Sp<Fee>> {
        if parts.iter().any(|p| p.as_rule() == Rule::fee_from_charges) {
            return Some(Sp::new(Fee::Charges, span));
        }
        let money = parts.iter().find(|p| p.as_rule() == Rule::money)?.clone();
        let per = parts.iter().find(|p| p.as_rule() == Rule::fee_period)?;
        let period = match per.as_str() {
            "quarter" => FeePeriod::Quarter,
            "year" => FeePeriod::Year,
            _ => FeePeriod::Month,
        };
        let per = Sp::new(period, self.span(per));
        Some(Sp::new(
            Fee::Fixed {
                money: self.money(money),
                per,
            },
            span,
        ))
    }

    /// `30d after the billing cycle`, `2 months after the billing cycle`.
    pub(super) fn claim_length(&mut self, pair: Pair<'_, Rule>) -> Option<Sp<ClaimLength>> {
        let span = self.span(&pair);
        let head = children(pair).next()?;
        let length = if head.as_rule() == Rule::duration {
            ClaimLength::Millis(self.duration(&head).value)
        } else {
            let s = self.span(&head);
            ClaimLength::Months(values::months(head.as_str(), s).unwrap_or_else(|d| {
                self.report(*d);
                1
            }))
        };
        Some(Sp::new(length, span))
    }

    /// A penalty's `of fees for …` or `per ITEM`; `None` for a tier or `each breach`.
    pub(super) fn money_penalty_item(
        &mut self,
        rule: Rule,
        span: Span,
        parts: &[Pair<'_, Rule>],
    ) -> Option<PenaltyStmt> {
        match rule {
            Rule::credit_basis => {
                let basis = if parts.iter().any(|p| p.as_rule() == Rule::k_previous) {
                    CreditBasis::PreviousMonth
                } else if let Some(d) = parts.iter().find(|p| p.as_rule() == Rule::duration) {
                    CreditBasis::BeforeClaim(self.duration(d).value)
                } else {
                    CreditBasis::Period
                };
                Some(PenaltyStmt::Basis(Sp::new(basis, span)))
            }
            Rule::per_item => {
                let item = parts.iter().find(|p| p.as_rule() == Rule::item_kind)?;
                let kind = match item.as_str() {
                    "service" => ItemKind::Service,
                    "region" => ItemKind::Region,
                    _ => ItemKind::Instance,
                };
                Some(PenaltyStmt::PerItem(Sp::new(kind, self.span(item))))
            }
            _ => None,
        }
    }
}
