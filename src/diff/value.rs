//! How values are shown in a change report.

use crate::model::{Credit, Money};

/// Without trailing zeros, so that `99.90%` and `99.9%` read alike.
pub(crate) use crate::written::percent_normalized as percent;

pub(crate) fn money(m: &Money) -> String {
    format!("{} {}", m.amount.normalize(), m.currency)
}

pub(crate) fn credit(c: &Credit) -> String {
    match c {
        Credit::Percent(p) => percent(*p),
        Credit::Amount(m) => money(m),
    }
}

/// Milliseconds as written in `.sla` files: `1h30m`, `300ms`.
pub(crate) use crate::written::duration;
