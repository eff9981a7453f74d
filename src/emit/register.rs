//! `internal/register.{csv,json,html}`: the contract register (docs/register.md), one row
//! per agreement from [`crate::model::register::rows`]. The CSV and the JSON are written
//! from one list of (column, cell) pairs, [`cells`], so they have the same columns in
//! the same order with the same values; the HTML page reads the same rows.

use super::backend::{Backend, Context, EmitError};
use super::embedded::REGISTER as TEMPLATES;
use super::render::Renderer;
use super::view::register::register;
use crate::model::register::{rows, Row};
use crate::model::Portfolio;
use crate::output::Artifact;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write as _;

pub(super) struct Register;

impl Backend for Register {
    fn name(&self) -> &'static str {
        "register"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        let rows = rows(portfolio, ctx.today);
        let r = Renderer::new("register", &TEMPLATES, handlebars::html_escape, ctx)?;
        Ok(vec![
            Artifact::text("internal/register.csv", csv(&rows)),
            Artifact::text(
                "internal/register.html",
                r.render("register", &register(&rows, ctx.today))?,
            ),
            Artifact::text("internal/register.json", json(&rows)),
        ])
    }
}

/// One cell of the register, typed: what the JSON keeps and the CSV prints.
#[derive(Clone, Debug, PartialEq)]
enum Cell<'a> {
    /// Text written in a `.sla` file (a title, a reason, a signatory): guarded against
    /// spreadsheet formulas in the CSV.
    Text(Option<&'a str>),
    /// A word slac chooses (`SLA`, `signed`, `month`).
    Word(Option<&'static str>),
    Date(Option<NaiveDate>),
    Int(Option<i64>),
    Decimal(Option<Decimal>),
    /// Identifiers (regions, parties): a JSON array, space-separated in the CSV.
    List(&'a [String]),
}

/// The register's columns and a row's values, in order (docs/register.md).
fn cells(r: &Row) -> Vec<(&'static str, Cell<'_>)> {
    fn name(p: Option<&(String, String)>) -> Cell<'_> {
        Cell::Text(p.map(|p| p.0.as_str()))
    }
    fn title(p: Option<&(String, String)>) -> Cell<'_> {
        Cell::Text(p.map(|p| p.1.as_str()))
    }
    fn on(s: Option<&(NaiveDate, String)>) -> Cell<'_> {
        Cell::Date(s.map(|s| s.0))
    }
    fn by(s: Option<&(NaiveDate, String)>) -> Cell<'_> {
        Cell::Text(s.map(|s| s.1.as_str()))
    }
    vec![
        ("name", Cell::Text(Some(&r.name))),
        ("title", Cell::Text(Some(&r.title))),
        ("kind", Cell::Word(Some(r.kind))),
        ("level", Cell::Word(r.level)),
        ("regions", Cell::List(&r.regions)),
        ("provider", name(r.provider.as_ref())),
        ("provider_title", title(r.provider.as_ref())),
        ("customer", name(r.customer.as_ref())),
        ("customer_title", title(r.customer.as_ref())),
        ("status", Cell::Word(Some(r.status))),
        ("version", Cell::Int(Some(i64::from(r.version)))),
        ("amends", Cell::Int(r.amends.map(i64::from))),
        ("version_summary", Cell::Text(r.version_summary.as_deref())),
        ("requirements", Cell::Text(r.requirements.as_deref())),
        ("proposed", Cell::Date(r.proposed)),
        ("approved", Cell::Date(r.approved)),
        ("approved_by", Cell::Text(r.approved_by.as_deref())),
        ("provider_signed", on(r.provider_signed.as_ref())),
        ("provider_signed_by", by(r.provider_signed.as_ref())),
        ("customer_signed", on(r.customer_signed.as_ref())),
        ("customer_signed_by", by(r.customer_signed.as_ref())),
        ("not_signed_by", Cell::List(&r.not_signed_by)),
        ("valid_from", Cell::Date(r.valid_from)),
        ("valid_to", Cell::Date(r.valid_to)),
        ("terminated", Cell::Date(r.terminated)),
        (
            "termination_reason",
            Cell::Text(r.termination_reason.as_deref()),
        ),
        ("in_force_until", Cell::Date(r.in_force_until)),
        ("next_review", Cell::Date(r.next_review)),
        ("days_to_expiry", Cell::Int(r.days_to_expiry)),
        ("package", Cell::Text(r.package.as_deref())),
        ("fee_amount", Cell::Decimal(r.fee.as_ref().map(|f| f.0))),
        (
            "fee_currency",
            Cell::Text(r.fee.as_ref().map(|f| f.1.as_str())),
        ),
        ("fee_period", Cell::Word(r.fee_period())),
    ]
}

/// The column names, in order (what the CSV header row holds).
fn columns() -> Vec<&'static str> {
    cells(&Row::default()).into_iter().map(|(c, _)| c).collect()
}

impl Cell<'_> {
    /// The CSV field, before quoting: empty when absent.
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.map_or_else(String::new, guard_formula),
            Cell::Word(w) => w.unwrap_or_default().to_string(),
            Cell::Date(d) => d.map_or_else(String::new, |d| d.to_string()),
            Cell::Int(n) => n.map_or_else(String::new, |n| n.to_string()),
            Cell::Decimal(d) => d.map_or_else(String::new, |d| d.normalize().to_string()),
            Cell::List(l) => l.join(" "),
        }
    }

    /// The JSON value: `null` when absent, dates as `YYYY-MM-DD`, numbers as numbers.
    fn json(&self) -> serde_json::Value {
        use serde_json::Value;
        let s = |t: Option<String>| t.map_or(Value::Null, Value::String);
        match self {
            Cell::Text(t) => s(t.map(str::to_string)),
            Cell::Word(w) => s(w.map(str::to_string)),
            Cell::Date(d) => s(d.map(|d| d.to_string())),
            Cell::Int(n) => n.map_or(Value::Null, Value::from),
            Cell::Decimal(d) => d.map_or(Value::Null, decimal),
            Cell::List(l) => Value::Array(l.iter().map(|x| Value::String(x.clone())).collect()),
        }
    }
}

/// A decimal as a JSON number: an integer when whole, else the nearest double (exact for
/// the two decimals of a fee; its shortest form is the decimal as written).
fn decimal(d: Decimal) -> serde_json::Value {
    let d = d.normalize();
    if d.fract().is_zero() {
        if let Ok(n) = i64::try_from(d) {
            return serde_json::Value::from(n);
        }
    }
    d.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or_else(
            || serde_json::Value::String(d.to_string()),
            serde_json::Value::Number,
        )
}

/// A field a spreadsheet would read as a formula (OWASP, "CSV Injection": one starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which makes
/// it text; the value is shown as written after it.
fn guard_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A CSV field (RFC 4180): in double quotes, inner quotes doubled, when it holds a comma,
/// a quote or a line break, or starts with the `'` of [`guard_formula`].
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with('\'') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// RFC 4180: a header row, then one record per agreement, every line ending in CRLF.
fn csv(rows: &[Row]) -> String {
    let mut out = columns().join(",");
    out.push_str("\r\n");
    for r in rows {
        let line: Vec<String> = cells(r).iter().map(|(_, c)| field(&c.text())).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// An array of one object per agreement, the CSV's columns as keys in the same order.
fn json(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "[]\n".into();
    }
    let mut out = String::from("[\n");
    for (i, r) in rows.iter().enumerate() {
        out.push_str("  {\n");
        let cells = cells(r);
        for (k, (column, cell)) in cells.iter().enumerate() {
            let comma = if k + 1 < cells.len() { "," } else { "" };
            // Keys and values through serde_json: every string escaped as JSON says.
            let _ = writeln!(
                out,
                "    {}: {}{comma}",
                serde_json::Value::from(*column),
                cell.json()
            );
        }
        out.push_str(if i + 1 < rows.len() {
            "  },\n"
        } else {
            "  }\n"
        });
    }
    out.push_str("]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_guarded() {
        assert_eq!(field(&guard_formula("plain")), "plain");
        assert_eq!(field(&guard_formula("a, b")), "\"a, b\"");
        assert_eq!(field(&guard_formula("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(field(&guard_formula("two\nlines")), "\"two\nlines\"");
        for formula in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(field(&guard_formula(formula)), format!("\"'{formula}\""));
        }
        // What slac writes itself is never guarded: a negative number stays a number.
        assert_eq!(Cell::Int(Some(-3)).text(), "-3");
        assert_eq!(Cell::Decimal(Some(Decimal::new(80050, 2))).text(), "800.5");
        assert_eq!(decimal(Decimal::new(80050, 2)).to_string(), "800.5");
        assert_eq!(decimal(Decimal::new(1_200_000, 2)).to_string(), "12000");
    }

    #[test]
    fn the_columns_are_unique() {
        let cols = columns();
        let mut sorted = cols.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), cols.len());
        assert_eq!(csv(&[]), format!("{}\r\n", cols.join(",")));
        assert_eq!(json(&[]), "[]\n");
    }
}
