//! `slac report`'s HTML: one self-contained page per audience, tables and inline SVG
//! charts (attainment per period against the target line, error budget used), no
//! JavaScript, a print style sheet (docs/report.md). Every figure comes from the
//! [`Series`]; every text from the portfolio or the inputs is escaped.

// `h` the page, `s` the series, `o` an objective, `x`/`y` coordinates: drawing code reads
// better with the names of its geometry.
#![allow(clippy::many_single_char_names)]

use super::series::{AgreementSeries, ObjectiveSeries, Series};
use handlebars::html_escape as esc;
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
h3{font-size:1rem}table{border-collapse:collapse;margin:.5rem 0;font-size:.75rem}
td{white-space:nowrap}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:right}th:first-child,td:first-child{text-align:left}
.miss{color:#c62828;font-weight:bold}.met{color:#2e7d32}.note{color:#555;font-size:.85rem}
.watermelon{background:#fff3e0;border-left:4px solid #e65100;padding:.3rem .6rem}
svg{display:block;margin:.3rem 0}svg text{font-size:10px;fill:#333}
@media print{body{margin:0;max-width:none}section{break-inside:avoid}h2{break-after:avoid}}";

/// The page.
pub fn render(s: &Series) -> String {
    let mut h = String::new();
    let who = match s.customer_title.as_ref().or(s.customer.as_ref()) {
        Some(c) => format!("Service report for {}", esc(c)),
        None => "Portfolio service report (internal)".to_string(),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{who}, {} to {}</title><style>{STYLE}</style></head><body>\n\
         <h1>{who}</h1>\n<p>Periods {} to {} ({} periods).</p>\n",
        esc(&s.from),
        esc(&s.to),
        esc(&s.from),
        esc(&s.to),
        s.periods.len()
    );
    credits_table(&mut h, s);
    if let Some(f) = &s.forecast {
        forecast(&mut h, f);
    }
    if s.agreements.is_empty() {
        h.push_str("<p>No agreement was in force in these periods.</p>\n");
    }
    for a in &s.agreements {
        agreement(&mut h, s, a);
    }
    h.push_str("</body></html>\n");
    h
}

fn credits_table(h: &mut String, s: &Series) {
    let internal = s.customer.is_none();
    h.push_str("<section><h2>Service credits</h2><table><tr><th>period</th><th>credits owed</th>");
    if internal {
        h.push_str("<th>recoverable from OLAs and UCs</th>");
    }
    h.push_str("</tr>\n");
    let words = |v: &[super::series::Amount]| {
        if v.is_empty() {
            "0".to_string()
        } else {
            v.iter()
                .map(|a| format!("{:.2} {}", a.amount, esc(&a.currency)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    for c in &s.credits {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}{}</td>",
            esc(&c.period),
            if c.complete { "" } else { "at least " },
            words(&c.owed)
        );
        if let Some(r) = &c.recoverable {
            let _ = write!(h, "<td>{}</td>", words(r));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table></section>\n");
}

fn agreement(h: &mut String, s: &Series, a: &AgreementSeries) {
    let region = a
        .region
        .as_ref()
        .map_or(String::new(), |r| format!(", region {}", esc(r)));
    let _ = writeln!(
        h,
        "<section class=\"agreement\"><h2>{} <small>({} {}{region})</small></h2>",
        esc(&a.title),
        a.kind.to_uppercase(),
        esc(&a.agreement)
    );
    if !a.watermelons.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"watermelon\">Availability met while an outcome or support target was missed in {}: green outside, red inside.</p>",
            esc(&a.watermelons.join(", "))
        );
    }
    // The table: one row per objective and support target, one column per period.
    h.push_str("<table><tr><th>objective</th><th>target</th>");
    for p in &s.periods {
        let _ = write!(h, "<th>{}</th>", esc(p));
    }
    h.push_str("</tr>\n");
    for o in &a.objectives {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td>",
            esc(&label(o)),
            o.target.map_or("-".into(), |t| format!("{t}%"))
        );
        for p in &o.points {
            match p.as_ref().and_then(|p| p.attainment.zip(p.met)) {
                Some((x, met)) => {
                    let _ = write!(
                        h,
                        "<td class=\"{}\">{x:.3}%</td>",
                        if met { "met" } else { "miss" }
                    );
                }
                None => h.push_str("<td>–</td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    for t in &a.support {
        let _ = write!(
            h,
            "<tr><td>{} {} {}</td><td>{}%</td>",
            t.kind,
            esc(&t.class),
            t.target,
            t.required_share
        );
        for p in &t.points {
            match p {
                Some(p) => {
                    let _ = write!(
                        h,
                        "<td class=\"{}\">{} of {}</td>",
                        if p.ok { "met" } else { "miss" },
                        p.met,
                        p.tickets
                    );
                }
                None => h.push_str("<td>–</td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("<tr><td>credit</td><td></td>");
    for c in &a.credits {
        let text = match c {
            None => "–".to_string(),
            Some(c) => match (c.amount, c.percent, &c.currency) {
                (Some(x), _, Some(cur)) => format!("{x:.2} {}", esc(cur)),
                (_, Some(p), _) => format!("{p}%"),
                _ => "0".into(),
            },
        };
        let _ = write!(h, "<td>{text}</td>");
    }
    h.push_str("</tr>\n</table>\n");
    let _ = writeln!(
        h,
        "<p class=\"note\">{} breaches in these periods.</p>",
        a.breaches
    );
    for o in &a.objectives {
        if o.points.iter().flatten().any(|p| p.attainment.is_some()) {
            let _ = writeln!(h, "<h3>{}</h3>", esc(&label(o)));
            attainment_chart(h, s, o);
            budget_chart(h, s, o);
        }
    }
    h.push_str("</section>\n");
}

fn label(o: &ObjectiveSeries) -> String {
    if o.kind == "outcome" {
        format!("outcome {}", o.name)
    } else {
        o.name.clone()
    }
}

const W: f64 = 640.0;
const H: f64 = 150.0;
/// Room for the axis labels: left, bottom.
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 18.0;

fn slot(s: &Series) -> f64 {
    (W - LEFT) / s.periods.len().max(1) as f64
}

/// Bars of attainment per period on a scale from just below the lowest of the target and
/// the attainments to 100%, a dashed line at the target.
fn attainment_chart(h: &mut String, s: &Series, o: &ObjectiveSeries) {
    let target = o.target.unwrap_or(100.0);
    let lowest = o
        .points
        .iter()
        .flatten()
        .filter_map(|p| p.attainment)
        .fold(target, f64::min);
    let lo = (100.0 - 2.0 * (100.0 - lowest)).clamp(0.0, 99.0);
    let y = |v: f64| (H - BOTTOM) * (1.0 - ((v - lo) / (100.0 - lo)).clamp(0.0, 1.0));
    let _ = write!(
        h,
        "<svg class=\"attainment\" role=\"img\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">\
         <title>{} attainment per period against the target {target}%</title>",
        esc(&label(o))
    );
    axis(h, &format!("{lo:.2}%"), "100%");
    let w = slot(s);
    for (k, p) in o.points.iter().enumerate() {
        let x = LEFT + w * k as f64;
        if let Some((v, met)) = p.as_ref().and_then(|p| p.attainment.zip(p.met)) {
            let top = y(v);
            let _ = write!(
                h,
                "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {v:.3}%</title></rect>",
                x + w * 0.15,
                w * 0.7,
                (H - BOTTOM - top).max(0.0),
                if met { "#2e7d32" } else { "#c62828" },
                esc(&s.periods[k])
            );
        }
        period_label(h, s, k, x, w);
    }
    let ty = y(target);
    let _ = write!(
        h,
        "<line class=\"target\" x1=\"{LEFT}\" x2=\"{W}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\" stroke=\"#1565c0\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">target {target}%</text></svg>",
        W - 2.0,
        (ty - 3.0).max(10.0)
    );
    h.push('\n');
}

/// Bars of the budget used per period (up to twice the budget), a line at the whole
/// budget.
fn budget_chart(h: &mut String, s: &Series, o: &ObjectiveSeries) {
    const TOP: f64 = 2.0;
    let y = |v: f64| (H - BOTTOM) * (1.0 - (v / TOP).clamp(0.0, 1.0));
    let _ = write!(
        h,
        "<svg class=\"budget\" role=\"img\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">\
         <title>{} error budget used per period</title>",
        esc(&label(o))
    );
    axis(h, "0%", "200%");
    let w = slot(s);
    for (k, p) in o.points.iter().enumerate() {
        let x = LEFT + w * k as f64;
        if let Some(b) = p.as_ref().and_then(|p| p.budget_used) {
            let top = y(b);
            let _ = write!(
                h,
                "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {:.1}% of the budget</title></rect>",
                x + w * 0.15,
                w * 0.7,
                (H - BOTTOM - top).max(0.0),
                if b > 1.0 { "#c62828" } else { "#ef6c00" },
                esc(&s.periods[k]),
                b * 100.0
            );
        }
        period_label(h, s, k, x, w);
    }
    let by = y(1.0);
    let _ = write!(
        h,
        "<line class=\"budget-line\" x1=\"{LEFT}\" x2=\"{W}\" y1=\"{by:.1}\" y2=\"{by:.1}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">budget</text></svg>",
        W - 2.0,
        by - 3.0
    );
    h.push('\n');
}

fn axis(h: &mut String, low: &str, high: &str) {
    let base = H - BOTTOM;
    let _ = write!(
        h,
        "<line x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"0\" y2=\"{base}\" stroke=\"#999\"/>\
         <line x1=\"{LEFT}\" x2=\"{W}\" y1=\"{base}\" y2=\"{base}\" stroke=\"#999\"/>\
         <text x=\"{:.1}\" y=\"10\" text-anchor=\"end\">{high}</text>\
         <text x=\"{:.1}\" y=\"{base}\" text-anchor=\"end\">{low}</text>",
        LEFT - 3.0,
        LEFT - 3.0
    );
}

fn period_label(h: &mut String, s: &Series, k: usize, x: f64, w: f64) {
    let _ = write!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        x + w / 2.0,
        H - 4.0,
        esc(&s.periods[k])
    );
}

fn forecast(h: &mut String, list: &[super::forecast::Forecast]) {
    h.push_str("<section><h2>Early warning</h2>");
    if list.is_empty() {
        h.push_str("<p>No availability objective is in a running period.</p></section>\n");
        return;
    }
    h.push_str(
        "<table><tr><th>agreement</th><th>objective</th><th>budget used</th>\
         <th>period elapsed</th><th>burn rate</th><th>budget runs out</th></tr>\n",
    );
    for f in list {
        let region = f
            .region
            .as_ref()
            .map_or(String::new(), |r| format!(" ({})", esc(r)));
        let when = if f.exhausted {
            "exhausted".to_string()
        } else {
            f.runs_out
                .as_ref()
                .map_or_else(|| "not this period".to_string(), |t| esc(t))
        };
        let _ = writeln!(
            h,
            "<tr><td>{}{region}</td><td>{} {}%</td><td>{}</td><td>{:.1}%</td><td>{}</td><td class=\"{}\">{when}</td></tr>",
            esc(&f.agreement),
            esc(&f.objective),
            f.target,
            f.budget_used.map_or("-".into(), |u| format!("{:.1}%", u * 100.0)),
            f.elapsed * 100.0,
            f.burn_rate.map_or("-".into(), |b| format!("{b:.2}")),
            if f.before_end { "miss" } else { "met" }
        );
    }
    h.push_str("</table></section>\n");
}
