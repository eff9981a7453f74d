//! How values are shown in a change report.

use crate::model::{Credit, Money, Window};
use rust_decimal::Decimal;

pub fn percent(d: Decimal) -> String {
    format!("{}%", d.normalize())
}

pub fn money(m: &Money) -> String {
    format!("{} {}", m.amount.normalize(), m.currency)
}

pub fn credit(c: &Credit) -> String {
    match c {
        Credit::Percent(p) => percent(*p),
        Credit::Amount(m) => money(m),
    }
}

/// Milliseconds as written in `.sla` files: `1h30m`, `300ms`.
pub fn duration(ms: i64) -> String {
    crate::check::fmt_duration(ms)
}

pub fn window(w: Window) -> String {
    match w {
        Window::Week => "week".into(),
        Window::Month => "month".into(),
        Window::Quarter => "quarter".into(),
        Window::Year => "year".into(),
        Window::Rolling(ms) => format!("rolling {}", duration(ms)),
    }
}
