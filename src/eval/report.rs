//! The eval report: the JSON document of docs/cli.md (field names and order as written
//! there), a human table and an HTML page with one SVG bar per objective.

use super::attainment::{to_f64, Share};
use super::credits::{CreditLine, Totals};
use super::input::Nanos;
use super::scope::Judge;
use super::tickets::TargetResult;
use crate::model::Objective;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub period: String,
    pub agreements: Vec<AgreementReport>,
    /// SLAs in force whose every (customer, service) pair a more specific SLA judges.
    pub shadowed: Vec<Shadowed>,
    /// Input rows with known ids that no SLA in force judges, and why.
    pub unmatched: Unmatched,
}

#[derive(Clone, Debug, Serialize)]
pub struct Shadowed {
    pub agreement: String,
    pub region: Option<String>,
    pub by: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Unmatched {
    pub outages: u64,
    pub tickets: u64,
    pub measurements: u64,
    /// Given only with `--requests` (language.md §4.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
    /// Absent when 0, so reports without --charges read as before.
    #[serde(skip_serializing_if = "is_zero")]
    pub charges: u64,
    /// The unmatched rows grouped by input and reason, in input order.
    pub reasons: Vec<UnmatchedReason>,
}

impl Unmatched {
    /// ", 2 charges" when charges rows are unmatched (nothing otherwise, as before
    /// --charges).
    fn charges_words(&self) -> String {
        if self.charges == 0 {
            String::new()
        } else {
            format!(", {} charges", self.charges)
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct UnmatchedReason {
    /// `outages`, `tickets`, `measurements` or `charges`.
    pub input: &'static str,
    pub file: String,
    pub reason: String,
    /// How many rows.
    pub count: u64,
    /// The first lines (at most ten).
    pub lines: Vec<u64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgreementReport {
    pub agreement: String,
    pub region: Option<String>,
    /// The part of the period in which the agreement is in force (RFC 3339, UTC,
    /// `[from, to)`).
    pub in_force: InForce,
    /// The agreement was terminated: its last day in force (`in_force` ends with it) and
    /// why. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<Terminated>,
    pub objectives: Vec<ObjectiveReport>,
    pub support: Vec<SupportReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_not_evaluated: Option<String>,
    pub credits: Vec<CreditReport>,
    pub cap_percent: Option<f64>,
    pub total_percent: Option<f64>,
    pub total_amount: Option<f64>,
    pub currency: Option<String>,
    /// False when a penalty could not be computed: the credit may be higher.
    pub complete: bool,
    pub not_computed: Vec<NotComputed>,
    /// When a larger credit of the same agreement (its base or another region) is paid
    /// instead of this one's: which (`base` or the region's name).
    pub credit_paid_under: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip)]
    exact: (Option<Decimal>, Option<Decimal>),
}

#[derive(Clone, Debug, Serialize)]
pub struct InForce {
    pub from: String,
    pub to: String,
    pub whole_period: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Terminated {
    /// The last day in force, `2026-06-30` (inclusive, in the agreement's zone).
    pub on: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NotComputed {
    pub on: String,
    pub reason: String,
}

/// One objective. Availability shows open and down minutes (and exact seconds), latency
/// and outcome their good and total events; an objective that was not evaluated shows
/// neither, nor an attainment, but says why.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveReport {
    pub kind: &'static str,
    pub name: String,
    pub target: Option<f64>,
    pub evaluated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downtime_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_seconds: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downtime_seconds: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub good: Option<u128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u128>,
    /// The intervals judged, for an objective whose downtime is defined by error rates
    /// (language.md §4.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intervals: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attainment: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// The exact attainment, for the human rounding.
    #[serde(skip)]
    pub share: Option<Share>,
}

impl ObjectiveReport {
    /// The objective as listed before evaluation.
    pub fn listed(o: &Objective, target: Option<Decimal>) -> ObjectiveReport {
        ObjectiveReport {
            kind: o.kind.keyword(),
            name: o.id.to_string(),
            target: target.map(to_f64),
            evaluated: false,
            reason: None,
            open_minutes: None,
            downtime_minutes: None,
            open_seconds: None,
            downtime_seconds: None,
            good: None,
            total: None,
            intervals: None,
            attainment: None,
            met: None,
            share: None,
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
    /// Tickets that could not be judged (the update frequency without an `updates`
    /// column), in input order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CreditReport {
    pub on: String,
    pub percent: Option<f64>,
    pub amount: Option<f64>,
    /// `per service|region|instance`: each item's attainment and credit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemReport>,
}

/// One item of a `per …` penalty.
#[derive(Clone, Debug, Serialize)]
pub struct ItemReport {
    pub item: String,
    pub attainment: f64,
    pub downtime_seconds: String,
    /// What the item was billed for the period; `None` without --charges.
    pub charges: Option<f64>,
    /// The credit as a percentage of the item's charges; `None`: no tier applies.
    pub percent: Option<f64>,
    pub amount: Option<f64>,
}

impl ItemReport {
    fn text(&self, currency: Option<&str>) -> String {
        let cur = currency.map_or(String::new(), |c| format!(" {c}"));
        let charges = self.charges.map_or("no charges given".to_string(), |c| {
            format!("charges {c}{cur}")
        });
        let credit = match (self.percent, self.amount) {
            (None, _) => "no credit".to_string(),
            (Some(p), Some(a)) => format!("credit {p}% = {a}{cur}"),
            (Some(p), None) => format!("credit {p}% of its charges"),
        };
        format!(
            "{}: {}% ({}s down), {charges}, {credit}",
            self.item, self.attainment, self.downtime_seconds
        )
    }
}

/// Nanoseconds as exact decimal seconds: `2592000`, `750.5`.
pub fn seconds(ns: i64) -> String {
    let (whole, frac) = (ns.div_euclid(1_000_000_000), ns.rem_euclid(1_000_000_000));
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:09}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// An instant as RFC 3339 in UTC; the ends of time as `-infinity` / `infinity`.
fn instant(t: Nanos) -> String {
    match t {
        Nanos::MIN => "-infinity".into(),
        Nanos::MAX => "infinity".into(),
        t => chrono::DateTime::from_timestamp_nanos(t)
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
    }
}

impl AgreementReport {
    pub fn new(
        judge: &Judge<'_>,
        objectives: Vec<ObjectiveReport>,
        support: Option<&[TargetResult]>,
        lines: &[CreditLine],
        totals: &Totals,
        not_computed: Vec<NotComputed>,
    ) -> AgreementReport {
        AgreementReport {
            agreement: judge.agreement.name.clone(),
            region: judge.region().map(str::to_string),
            in_force: InForce {
                from: instant(judge.in_force.0),
                to: instant(judge.in_force.1),
                whole_period: judge.in_force == judge.period,
            },
            terminated: judge
                .agreement
                .lifecycle
                .terminated
                .as_ref()
                .map(|t| Terminated {
                    on: t.on.value.to_string(),
                    reason: t.reason.clone(),
                }),
            objectives,
            support: support
                .unwrap_or(&[])
                .iter()
                .map(|r| SupportReport {
                    kind: r.kind.keyword(),
                    class: r.class.clone(),
                    target: r.deadline.keyword(),
                    tickets: r.tickets(),
                    met: r.met,
                    pending: r.pending.len() as u64,
                    share_met: r.share_met(),
                    required_share: to_f64(r.required),
                    ok: r.ok(),
                    breaches: r.breached.clone(),
                    unknown: r.unknown.clone(),
                })
                .collect(),
            support_not_evaluated: (support.is_none()).then(|| "no --tickets given".to_string()),
            credits: lines
                .iter()
                .map(|l| CreditReport {
                    on: l.on.clone(),
                    percent: l.percent.map(to_f64),
                    amount: l.amount.map(to_f64),
                    items: l
                        .items
                        .iter()
                        .map(|i| ItemReport {
                            item: i.item.clone(),
                            attainment: i.share.percent_f64(),
                            downtime_seconds: seconds(i.down),
                            charges: i.charges.map(to_f64),
                            percent: i.percent.map(to_f64),
                            amount: i.amount.map(to_f64),
                        })
                        .collect(),
                })
                .collect(),
            cap_percent: totals.cap_percent.map(to_f64),
            total_percent: totals.total_percent.map(to_f64),
            total_amount: totals.total_amount.map(to_f64),
            currency: totals.currency.clone(),
            complete: not_computed.is_empty(),
            not_computed,
            credit_paid_under: None,
            notes: totals.note.iter().cloned().collect(),
            exact: (totals.total_amount, totals.total_percent),
        }
    }

    /// `base` or the region's name.
    fn variant_label(&self) -> String {
        self.region.clone().unwrap_or_else(|| "base".into())
    }
}

/// One outage, one payment: the base and the regions of an agreement share its fee and
/// cap, so an agreement pays the largest credit among them (by amount where every one has
/// an amount, else by percent), and the others point at it.
pub fn pay_once(reports: &mut [AgreementReport]) {
    let mut start = 0;
    while start < reports.len() {
        let name = reports[start].agreement.clone();
        let end = start
            + reports[start..]
                .iter()
                .take_while(|r| r.agreement == name)
                .count();
        let group = &mut reports[start..end];
        if group.len() > 1 {
            let by_amount = group.iter().all(|r| r.exact.0.is_some());
            let size = |r: &AgreementReport| {
                if by_amount { r.exact.0 } else { r.exact.1 }.unwrap_or_default()
            };
            let payer = (0..group.len())
                .rev()
                .max_by(|&a, &b| size(&group[a]).cmp(&size(&group[b])))
                .unwrap_or(0);
            let label = group[payer].variant_label();
            for (k, r) in group.iter_mut().enumerate() {
                if k != payer && size(r) > Decimal::ZERO {
                    r.credit_paid_under = Some(label.clone());
                    r.total_percent = r.total_percent.map(|_| 0.0);
                    r.total_amount = r.total_amount.map(|_| 0.0);
                }
            }
        }
        start = end;
    }
}

impl Report {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A plain-text table per agreement, then what was not judged.
    pub fn to_human(&self) -> String {
        /// Unmatched reasons listed; JSON lists them all.
        const SHOWN: usize = 20;
        let mut s = String::new();
        let _ = writeln!(s, "period {}", self.period);
        if self.agreements.is_empty() {
            let _ = writeln!(s, "no SLA is in force in this period");
        }
        for a in &self.agreements {
            let _ = writeln!(s);
            let _ = writeln!(s, "{}", title(a));
            if !a.in_force.whole_period {
                let _ = writeln!(
                    s,
                    "  in force for part of the period only: {} to {}",
                    a.in_force.from, a.in_force.to
                );
            }
            if let Some(t) = &a.terminated {
                let why = t
                    .reason
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})"));
                let _ = writeln!(
                    s,
                    "  terminated: in force until {} only{why}; nothing after it is judged",
                    t.on
                );
            }
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
                if let (Some(share), Some(met)) = (o.share, o.met) {
                    // Exact seconds: a rounded figure could hide a breach.
                    let measured = match (&o.downtime_seconds, &o.open_seconds, o.good, o.total) {
                        (Some(d), Some(op), _, _) => format!("{d} of {op} s down"),
                        (_, _, Some(g), Some(t)) => format!("{g} of {t} good"),
                        // An average of error rates (language.md §4.1).
                        _ => o
                            .intervals
                            .map_or(String::new(), |n| format!("mean of {n} intervals")),
                    };
                    let _ = writeln!(
                        s,
                        "  {name:<24} {target:>9} {:>20} {measured:>24}  {}",
                        format!("{}%", share.percent_floor(4)),
                        if met { "yes" } else { "NO" }
                    );
                } else {
                    let why = o
                        .reason
                        .as_ref()
                        .map_or(String::new(), |r| format!(" ({r})"));
                    let _ = writeln!(s, "  {name:<24} {target:>9} not evaluated{why}");
                }
            }
            if let Some(why) = &a.support_not_evaluated {
                let _ = writeln!(s, "  support not evaluated ({why})");
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
                if !t.unknown.is_empty() {
                    let _ = writeln!(
                        s,
                        "    not judged (no `updates` column in the tickets): {}",
                        t.unknown.join(", ")
                    );
                }
            }
            for c in &a.credits {
                let _ = writeln!(s, "  credit on {}: {}", c.on, money(c.percent, c.amount, a));
                for i in &c.items {
                    let _ = writeln!(s, "    {}", i.text(a.currency.as_deref()));
                }
            }
            for n in &a.not_computed {
                let _ = writeln!(s, "  credit on {} NOT COMPUTED: {}", n.on, n.reason);
            }
            let _ = writeln!(s, "  {}", total_line(a));
            for n in &a.notes {
                let _ = writeln!(s, "  note: {n}");
            }
        }
        for sh in &self.shadowed {
            let region = sh
                .region
                .as_ref()
                .map_or(String::new(), |r| format!(" (region {r})"));
            let _ = writeln!(
                s,
                "\n{}{region}: judges nothing in this period; more specific SLAs judge all it covers: {}",
                sh.agreement,
                sh.by.join(", ")
            );
        }
        let u = &self.unmatched;
        if !u.reasons.is_empty() {
            let _ = writeln!(
                s,
                "\nunmatched rows (known ids, but no SLA in force judges them): {} outages, {} tickets, {} measurements{}{}",
                u.outages, u.tickets, u.measurements, u.charges_words(),
                u.requests.map_or(String::new(), |n| format!(", {n} requests"))
            );
            for r in u.reasons.iter().take(SHOWN) {
                let lines: Vec<String> = r.lines.iter().map(u64::to_string).collect();
                let more = if r.count > r.lines.len() as u64 {
                    ", …"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "  {} row{} of {} (line{} {}{more}): {}",
                    r.count,
                    if r.count == 1 { "" } else { "s" },
                    r.file,
                    if r.lines.len() == 1 { "" } else { "s" },
                    lines.join(", "),
                    r.reason
                );
            }
            if u.reasons.len() > SHOWN {
                let _ = writeln!(
                    s,
                    "  … and {} more reasons (--format json lists them all)",
                    u.reasons.len() - SHOWN
                );
            }
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
                "terminated": a.terminated.as_ref().map_or(String::new(), |t| format!(
                    "Terminated: in force until {} only{}.",
                    t.on,
                    t.reason.as_ref().map_or(String::new(), |r| format!(" ({r})"))
                )),
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
                    "text": std::iter::once(money(c.percent, c.amount, a))
                        .chain(c.items.iter().map(|i| i.text(a.currency.as_deref())))
                        .collect::<Vec<_>>()
                        .join("; "),
                })).collect::<Vec<_>>(),
                "total": total_line(a),
            })).collect::<Vec<_>>(),
            "unmatched": self.unmatched.reasons.iter().map(|r| serde_json::json!({
                "file": r.file,
                "lines": r.lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", "),
                "count": r.count,
                "reason": r.reason,
            })).collect::<Vec<_>>(),
            "unmatched_summary": format!(
                "{} outages, {} tickets, {} measurements{}{}",
                self.unmatched.outages, self.unmatched.tickets, self.unmatched.measurements,
                self.unmatched.charges_words(),
                self.unmatched
                    .requests
                    .map_or(String::new(), |n| format!(", {n} requests"))
            ),
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
    let p = percent.map(|p| format!("{p}%"));
    let x = amount.map(|x| match &a.currency {
        Some(c) => format!("{x} {c}"),
        None => x.to_string(),
    });
    match (p, x) {
        (Some(p), Some(x)) => format!("{p} = {x}"),
        (Some(p), None) => format!("{p} (no fee to take it of)"),
        (None, Some(x)) => x,
        (None, None) => "-".into(),
    }
}

/// "total credit: …", never a bare 0 when a penalty could not be computed.
fn total_line(a: &AgreementReport) -> String {
    let mut line = format!(
        "total credit: {}{}",
        if a.complete { "" } else { "at least " },
        money(a.total_percent, a.total_amount, a)
    );
    if let Some(c) = a.cap_percent {
        let _ = write!(line, " (cap {c}%)");
    }
    if let Some(payer) = &a.credit_paid_under {
        let _ = write!(
            line,
            "; a larger credit of this agreement is paid under {payer} instead"
        );
    }
    if !a.complete {
        let _ = write!(
            line,
            " INCOMPLETE: {} could not be computed",
            a.not_computed
                .iter()
                .map(|n| format!("`{}`", n.on))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    line
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
        "attainment": o.share.map_or("not evaluated".into(), |s| format!("{}%", s.percent_floor(4))),
        "met": met,
        "status": if !o.evaluated { o.reason.as_ref().map_or_else(|| "not evaluated".to_string(), |r| format!("not evaluated: {r}")) } else if met { "met".into() } else { "missed".into() },
        "bar_width": format!("{:.1}", att.map_or(0.0, x)),
        "target_x": format!("{:.1}", x(target)),
        "scale_low": format!("{lo}%"),
        "color": if met { "#2e7d32" } else { "#c62828" },
    })
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}
