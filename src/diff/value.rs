//! How values are shown in a change report.

use crate::model::{Credit, Fee, FeePeriod, Money};

/// Without trailing zeros, so that `99.90%` and `99.9%` read alike.
pub(crate) use crate::written::percent_normalized as percent;

pub(crate) fn money(m: &Money) -> String {
    format!("{} {}", m.amount.normalize(), m.currency)
}

/// `12000 EUR` (a monthly fee, as before `per quarter` existed), `30000 EUR per quarter`,
/// `from charges`.
pub(crate) fn fee(f: &Fee) -> String {
    match f {
        Fee::Fixed {
            money: m,
            per: FeePeriod::Month,
        } => money(m),
        Fee::Fixed { money: m, per } => format!(
            "{} per {}",
            money(m),
            crate::model::periods::fee_kind(*per).word()
        ),
        Fee::Charges => "from charges".into(),
    }
}

pub(crate) fn credit(c: &Credit) -> String {
    match c {
        Credit::Percent(p) => percent(*p),
        Credit::Amount(m) => money(m),
        Credit::Proportional(n) => format!("{} times the fees for the downtime", n.normalize()),
    }
}

/// Milliseconds as written in `.sla` files: `1h30m`, `300ms`.
pub(crate) use crate::written::duration;
