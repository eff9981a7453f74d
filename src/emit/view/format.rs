//! How numbers read in a contract: durations in words a customer parses at a glance
//! ("4 h", "15 min", "43 min 12 s"), percentages exactly as written, money with
//! thousands separators. Everything is exact: no `f64` ever reaches a document.

use crate::model::periods::{fee_for, fee_kind, PeriodKind};
use crate::model::{Credit, CreditBasis, Fee, FeePeriod, Money};
use crate::time::{DAY, HOUR, MINUTE};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A duration in hours, minutes, seconds and milliseconds, largest unit first, zero parts
/// left out: `4 h`, `1 h 30 min`, `43 min 12 s`, `300 ms`. Hours are never folded into
/// days: support targets are read in hours of the clock ("24 h", not "1 d").
pub fn duration(ms: i64) -> String {
    if ms == 0 {
        return "0 s".into();
    }
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    let parts = [
        (ms / HOUR as u64, "h"),
        (ms % HOUR as u64 / MINUTE as u64, "min"),
        (ms % MINUTE as u64 / 1000, "s"),
        (ms % 1000, "ms"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    format!("{sign}{}", words.join(" "))
}

/// A window or claim period: whole days read as days ("30 days"), anything else as
/// [`duration`].
pub fn period(ms: i64) -> String {
    if ms > 0 && ms % DAY == 0 {
        let d = ms / DAY;
        format!("{d} {}", if d == 1 { "day" } else { "days" })
    } else {
        duration(ms)
    }
}

/// A period before a noun: `28-day` (a window), else the duration (`6 h`).
pub fn period_adjective(ms: i64) -> String {
    if ms > 0 && ms % DAY == 0 {
        format!("{}-day", ms / DAY)
    } else {
        duration(ms)
    }
}

/// A percentage exactly as written (`99.90%` keeps its zero).
pub use crate::written::percent;

/// `12000` → `12,000`; a fraction keeps two places (`99.5` → `99.50`).
pub fn amount(a: Decimal) -> String {
    let a = if a.fract().is_zero() {
        a.trunc()
    } else {
        a.round_dp(2)
    };
    let text = if a.fract().is_zero() {
        a.trunc().abs().to_string()
    } else {
        format!("{:.2}", a.abs())
    };
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if a.is_sign_negative() && !a.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

pub fn money(m: &Money) -> String {
    format!("{} {}", amount(m.amount), m.currency)
}

/// `pct`% of `fee`, as money.
pub fn share_of(fee: &Money, pct: Decimal) -> Money {
    Money {
        amount: fee.amount * pct / Decimal::ONE_HUNDRED,
        currency: fee.currency.clone(),
    }
}

/// "10% of the monthly fee (1,200 EUR)", "10% of the quarterly fee (3,600 EUR)": a share
/// of the fee for a `kind` period, which is the model's fee for it (`periods::fee_for`,
/// the one `eval` pays). A fee from charges: "10% of the charges for the month"; a period
/// shorter than the fee's: "10% of the fee for the month (the quarterly fee prorated by
/// days)".
pub fn share_of_fee(pct: Decimal, fee: Option<&Fee>, kind: PeriodKind) -> String {
    match fee {
        Some(Fee::Charges) => format!("{} of the charges for the {}", percent(pct), kind.word()),
        Some(f @ Fee::Fixed { per, .. }) => match fee_for(f, kind) {
            Some(m) => format!(
                "{} of the {} fee ({})",
                percent(pct),
                kind.adjective(),
                money(&share_of(&m, pct))
            ),
            None => format!(
                "{} of the fee for the {} (the {} fee prorated by days)",
                percent(pct),
                kind.word(),
                fee_kind(*per).adjective()
            ),
        },
        None => format!("{} of the {} fee", percent(pct), kind.adjective()),
    }
}

/// "12,000 EUR per month", "30,000 USD per quarter", "the charges billed".
pub fn fee_words(fee: &Fee) -> String {
    match fee {
        Fee::Fixed { money: m, per } => format!(
            "{} per {}",
            money(m),
            match per {
                FeePeriod::Month => "month",
                FeePeriod::Quarter => "quarter",
                FeePeriod::Year => "year",
            }
        ),
        Fee::Charges => "the charges billed for the services".into(),
    }
}

/// A credit in words: "10% of the monthly fee (1,200 EUR)", "500 EUR", "10 times the
/// fees for the downtime"; a percentage is of the fee for the `kind` period the penalty
/// is counted over, or of what `basis` says (language.md §7.1).
pub fn credit(
    c: &Credit,
    fee: Option<&Fee>,
    kind: PeriodKind,
    basis: Option<CreditBasis>,
) -> String {
    match (c, basis) {
        (Credit::Percent(p), None | Some(CreditBasis::Period)) => share_of_fee(*p, fee, kind),
        (Credit::Percent(p), Some(CreditBasis::PreviousMonth)) => {
            let of = match fee {
                Some(Fee::Charges) => "the charges".to_string(),
                _ => "the fees".to_string(),
            };
            match fee.and_then(|f| fee_for(f, PeriodKind::Month)) {
                Some(m) => format!(
                    "{} of {of} for the previous month ({})",
                    percent(*p),
                    money(&share_of(&m, *p))
                ),
                None => format!("{} of {of} for the previous month", percent(*p)),
            }
        }
        (Credit::Percent(p), Some(CreditBasis::BeforeClaim(ms))) => format!(
            "{} of the {} for the {} before the claim",
            percent(*p),
            if matches!(fee, Some(Fee::Charges)) {
                "charges"
            } else {
                "fees"
            },
            period(ms)
        ),
        (Credit::Amount(m), _) => money(m),
        (Credit::Proportional(n), _) => format!(
            "{} times the {} for the downtime",
            n.normalize(),
            if matches!(fee, Some(Fee::Charges)) {
                "charges"
            } else {
                "fees"
            }
        ),
    }
}

/// `2026-12-24` → `Thursday 24 December 2026`.
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// `2026-01-01` → `1 January 2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Minutes of a day → `08:00`; 1440 → `24:00`.
pub use crate::written::hhmm;

/// A downtime allowance in whole seconds, rounded down: `(100 - target)% × open`, by the
/// model's one definition ([`crate::model::periods::allowance_seconds`]).
pub fn allowance_ms(target: Decimal, open_ms: i64) -> i64 {
    use crate::model::periods::{allowance_seconds, printed_ms};
    printed_ms(allowance_seconds(target, open_ms.saturating_mul(1_000_000)))
}

/// `s` as the inside of a double-quoted CSS string that can sit in a `<style>` element:
/// letters, digits, spaces and `·` as they are, everything else (quotes, backslashes,
/// `<`, `>`, `&`, line breaks, control characters) as a CSS escape `\hex `. So the
/// text can neither end the string nor the style element.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_alphanumeric() && !ch.is_control()
            || matches!(ch, ' ' | '·' | '.' | ',' | '_' | '-')
        {
            out.push(ch);
        } else {
            let _ = write!(out, "\\{:x} ", u32::from(ch));
        }
    }
    out
}

/// A support deadline in words: open time as [`duration`], business days as written
/// (`2 business days`).
pub fn length(l: crate::time::Length) -> String {
    match l {
        crate::time::Length::Open(ms) => duration(ms),
        crate::time::Length::BusinessDays(n) => crate::model::support::business_days_words(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn reads_like_a_contract() {
        assert_eq!(duration(4 * HOUR), "4 h");
        assert_eq!(duration(15 * MINUTE), "15 min");
        assert_eq!(duration(300), "300 ms");
        assert_eq!(period(30 * DAY), "30 days");
        assert_eq!(amount(Decimal::from(12000)), "12,000");
        assert_eq!(
            amount(Decimal::from_str("1234567.5").unwrap()),
            "1,234,567.50"
        );
        assert_eq!(amount(Decimal::from(100)), "100");
        let t = Decimal::from_str("99.9").unwrap();
        assert_eq!(duration(allowance_ms(t, 30 * DAY)), "43 min 12 s");
        assert_eq!(duration(allowance_ms(t, 31 * DAY)), "44 min 38 s");
        assert_eq!(period_adjective(28 * DAY), "28-day");
        assert_eq!(period_adjective(6 * HOUR), "6 h");
    }

    #[test]
    fn a_css_string_cannot_end_itself_or_the_style_element() {
        assert_eq!(
            css_string("globex_checkout.rural · 1 June 2026"),
            "globex_checkout.rural · 1 June 2026"
        );
        assert_eq!(css_string("a\"b\\c"), "a\\22 b\\5c c");
        assert_eq!(css_string("</style>"), "\\3c \\2f style\\3e ");
        assert_eq!(css_string("a\nb"), "a\\a b");
    }
}
