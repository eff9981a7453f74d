//! The eval report: the JSON document of docs/cli.md (field names and order as written
//! there), a human table and an HTML page with one SVG bar per objective.

use super::credits::{CreditLine, Totals};
use super::tickets::TargetResult;
use crate::model::{Agreement, Objective, TargetKind};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub period: String,
    pub agreements: Vec<AgreementReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgreementReport {
    pub agreement: String,
    pub region: Option<String>,
    pub objectives: Vec<ObjectiveReport>,
    pub support: Vec<SupportReport>,
    pub credits: Vec<CreditReport>,
    pub cap_percent: Option<f64>,
    pub total_percent: f64,
    pub total_amount: Option<f64>,
    pub currency: Option<String>,
}

/// One objective. Availability shows open and down minutes, latency and outcome their
/// good and total events; an objective that was not evaluated shows neither, nor an
/// attainment.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveReport {
    pub kind: &'static str,
    pub name: String,
    pub target: Option<f64>,
    pub evaluated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downtime_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub good: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attainment: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
}

impl ObjectiveReport {
    /// The objective as listed before evaluation.
    pub fn listed(o: &Objective, target: Option<Decimal>) -> ObjectiveReport {
        ObjectiveReport {
            kind: o.kind.keyword(),
            name: o.id.clone(),
            target: target.map(to_f64),
            evaluated: false,
            open_minutes: None,
            downtime_minutes: None,
            good: None,
            total: None,
            attainment: None,
            met: None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SupportReport {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub class: String,
    pub target: &'static str,
    pub tickets: u64,
    pub met: u64,
    pub pending: u64,
    pub share_met: Option<f64>,
    pub required_share: f64,
    pub ok: bool,
    /// The ids of the breached tickets, in input order.
    pub breaches: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CreditReport {
    pub on: String,
    pub percent: Option<f64>,
    pub amount: Option<f64>,
}

/// A decimal as the nearest `f64` (through its text, which rounds correctly).
pub fn to_f64(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(f64::NAN)
}

impl AgreementReport {
    pub fn new(
        a: &Agreement,
        region: Option<&str>,
        objectives: Vec<ObjectiveReport>,
        support: &[TargetResult],
        lines: &[CreditLine],
        totals: &Totals,
    ) -> AgreementReport {
        AgreementReport {
            agreement: a.name.clone(),
            region: region.map(str::to_string),
            objectives,
            support: support
                .iter()
                .map(|r| SupportReport {
                    kind: match r.kind {
                        TargetKind::Incident => "incident",
                        TargetKind::Request => "request",
                    },
                    class: r.class.clone(),
                    target: r.deadline.keyword(),
                    tickets: r.tickets(),
                    met: r.met,
                    pending: r.pending.len() as u64,
                    share_met: r.share_met(),
                    required_share: to_f64(r.required),
                    ok: r.ok(),
                    breaches: r.breached.clone(),
                })
                .collect(),
            credits: lines
                .iter()
                .map(|l| CreditReport {
                    on: l.on.clone(),
                    percent: l.percent.map(to_f64),
                    amount: l.amount.map(to_f64),
                })
                .collect(),
            cap_percent: totals.cap_percent.map(to_f64),
            total_percent: to_f64(totals.total_percent),
            total_amount: totals.total_amount.map(to_f64),
            currency: totals.currency.clone(),
        }
    }
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A plain-text table per agreement.
    pub fn to_human(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "period {}", self.period);
        if self.agreements.is_empty() {
            let _ = writeln!(s, "no SLA is in force in this period");
        }
        for a in &self.agreements {
            let _ = writeln!(s);
            let _ = writeln!(s, "{}", title(a));
            if !a.objectives.is_empty() {
                let _ = writeln!(
                    s,
                    "  {:<24} {:>9} {:>20} {:>24}  met",
                    "objective", "target", "attainment", "measured"
                );
            }
            for o in &a.objectives {
                let name = if o.kind == "outcome" {
                    format!("outcome {}", o.name)
                } else {
                    o.name.clone()
                };
                let target = o.target.map_or("-".into(), |t| format!("{t}%"));
                match (o.attainment, o.met) {
                    (Some(att), Some(met)) => {
                        let measured = match (o.downtime_minutes, o.open_minutes, o.good, o.total) {
                            (Some(d), Some(op), _, _) => format!("{d} of {op} min down"),
                            (_, _, Some(g), Some(t)) => format!("{g} of {t} good"),
                            _ => String::new(),
                        };
                        let _ = writeln!(
                            s,
                            "  {name:<24} {target:>9} {:>20} {measured:>24}  {}",
                            format!("{att}%"),
                            if met { "yes" } else { "NO" }
                        );
                    }
                    _ => {
                        let _ = writeln!(s, "  {name:<24} {target:>9} {:>20}", "not evaluated");
                    }
                }
            }
            for t in &a.support {
                let share = t.share_met.map_or("-".into(), |x| format!("{x}%"));
                let _ = writeln!(
                    s,
                    "  {} {} {}: {} of {} met ({share}), {} pending, required {}%: {}{}",
                    t.kind,
                    t.class,
                    t.target,
                    t.met,
                    t.tickets,
                    t.pending,
                    t.required_share,
                    if t.ok { "ok" } else { "NOT OK" },
                    if t.breaches.is_empty() {
                        String::new()
                    } else {
                        format!("; breached: {}", t.breaches.join(", "))
                    }
                );
            }
            for c in &a.credits {
                let _ = writeln!(s, "  credit on {}: {}", c.on, money(c.percent, c.amount, a));
            }
            let _ = writeln!(
                s,
                "  total credit: {}{}",
                money(Some(a.total_percent), a.total_amount, a),
                a.cap_percent
                    .map_or(String::new(), |c| format!(" (cap {c}%)"))
            );
        }
        s
    }

    /// A self-contained HTML page (handlebars in strict mode).
    pub fn to_html(&self) -> Result<String, String> {
        let mut hb = handlebars::Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_template_string("eval", include_str!("../emit/templates/eval.html.hbs"))
            .map_err(|e| e.to_string())?;
        let view = serde_json::json!({
            "period": self.period,
            "agreements": self.agreements.iter().map(|a| serde_json::json!({
                "title": title(a),
                "objectives": a.objectives.iter().map(bar).collect::<Vec<_>>(),
                "support": a.support.iter().map(|t| serde_json::json!({
                    "what": format!("{} {} {}", t.kind, t.class, t.target),
                    "met": t.met,
                    "tickets": t.tickets,
                    "pending": t.pending,
                    "share": t.share_met.map_or("-".into(), |x| format!("{x}%")),
                    "required": format!("{}%", t.required_share),
                    "ok": t.ok,
                    "breaches": t.breaches.join(", "),
                })).collect::<Vec<_>>(),
                "has_support": !a.support.is_empty(),
                "credits": a.credits.iter().map(|c| serde_json::json!({
                    "on": c.on,
                    "text": money(c.percent, c.amount, a),
                })).collect::<Vec<_>>(),
                "total": money(Some(a.total_percent), a.total_amount, a),
                "cap": a.cap_percent.map_or(String::new(), |c| format!("{c}%")),
            })).collect::<Vec<_>>(),
        });
        hb.render("eval", &view).map_err(|e| e.to_string())
    }
}

fn title(a: &AgreementReport) -> String {
    match &a.region {
        Some(r) => format!("{} (region {r})", a.agreement),
        None => a.agreement.clone(),
    }
}

fn money(percent: Option<f64>, amount: Option<f64>, a: &AgreementReport) -> String {
    let p = percent.map_or("-".into(), |p| format!("{p}%"));
    match (amount, &a.currency) {
        (Some(x), Some(c)) => format!("{p} = {x} {c}"),
        (Some(x), None) => format!("{p} = {x}"),
        (None, _) => p,
    }
}

/// The view of one objective with its bar: the scale starts low enough to show both the
/// target and the attainment with room to spare.
fn bar(o: &ObjectiveReport) -> serde_json::Value {
    const WIDTH: f64 = 300.0;
    let target = o.target.unwrap_or(100.0);
    let (att, met) = (o.attainment, o.met.unwrap_or(false));
    let low = att.unwrap_or(target).min(target);
    let lo = (100.0 - 2.0 * (100.0 - low)).clamp(0.0, 100.0);
    let lo = if lo >= 100.0 { 99.0 } else { lo };
    let x = |v: f64| ((v - lo) / (100.0 - lo) * WIDTH).clamp(0.0, WIDTH);
    serde_json::json!({
        "name": if o.kind == "outcome" { format!("outcome {}", o.name) } else { o.name.clone() },
        "target": o.target.map_or("-".into(), |t| format!("{t}%")),
        "evaluated": o.evaluated,
        "attainment": att.map_or("not evaluated".into(), |a| format!("{a}%")),
        "met": met,
        "status": if !o.evaluated { "not evaluated" } else if met { "met" } else { "missed" },
        "bar_width": format!("{:.1}", att.map_or(0.0, x)),
        "target_x": format!("{:.1}", x(target)),
        "scale_low": format!("{lo}%"),
        "color": if met { "#2e7d32" } else { "#c62828" },
    })
}
