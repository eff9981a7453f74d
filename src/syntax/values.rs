//! Token values: tokens are recognised loosely by the grammar and checked here, so that
//! `25:00`, `100.5%`, `2026-02-30` or `30m1h` get a precise E01xx diagnostic.

use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::written::{self, DurationError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

type Result<T> = std::result::Result<T, Box<Diagnostic>>;

// Boxed: a diagnostic is large, and these results are mostly `Ok`.
#[allow(clippy::unnecessary_box_returns)]
fn err(code: Code, span: Span, message: String, label: &str, help: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(code, span, message)
            .primary(label)
            .help(help),
    )
}

/// `99.95%` → 99.95, exact. Between 0 and 100 (E0101).
pub fn percent(text: &str, span: Span) -> Result<Decimal> {
    let digits = text.trim_end_matches('%');
    let help = "a percentage is between 0% and 100%, e.g. `99.95%`";
    match Decimal::from_str_exact(digits) {
        Ok(v) if v <= Decimal::ONE_HUNDRED => Ok(v),
        Ok(_) => Err(err(
            Code::E0101,
            span,
            format!("percentage `{text}` is above 100%"),
            "above 100%",
            help,
        )),
        Err(_) => Err(err(
            Code::E0101,
            span,
            format!("percentage `{text}` is out of range or has too many digits"),
            "not a usable percentage",
            "a percentage is between 0% and 100% with at most 28 significant digits",
        )),
    }
}

/// `1h30m` → milliseconds. Units strictly descending, none repeated, total > 0 (E0106).
/// The units and the reading are [`crate::written`]'s, which prints them too.
pub fn duration(text: &str, span: Span) -> Result<i64> {
    let bad = |message: String, label: &str| {
        err(
            Code::E0106,
            span,
            message,
            label,
            "write units from largest to smallest, each once, e.g. `1h30m` or `2d4h`",
        )
    };
    written::parse_duration(text).map_err(|e| match e {
        DurationError::NotADuration => bad(format!("`{text}` is not a duration"), "not a duration"),
        DurationError::Repeated(unit) => bad(
            format!("duration `{text}` repeats the unit `{unit}`"),
            "unit repeated",
        ),
        DurationError::OutOfOrder(unit) => bad(
            format!("duration `{text}` has units out of order (`{unit}` after a smaller unit)"),
            "units not in descending order",
        ),
        DurationError::NumberTooLong => bad(format!("duration `{text}` is too long"), "too long"),
        DurationError::TooLong => err(
            Code::E0106,
            span,
            format!("duration `{text}` is too long"),
            "too long",
            "durations are limited to 10,000 years",
        ),
        DurationError::Zero => err(
            Code::E0106,
            span,
            format!("duration `{text}` is zero"),
            "zero",
            "a duration must be longer than zero, e.g. `15m`",
        ),
    })
}

pub use crate::written::MAX_DURATION_MS;

/// The minutes of a time of day that failed its check (E0102 already reported).
pub const INVALID_TIME: u16 = u16::MAX;

/// `08:30` → minutes after midnight; `24:00` → 1440 (E0102; whether 24:00 may be used
/// where it stands is checked by the caller).
pub fn time(text: &str, span: Span) -> Result<u16> {
    let (h, m) = text.split_once(':').unwrap_or((text, ""));
    let (h, m): (u16, u16) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(err(
            Code::E0102,
            span,
            format!("`{text}` is not a time of day"),
            "not between 00:00 and 24:00",
            "times of day run from 00:00 to 24:00 (24:00 only as the end of an interval)",
        ));
    }
    Ok(h * 60 + m)
}

/// `2026-12-25` → a real calendar date (E0103).
pub fn date(text: &str, span: Span) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        let help = match text.get(5..7).and_then(|m| m.parse::<u32>().ok()) {
            Some(m) if (1..=12).contains(&m) => {
                "that month has fewer days; check the day of the month".to_string()
            }
            _ => "months run from 01 to 12; dates are written year-month-day".to_string(),
        };
        err(
            Code::E0103,
            span,
            format!("`{text}` is not a date that exists"),
            "no such date",
            &help,
        )
    })
}

/// A day of the year for `closed every MM-DD` (E0103): 02-29 is allowed (leap years only).
pub fn month_day(text: &str, span: Span) -> Result<(u32, u32)> {
    let m = text
        .get(0..2)
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    let d = text
        .get(3..5)
        .and_then(|d| d.parse::<u32>().ok())
        .unwrap_or(0);
    // 2000 is a leap year: every day that exists in some year exists in it.
    if NaiveDate::from_ymd_opt(2000, m, d).is_some() {
        return Ok((m, d));
    }
    let help = if (1..=12).contains(&m) {
        "that month has fewer days; check the day of the month"
    } else {
        "months run from 01 to 12; a day of the year is written month-day, such as `12-25`"
    };
    Err(err(
        Code::E0103,
        span,
        format!("`{text}` is not a day of the year"),
        "no such day",
        help,
    ))
}

/// The month of `fiscal year from MM-01` (E0103 for a day that does not exist, E0324
/// for one that is not the first of its month: fiscal quarters are whole months).
pub fn fiscal_start(text: &str, span: Span) -> Result<u32> {
    let (m, d) = month_day(text, span)?;
    if d == 1 {
        return Ok(m);
    }
    Err(err(
        Code::E0324,
        span,
        format!("a fiscal year from `{text}` does not start on the first of a month"),
        "not the first of a month",
        &format!(
            "fiscal quarters and years are whole months; write `fiscal year from {m:02}-01` or the first of another month"
        ),
    ))
}

/// Days from Easter for `closed easter+N` (E0103): at most a year either way.
pub fn easter_offset(text: &str, span: Span) -> Result<i32> {
    let rest = text.strip_prefix("easter").unwrap_or("");
    let n = if rest.is_empty() {
        Some(0)
    } else {
        rest.parse::<i32>().ok()
    };
    match n {
        Some(n) if n.abs() <= 365 => Ok(n),
        _ => Err(err(
            Code::E0103,
            span,
            format!("`{text}` is too far from Easter"),
            "more than 365 days from Easter",
            "write a day within a year of Easter, such as `easter-2` or `easter+50`",
        )),
    }
}

/// An IANA zone name (E0105, with the closest names as help).
pub fn timezone(name: &str, span: Span) -> Result<chrono_tz::Tz> {
    if let Ok(tz) = name.parse::<chrono_tz::Tz>() {
        return Ok(tz);
    }
    let suggestions = crate::suggest::closest_zones(name, 3);
    let help = if suggestions.is_empty() {
        "use an IANA time zone name such as \"Europe/Paris\" or \"America/New_York\"".to_string()
    } else {
        format!(
            "did you mean {}?",
            or_list(
                &suggestions
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
            )
        )
    };
    Err(err(
        Code::E0105,
        span,
        format!("unknown time zone \"{name}\""),
        "not an IANA time zone",
        &help,
    ))
}

pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The amount of a `MONEY` token.
pub fn amount(text: &str, span: Span) -> Result<Decimal> {
    Decimal::from_str_exact(text).map_err(|_| {
        err(
            Code::E0107,
            span,
            format!("amount `{text}` is too large or too precise"),
            "not a usable amount",
            "amounts have at most 28 significant digits",
        )
    })
}

/// A currency code from ISO 4217 (E0107).
pub fn currency(code: &str, span: Span) -> Result<()> {
    if ISO_4217.binary_search(&code).is_ok() {
        return Ok(());
    }
    let close: Vec<String> = ISO_4217
        .iter()
        .filter(|c| crate::suggest::one_letter_apart(c, code))
        .take(3)
        .map(|c| format!("`{c}`"))
        .collect();
    let help = if close.is_empty() {
        "use an ISO 4217 currency code such as `EUR`, `USD` or `GBP`".to_string()
    } else {
        format!("did you mean {}?", or_list(&close))
    };
    Err(err(
        Code::E0107,
        span,
        format!("unknown currency `{code}`"),
        "not an ISO 4217 currency code",
        &help,
    ))
}

/// `review every N months`: N from 1 to 1200 (E0106: a cadence is a duration).
pub fn months(text: &str, span: Span) -> Result<u32> {
    match text.parse::<u32>() {
        Ok(n) if (1..=1200).contains(&n) => Ok(n),
        _ => Err(err(
            Code::E0106,
            span,
            format!("review cadence of `{text}` months is not usable"),
            "between 1 and 1200 months",
            "write e.g. `review every 12 months`",
        )),
    }
}

/// `version N`, `amends N`, `history { version N … }`: N from 1 to 9999 (E0604).
pub fn version(text: &str, span: Span) -> Result<u32> {
    match text.parse::<u32>() {
        Ok(n) if (1..=9999).contains(&n) => Ok(n),
        _ => Err(err(
            Code::E0604,
            span,
            format!("version `{text}` is not usable"),
            "versions are numbered from 1 to 9999",
            "number the first signed text `version 1` and each amendment one more",
        )),
    }
}

/// The contents of a string literal, escapes applied. On a bad escape: its byte offset
/// in `raw`, its length and a message.
pub fn unescape(raw: &str) -> std::result::Result<String, (usize, usize, String)> {
    let (body, start) = if raw.starts_with("\"\"\"") && raw.len() >= 6 {
        (&raw[3..raw.len() - 3], 3)
    } else {
        (raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""), 1)
    };
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err((start + i, 1, "a string cannot end with a lone `\\`".into()));
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'u' => {
                let rest = &body[i + 2..];
                let close = rest.find('}');
                let hex = match (rest.starts_with('{'), close) {
                    (true, Some(end)) if (2..=7).contains(&end) => &rest[1..end],
                    _ => {
                        return Err((
                            start + i,
                            2,
                            "a unicode escape is written `\\u{1F600}`".into(),
                        ))
                    }
                };
                let ch = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                let Some(ch) = ch else {
                    return Err((
                        start + i,
                        hex.len() + 4,
                        format!("`\\u{{{hex}}}` is not a unicode character"),
                    ));
                };
                out.push(ch);
                for _ in 0..hex.len() + 2 {
                    chars.next();
                }
            }
            other => {
                return Err((
                    start + i,
                    1 + other.len_utf8(),
                    format!("unknown escape `\\{other}` in a string"),
                ))
            }
        }
    }
    Ok(out)
}

/// Active ISO 4217 codes, sorted for binary search.
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT",
    "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes_are_sorted() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn durations() {
        let s = Span::default();
        assert_eq!(duration("1h30m", s).ok(), Some(5_400_000));
        assert_eq!(duration("300ms", s).ok(), Some(300));
        assert_eq!(duration("1m30s500ms", s).ok(), Some(90_500));
        assert!(duration("30m1h", s).is_err());
        assert!(duration("1h1h", s).is_err());
        assert!(duration("0m", s).is_err());
        assert!(duration("99999999999999999999w", s).is_err());
    }

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r#""a\"b\\c\n\u{1F600}""#).unwrap(),
            "a\"b\\c\n\u{1F600}"
        );
        assert!(unescape(r#""bad \q""#).is_err());
        assert!(unescape(r#""bad \u{D800}""#).is_err());
        assert_eq!(unescape("\"\"\"x\ny\"\"\"").unwrap(), "x\ny");
    }
}
