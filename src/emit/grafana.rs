//! `grafana/`: one dashboard per monitored agreement (Grafana's JSON model, schema 39),
//! built from the generic recordings of `prometheus/` (`slac:availability:ratio`,
//! `slac:slo_target`, `slac:error_budget_remaining:ratio`) and the burn rates, so it
//! shows exactly what the alerts read:
//! for each objective its attainment over the window against the contract's target, the
//! error budget left, and the burn rates, with the target and the service hours in words.
//! A `datasource` variable picks the Prometheus that loads the rules.

use super::backend::{Backend, Context, EmitError};
use super::names;
use super::slo::{self, prom_duration, Slo};
use crate::model::Portfolio;
use crate::output::Artifact;
use serde_json::{json, Value};

pub(super) struct Grafana;

impl Backend for Grafana {
    fn name(&self) -> &'static str {
        "grafana"
    }

    fn emit(&self, portfolio: &Portfolio, ctx: &Context) -> Result<Vec<Artifact>, EmitError> {
        Ok(slo::collect(portfolio, ctx.today)
            .into_iter()
            .map(|(a, slos)| {
                let mut text = serde_json::to_string_pretty(&dashboard(&slos)).unwrap_or_default();
                text.push('\n');
                Artifact::text(format!("grafana/{}.json", a.name), text)
            })
            .collect())
    }
}

const DATASOURCE: &str = "${datasource}";

fn md(s: &str) -> String {
    super::markdown::text(s)
}

fn target(expr: &str, legend: &str, ref_id: &str) -> Value {
    json!({
        "datasource": { "type": "prometheus", "uid": DATASOURCE },
        "expr": expr,
        "legendFormat": legend,
        "refId": ref_id,
    })
}

/// Every `PromQL` expression of a dashboard, in panel order (what the tests give promtool).
pub fn expressions(dashboard: &Value) -> Vec<String> {
    dashboard["panels"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["targets"].as_array().into_iter().flatten())
        .filter_map(|t| t["expr"].as_str().map(str::to_string))
        .collect()
}

fn dashboard(slos: &[Slo<'_>]) -> Value {
    let a = slos[0].agreement;
    let mut panels = Vec::new();
    let mut y = 0;
    for (i, s) in slos.iter().enumerate() {
        let id = i * 10;
        let sel = s.selector();
        let window = prom_duration(s.window_ms);
        let title = match s.region {
            Some(r) => format!("{} ({})", names::objective(s), r.title),
            None => names::objective(s),
        };
        let hours = if s.during == "always" {
            "at all hours".to_string()
        } else {
            format!(
                "in the service hours of {} only (alerts are routed then)",
                super::markdown::code(&s.during)
            )
        };
        panels.push(json!({
            "id": id + 1,
            "type": "text",
            "title": title,
            "gridPos": { "h": 4, "w": 24, "x": 0, "y": y },
            "options": {
                "mode": "markdown",
                // Text from `.sla` files is text, never Markdown.
                "content": format!(
                    "**{}**: {} promises {} per {}, counted {hours}.",
                    md(&s.agreement_title()), md(&s.title()), md(&s.target_text), md(&s.window_text())
                ),
            },
        }));
        y += 4;
        let target_ratio = s.target.to_string();
        panels.push(json!({
            "id": id + 2,
            "type": "stat",
            "title": format!("Attainment over {window}"),
            "datasource": { "type": "prometheus", "uid": DATASOURCE },
            "gridPos": { "h": 6, "w": 8, "x": 0, "y": y },
            "fieldConfig": { "defaults": {
                "unit": "percentunit",
                "decimals": 3,
                "thresholds": { "mode": "absolute", "steps": [
                    { "color": "red", "value": null },
                    { "color": "green", "value": target_ratio.parse::<f64>().unwrap_or(1.0) },
                ]},
            }},
            "targets": [
                target(&format!("slac:availability:ratio{sel}"), "attainment", "A"),
                target(&format!("slac:slo_target{sel}"), "target", "B"),
            ],
        }));
        if !s.budget.is_zero() {
            let mut burn = vec![
                target(
                    &format!("slac:current_burn_rate:ratio{sel}"),
                    "now (5m)",
                    "A",
                ),
                target(
                    &format!("slac:period_burn_rate:ratio{sel}"),
                    &format!("over {window}"),
                    "B",
                ),
            ];
            // Counted in service hours: when they are open (the gate the alerts read).
            if s.gate.is_some() {
                burn.push(target(
                    &format!("{}{sel}", names::CALENDAR_GATE),
                    "service hours open",
                    "C",
                ));
            }
            panels.push(json!({
                "id": id + 3,
                "type": "stat",
                "title": "Error budget left",
                "datasource": { "type": "prometheus", "uid": DATASOURCE },
                "gridPos": { "h": 6, "w": 8, "x": 8, "y": y },
                "fieldConfig": { "defaults": {
                    "unit": "percentunit",
                    "thresholds": { "mode": "absolute", "steps": [
                        { "color": "red", "value": null },
                        { "color": "orange", "value": 0 },
                        { "color": "green", "value": 0.25 },
                    ]},
                }},
                "targets": [target(&format!("slac:error_budget_remaining:ratio{sel}"), "budget left", "A")],
            }));
            panels.push(json!({
                "id": id + 4,
                "type": "timeseries",
                "title": "Burn rate (1 spends the budget exactly over the window)",
                "datasource": { "type": "prometheus", "uid": DATASOURCE },
                "gridPos": { "h": 6, "w": 8, "x": 16, "y": y },
                "targets": burn,
            }));
        }
        y += 6;
    }
    json!({
        "title": format!("{} ({})", a.title, a.name),
        "uid": names::dns_label(&[a.name.as_str()]).chars().take(40).collect::<String>(),
        "tags": ["slac", a.kind.keyword()],
        "schemaVersion": 39,
        "editable": true,
        "time": { "from": "now-7d", "to": "now" },
        "templating": { "list": [{
            "name": "datasource",
            "label": "Prometheus",
            "type": "datasource",
            "query": "prometheus",
        }]},
        "panels": panels,
    })
}
