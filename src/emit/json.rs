//! `json/portfolio.json`: the resolved portfolio, inheritance applied (docs/portfolio-json.md),
//! then `allowances`: each availability objective's allowance in every period listed, from
//! the model's one definition ([`crate::model::periods::allowances`]), the figures the
//! contract prints.

use super::backend::{Backend, Context, EmitError};
use crate::model::periods::{self, PeriodAllowance};
use crate::model::Portfolio;
use crate::output::Artifact;
use rust_decimal::Decimal;
use serde::Serialize;

pub(super) struct Json;

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    portfolio: &'a Portfolio,
    allowances: Vec<Allowances>,
}

/// The allowances of one objective of one agreement (or regional variant).
#[derive(Serialize)]
struct Allowances {
    agreement: String,
    region: Option<String>,
    objective: String,
    service: Option<String>,
    target: Decimal,
    window: &'static str,
    during: String,
    periods: Vec<PeriodJson>,
}

/// Exact decimal strings: `"allowed_seconds": "2674.8"`.
#[derive(Serialize)]
struct PeriodJson {
    period: String,
    open_seconds: String,
    allowed_seconds: String,
    partial: bool,
    /// Under `fiscal year from MM-01`: the first day of the fiscal quarter or year.
    #[serde(skip_serializing_if = "Option::is_none")]
    starts: Option<chrono::NaiveDate>,
}

impl From<&PeriodAllowance> for PeriodJson {
    fn from(a: &PeriodAllowance) -> PeriodJson {
        PeriodJson {
            period: a.period.to_string(),
            open_seconds: Decimal::new(a.open_ns, 9).normalize().to_string(),
            allowed_seconds: a.allowed.to_string(),
            partial: a.partial,
            starts: (a.fiscal_start != 1 && a.period.kind != periods::PeriodKind::Month)
                .then(|| a.period.first_day_from(a.fiscal_start)),
        }
    }
}

impl Backend for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        let mut allowances = Vec::new();
        for a in &portfolio.agreements {
            for (v, terms) in a.variants() {
                for o in &terms.objectives {
                    let Some(list) = periods::allowances(portfolio, terms, o, ctx.today) else {
                        continue;
                    };
                    allowances.push(Allowances {
                        agreement: a.name.clone(),
                        region: v.map(|v| v.name.clone()),
                        objective: o.id.to_string(),
                        service: o.service.as_ref().map(|s| s.value.name.to_string()),
                        target: o.target.as_ref().map_or(Decimal::ZERO, |t| t.value),
                        window: periods::PeriodKind::of(o.window())
                            .map_or("month", periods::PeriodKind::word),
                        during: o
                            .during
                            .as_ref()
                            .map_or_else(|| portfolio.always().name, |d| d.value.name.clone())
                            .into(),
                        periods: list.iter().map(PeriodJson::from).collect(),
                    });
                }
            }
        }
        let doc = Document {
            portfolio,
            allowances,
        };
        let mut text = serde_json::to_string_pretty(&doc).map_err(|e| EmitError {
            backend: "json",
            message: e.to_string(),
        })?;
        text.push('\n');
        Ok(vec![Artifact::text("json/portfolio.json", text)])
    }
}
