//! Fees and credit formulas (language.md §7.1), each agreement and region on its own
//! after inheritance: a credit computed from fees needs a fee (E0311), a credit for the
//! downtime needs downtime (E0312), per-item credits need per-item charges (E0313), and
//! a credit basis must be one the penalty can use (E0314).

use crate::diag::{Code, Diagnostic};
use crate::model::{
    Credit, CreditBasis, Fee, ItemKind, MeasuredBy, ObjectiveKind, Penalty, PenaltyOn, Portfolio,
    Terms,
};
use crate::source::Span;

/// The longest `of fees for the N before the claim`: a year and a day.
const MAX_BEFORE_CLAIM_MS: i64 = 366 * 86_400_000;

pub(crate) fn check(p: &Portfolio, diags: &mut Vec<Diagnostic>) {
    // An inherited penalty gives the same code and span in every child: compile.rs keeps
    // one (architecture.md, "Reported once").
    for a in &p.agreements {
        for (_, terms) in a.variants() {
            for pen in &terms.penalties {
                penalty(terms, pen, diags);
            }
        }
    }
}

fn credits(pen: &Penalty) -> impl Iterator<Item = (&Credit, Span)> {
    pen.tiers
        .iter()
        .map(|t| (&t.credit.value, t.credit.span))
        .chain(pen.each_breach.iter().map(|c| (&c.value, c.span)))
}

fn penalty(terms: &Terms, pen: &Penalty, diags: &mut Vec<Diagnostic>) {
    let fee = terms.fee.as_ref().map(|f| &f.value);
    let proportional = credits(pen).find(|(c, _)| matches!(c, Credit::Proportional(_)));
    // E0311: fees the agreement does not state.
    if fee.is_none() {
        if let Some((_, span)) = proportional {
            diags.push(
                Diagnostic::new(
                    Code::E0311,
                    span,
                    format!(
                        "penalty on {} credits a multiple of the fees for the downtime, and the agreement states no fee",
                        pen.on
                    ),
                )
                .primary("a credit of fees")
                .help("state the fee (`fee 12000 EUR per month`, or `fee from charges` for what is billed), or credit a fixed amount such as `500 EUR`"),
            );
        }
        if let Some(b) = &pen.basis {
            diags.push(
                Diagnostic::new(
                    Code::E0311,
                    b.span,
                    format!(
                        "penalty on {} says which fees its credits are of, and the agreement states no fee",
                        pen.on
                    ),
                )
                .primary("fees that are not stated")
                .help("state the fee (`fee 12000 EUR per month` or `fee from charges`), or remove `of fees for …`"),
            );
        }
    }
    // E0312: the downtime is that of an availability objective measured by outages, and
    // `each breach` has none.
    if let Some((_, span)) = proportional {
        let has_downtime = pen.on == PenaltyOn::Availability
            && terms
                .objective(ObjectiveKind::Availability)
                .any(|o| o.measured_by() == MeasuredBy::Outages);
        let in_each_breach = pen
            .each_breach
            .as_ref()
            .is_some_and(|c| matches!(c.value, Credit::Proportional(_)));
        if !has_downtime || in_each_breach {
            let why = if in_each_breach {
                "a breach of a support target has no downtime"
            } else if pen.on == PenaltyOn::Availability {
                "its availability is measured by an indicator, which counts requests, not downtime"
            } else {
                "only availability measured by outages has downtime"
            };
            diags.push(
                Diagnostic::new(
                    Code::E0312,
                    span,
                    format!(
                        "penalty on {} credits the fees for the downtime: {why}",
                        pen.on
                    ),
                )
                .primary("no downtime to take the fees for")
                .help("credit a percentage of the fee (`credit 10%`) or an amount here; `N times the fees for the downtime` belongs in `penalty on availability` with the availability measured by outages"),
            );
        }
    }
    // E0313: each item's credit is computed on its own charges.
    if let Some(item) = &pen.per_item {
        let problem = if pen.on != PenaltyOn::Availability {
            Some(format!(
                "penalty on {} is computed per {}, and only availability is recorded per item",
                pen.on,
                item.value.keyword()
            ))
        } else if !matches!(fee, Some(Fee::Charges)) {
            Some(format!(
                "penalty on {} is computed per {} on each {}'s charges, and the fee is not `from charges`",
                pen.on,
                item.value.keyword(),
                item.value.keyword()
            ))
        } else {
            None
        };
        if let Some(msg) = problem {
            let help = match item.value {
                ItemKind::Service => "write `fee from charges` so that `slac eval --charges` gives each service's charges, or remove `per service` (the worst service against the whole fee)",
                _ => "write `fee from charges`, so that `slac eval --charges` gives each item's charges (and its outages name the item), or remove the `per` line",
            };
            diags.push(
                Diagnostic::new(Code::E0313, item.span, msg)
                    .primary("no per-item charges")
                    .help(help),
            );
        }
    }
    // E0314: a basis for percentages, of whole days up to a year.
    if let Some(b) = &pen.basis {
        let percentages = credits(pen).any(|(c, _)| matches!(c, Credit::Percent(_)));
        let problem = match b.value {
            _ if !percentages => Some(format!(
                "penalty on {} says which fees its percentages are of, and it has no percentage credit",
                pen.on
            )),
            CreditBasis::BeforeClaim(ms)
                if ms <= 0 || ms % 86_400_000 != 0 || ms > MAX_BEFORE_CLAIM_MS =>
            {
                Some(format!(
                    "the fees for {} before the claim: a credit basis is whole days, from 1d to 366d",
                    crate::written::duration(ms)
                ))
            }
            _ => None,
        };
        if let Some(msg) = problem {
            diags.push(
                Diagnostic::new(Code::E0314, b.span, msg)
                    .primary("this basis")
                    .help("write e.g. `of fees for the 30d before the claim` with percentage tiers such as `below 99.9% credit 10%`, or remove the line"),
            );
        }
    }
}
