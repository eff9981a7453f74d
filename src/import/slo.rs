//! What the importers share: one imported SLO, the services read so far, and reading a
//! target and a query.

use rust_decimal::Decimal;
use serde_norway::Value;

/// One imported SLO.
#[derive(Debug, Default)]
pub(super) struct Slo {
    /// The SLO's name, as written.
    pub(super) name: String,
    pub(super) title: Option<String>,
    /// The target in percent (99.9).
    pub(super) target: Decimal,
    /// `window …` as `.sla` writes it: `rolling 30d`, `month`.
    pub(super) window: String,
    pub(super) errors: Option<String>,
    pub(super) good: Option<String>,
    pub(super) total: Option<String>,
    /// What could not be carried over, in words.
    pub(super) notes: Vec<String>,
}

/// The services and their SLOs, in the order of the files.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    pub(super) services: Vec<(String, Vec<Slo>)>,
    /// Warnings for stderr: what was kept as a note, or skipped with its reason.
    pub(crate) warnings: Vec<String>,
    /// `OpenSLO` `SLI` documents by name, and the SLOs that refer to one.
    pub(super) slis: Vec<(String, Value)>,
    pub(super) waiting: Vec<(String, String, String, Slo)>,
}

impl Imported {
    pub(super) fn slo(&mut self, service: &str, slo: Slo) {
        match self.services.iter_mut().find(|(s, _)| s == service) {
            Some((_, list)) => list.push(slo),
            None => self.services.push((service.to_string(), vec![slo])),
        }
    }
}

/// A target from a percentage or a ratio (`0.999` → 99.9), as an exact decimal.
pub(super) fn percent(v: &Value, ratio: bool) -> Option<Decimal> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    let d: Decimal = text.trim().parse().ok()?;
    let p = if ratio { d * Decimal::ONE_HUNDRED } else { d };
    (p > Decimal::ZERO && p <= Decimal::ONE_HUNDRED).then(|| p.normalize())
}

/// A query with Sloth's `{{.window}}` as slac's `{{window}}`; `None` when it has no range
/// to fill (slac needs one per rule window).
pub(super) fn query(q: &str) -> Option<String> {
    let q = q.trim().replace("{{.window}}", "{{window}}");
    q.contains("{{window}}").then_some(q)
}

/// Keeps what could not be imported as a note of the objective, and says so.
pub(super) fn keep(slo: &mut Slo, file: &str, into: &mut Imported, what: &str) {
    into.warnings.push(format!(
        "{file}: SLO `{}`: {what}; kept as a note, the objective has no indicator",
        slo.name
    ));
    slo.notes
        .push(format!("imported without an indicator: {what}"));
}
