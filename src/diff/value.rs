//! How values are shown in a change report.

use crate::model::{Credit, Money, Window};
use rust_decimal::Decimal;
use std::fmt::Write as _;

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
    let mut out = String::new();
    let mut rest = ms;
    for (unit, size) in [
        ("w", 604_800_000),
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1000),
        ("ms", 1),
    ] {
        if rest >= size {
            let _ = write!(out, "{}{unit}", rest / size);
            rest %= size;
        }
    }
    if out.is_empty() {
        out.push_str("0s");
    }
    out
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
