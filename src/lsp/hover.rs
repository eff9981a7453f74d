//! What hovering over a name shows: the item's kind and title, and for an agreement (or a
//! package) its resolved terms: each value with the agreement it is inherited from, the
//! downtime allowed in the current period of each availability objective
//! (`model::periods`, as the contract prints it) and when a ticket opened now is due
//! under each support target (`model::support::target_due`, as `slac due` prints it).

use super::index::Def;
use super::workspace::Analysis;
use crate::model::{periods, support, Portfolio, Ref, Support, Target, Terms, ALWAYS};
use crate::source::{Sp, Span};
use crate::time::Instant;
use crate::written;
use chrono::{DateTime, SecondsFormat, Timelike as _, Utc};
use std::fmt::Write as _;

/// Markdown for a definition.
pub(crate) fn hover(a: &Analysis, def: &Def, now: DateTime<Utc>) -> String {
    let mut out = format!("**{} `{}`**", def.kind, def.name);
    if let Some(t) = &def.title {
        let _ = write!(out, " — {t}");
    }
    out.push('\n');
    let Some((p, stale)) = &a.portfolio else {
        out.push_str("\n*The portfolio has errors: resolved terms are shown once it checks.*\n");
        return out;
    };
    let terms = match def.kind {
        "sla" | "ola" | "uc" => p
            .agreement(&def.name)
            .map(|ag| (&*ag.terms, ag.span, describe_agreement(ag))),
        "region" => p.agreements.iter().find_map(|ag| {
            let v = ag.regions.iter().find(|v| {
                v.name == def.name
                    && v.span.file == def.name_span.file
                    && v.span.start <= def.name_span.start
                    && def.name_span.end <= v.span.end
            })?;
            Some((&*v.terms, v.span, format!("\nregion of `{}`\n", ag.name)))
        }),
        "package" => p
            .packages
            .iter()
            .find(|k| k.name == def.name)
            .map(|k| (&*k.terms, k.span, String::new())),
        "calendar" => {
            if let Some(c) = p.calendars.iter().find(|c| c.name == def.name) {
                let _ = writeln!(out, "\ntimezone {}", c.timezone);
                for h in &c.hours {
                    let _ = writeln!(out, "* {} {}-{}", h.day, h.start, h.end);
                }
                let closures = c.closures.len() + c.recurring.len();
                if closures > 0 {
                    let _ = writeln!(
                        out,
                        "\n{}",
                        written::plural(closures, "closure", "closures")
                    );
                }
            }
            None
        }
        "incident" | "request" => {
            if let Some(text) = target_hover(p, def, now) {
                out.push_str(&text);
            }
            None
        }
        _ => None,
    };
    if let Some((terms, own, head)) = terms {
        out.push_str(&head);
        resolved(&mut out, p, terms, own, now);
        if *stale {
            out.push_str("\n*As of the last version without errors.*\n");
        }
    }
    out
}

fn describe_agreement(ag: &crate::model::Agreement) -> String {
    let mut out = format!("\n{} level", ag.level.keyword());
    if let Some(e) = &ag.extends {
        let _ = write!(out, ", extends `{}`", e.value.name.as_str());
    }
    if let Some(k) = &ag.package {
        let _ = write!(out, ", package `{}`", k.value.name.as_str());
    }
    if !ag.regions.is_empty() {
        let names: Vec<String> = ag.regions.iter().map(|r| format!("`{}`", r.name)).collect();
        let _ = write!(out, ", regions {}", names.join(", "));
    }
    out.push('\n');
    out
}

/// Where a value is written, when not in the agreement itself: the agreement or package
/// whose text holds it.
fn origin(p: &Portfolio, own: Span, at: Span) -> String {
    if own.file == at.file && own.start <= at.start && at.end <= own.end {
        return String::new();
    }
    let inside = |s: Span| s.file == at.file && s.start <= at.start && at.end <= s.end;
    let from = p
        .agreements
        .iter()
        .find(|x| inside(x.span))
        .map(|x| x.name.as_str())
        .or_else(|| {
            p.packages
                .iter()
                .find(|x| inside(x.span))
                .map(|x| x.name.as_str())
        });
    from.map_or(String::new(), |n| format!(" *(from `{n}`)*"))
}

fn name(r: &Sp<Ref>) -> String {
    format!("`{}`", r.value.name.as_str())
}

fn resolved(out: &mut String, p: &Portfolio, terms: &Terms, own: Span, now: DateTime<Utc>) {
    out.push('\n');
    let mut line = |label: &str, value: String, at: Span| {
        let _ = writeln!(out, "* {label} {value}{}", origin(p, own, at));
    };
    if let Some(r) = &terms.provider {
        line("provider", name(r), r.span);
    }
    if let Some(r) = &terms.customer {
        line("customer", name(r), r.span);
    }
    if let Some(s) = &terms.services {
        let list: Vec<String> = s.value.iter().map(name).collect();
        line("services", list.join(", "), s.span);
    }
    if let Some(v) = &terms.valid {
        let to = v.value.to.map_or(String::new(), |t| format!(" to {t}"));
        line("valid", format!("{}{to}", v.value.from), v.span);
    }
    if let Some(z) = &terms.timezone {
        line("timezone", z.value.name.clone(), z.span);
    }
    let today = now.with_timezone(&terms.tz()).date_naive();
    let mut objectives = String::new();
    for o in &terms.objectives {
        let mut text = format!("* {}", o.kind.keyword());
        if o.kind == crate::syntax::ast::ObjectiveKind::Outcome {
            let _ = write!(text, " `{}`", o.id);
        }
        if let Some(t) = &o.target {
            let _ = write!(text, " {}", written::percent(t.value));
        }
        if let Some(w) = o.within_ms {
            let _ = write!(text, " within {}", written::duration(w.value));
        }
        let _ = write!(text, " per {}", o.window());
        if let Some(d) = &o.during {
            let _ = write!(text, " during {}", name(d));
        }
        text.push_str(&origin(p, own, o.span));
        if let Some(kind) = periods::PeriodKind::of(o.window()) {
            let period = periods::agreement_period(terms, kind, today);
            if let Some(a) = periods::allowance_in(p, terms, o, period) {
                let _ = write!(
                    text,
                    "; allowed downtime in {}: {}",
                    a.label(),
                    written::duration(a.printed_ms())
                );
            }
        }
        objectives.push_str(&text);
        objectives.push('\n');
    }
    if !objectives.is_empty() {
        let _ = write!(out, "\nObjectives:\n\n{objectives}");
    }
    let Some(s) = &terms.support else {
        return;
    };
    // Whole seconds: the answer `slac due --opened <now>` gives.
    let now = now.with_nanosecond(0).unwrap_or(now);
    let _ = writeln!(
        out,
        "\nSupport, for a ticket opened now ({}):\n",
        now.to_rfc3339_opts(SecondsFormat::Secs, true)
    );
    for t in &s.targets {
        if let Some(line) = target_line(p, s, t, now) {
            let _ = writeln!(out, "* {line}{}", origin(p, own, t.span));
        }
    }
}

/// A support target's deadlines for a ticket opened `now`, on its clock.
fn target_line(p: &Portfolio, s: &Support, t: &Target, now: DateTime<Utc>) -> Option<String> {
    let clock = t
        .during
        .as_ref()
        .or(s.during.as_ref())
        .map_or(ALWAYS, |c| c.value.index);
    let cal = p.calendars.get(clock)?;
    let mut parts = Vec::new();
    for (which, term) in t.deadlines() {
        let due = support::target_due(&cal.clock, term.length(), Instant::from(now), 0)
            .and_then(|(at, _)| at.to_utc())
            .map_or_else(
                || "never due".to_string(),
                |at| {
                    at.with_timezone(&cal.clock.tz())
                        .to_rfc3339_opts(SecondsFormat::Secs, false)
                },
            );
        parts.push(format!(
            "{} {} → due {due}",
            which.keyword(),
            support::length_written(term.length())
        ));
    }
    Some(format!(
        "{} `{}` on `{}`: {}",
        t.kind.keyword(),
        t.id,
        cal.name,
        parts.join(", ")
    ))
}

/// Hovering a support target's id: its deadlines for a ticket opened now, in the
/// agreement (or region) it is written in.
fn target_hover(p: &Portfolio, def: &Def, now: DateTime<Utc>) -> Option<String> {
    let at = def.name_span;
    let inside = |span: Span| span.file == at.file && span.start <= at.start && at.end <= span.end;
    let ag = p.agreements.iter().find(|a| inside(a.span))?;
    let terms = ag
        .regions
        .iter()
        .find(|v| inside(v.span))
        .map_or(&*ag.terms, |v| &*v.terms);
    let s = terms.support.as_ref()?;
    let t = s
        .targets
        .iter()
        .find(|t| t.kind.keyword() == def.kind && t.id == def.name)?;
    let now = now.with_nanosecond(0).unwrap_or(now);
    Some(format!(
        "\nof `{}`, for a ticket opened now ({}):\n\n* {}\n",
        ag.name,
        now.to_rfc3339_opts(SecondsFormat::Secs, true),
        target_line(p, s, t, now)?
    ))
}
