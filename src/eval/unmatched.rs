//! The rows no SLA in force judged, each with the reason a user can act on: the ids are
//! known (unknown ones were errors, see [`super::known`]), but no agreement in force
//! covers the pair, none has a target for it, or it lies outside the period.

use super::attainment::region_sees;
use super::report::{Unmatched, UnmatchedRow};
use super::scope::Judge;
use super::{clock, Context, Used};
use crate::model::{ObjectiveKind, TargetKind};
use std::collections::BTreeSet;

pub(super) fn explain(ctx: &Context<'_>, judges: &[Judge<'_>], used: &Used) -> Unmatched {
    let p = ctx.portfolio;
    let period = ctx.options.period;
    let service_index = |name: &str| p.services.iter().position(|s| s.name == name);
    let names = |js: &[&Judge<'_>]| {
        let set: BTreeSet<&str> = js.iter().map(|j| j.agreement.name.as_str()).collect();
        set.into_iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut u = Unmatched::default();

    if let Some(input) = &ctx.inputs.outages {
        // With --propagate an outage reaches every service that depends on its own.
        let dependents = |s: usize| -> Vec<usize> {
            let mut out = vec![s];
            let mut k = 0;
            while k < out.len() && ctx.options.propagate {
                let t = out[k];
                for (i, svc) in p.services.iter().enumerate() {
                    let needs = svc
                        .depends_on
                        .iter()
                        .any(|d| d.members().iter().any(|r| r.value.index == t));
                    if needs && !out.contains(&i) {
                        out.push(i);
                    }
                }
                k += 1;
            }
            out
        };
        for o in input
            .rows
            .iter()
            .filter(|o| !used.outages.contains(&o.line))
        {
            let reach = service_index(&o.service)
                .map(dependents)
                .unwrap_or_default();
            let covering: Vec<&Judge<'_>> = judges
                .iter()
                .filter(|j| {
                    let services = j.services();
                    reach.iter().any(|s| services.contains_key(s))
                })
                .collect();
            let seeing: Vec<&Judge<'_>> = covering
                .iter()
                .copied()
                .filter(|j| {
                    let regions: Vec<&str> = j
                        .agreement
                        .regions
                        .iter()
                        .map(|v| v.name.as_str())
                        .collect();
                    region_sees(o.region.as_deref(), j.region(), &regions)
                })
                .collect();
            let measuring: Vec<&Judge<'_>> = seeing
                .iter()
                .copied()
                .filter(|j| {
                    j.terms
                        .objective(ObjectiveKind::Availability)
                        .any(|obj| obj.target.is_some() && period.matches(obj.window()))
                })
                .collect();
            let reason = if covering.is_empty() {
                format!("no SLA in force in {period} covers service `{}`", o.service)
            } else if seeing.is_empty() {
                format!(
                    "no SLA in force covers service `{}` in region `{}`",
                    o.service,
                    o.region.as_deref().unwrap_or_default()
                )
            } else if measuring.is_empty() {
                format!(
                    "the SLAs that cover `{}` ({}) have no availability objective per {}",
                    o.service,
                    names(&seeing),
                    period.kind_word()
                )
            } else {
                format!(
                    "outside the period and the time the SLAs that cover `{}` judge it ({})",
                    o.service,
                    names(&measuring)
                )
            };
            u.outages += 1;
            u.rows.push(UnmatchedRow {
                input: "outages",
                file: input.file.clone(),
                line: o.line,
                reason,
            });
        }
    }

    if let Some(input) = &ctx.inputs.tickets {
        for t in input
            .rows
            .iter()
            .filter(|t| !used.tickets.contains(&t.line))
        {
            let c = p.parties.iter().position(|x| x.name == t.customer);
            let s = service_index(&t.service);
            let at = (t.opened, t.opened);
            let judging: Vec<&Judge<'_>> = judges
                .iter()
                .filter(|j| j.region() == t.region.as_deref())
                .filter(|j| match (c, s) {
                    (Some(c), Some(s)) => j.window(c, s).is_some_and(|w| clock::overlaps(w, at)),
                    _ => false,
                })
                .collect();
            let kind = match t.kind {
                TargetKind::Incident => "incident",
                TargetKind::Request => "request",
            };
            let in_period = judges.iter().any(|j| clock::overlaps(&[j.period], at));
            let region = t
                .region
                .as_ref()
                .map_or(String::new(), |r| format!(" in region `{r}`"));
            let reason = if !judging.is_empty() {
                format!(
                    "the SLA that judges it ({}) has no {kind} target `{}`",
                    names(&judging),
                    t.class
                )
            } else if !in_period {
                format!("opened outside {period}")
            } else {
                format!(
                    "no SLA in force judges customer `{}` on service `{}`{region} when it was opened",
                    t.customer, t.service
                )
            };
            u.tickets += 1;
            u.rows.push(UnmatchedRow {
                input: "tickets",
                file: input.file.clone(),
                line: t.line,
                reason,
            });
        }
    }

    if let Some(input) = &ctx.inputs.measurements {
        for m in input
            .rows
            .iter()
            .filter(|m| !used.measurements.contains(&m.line))
        {
            let s = service_index(&m.service);
            let covering: Vec<&Judge<'_>> = judges
                .iter()
                .filter(|j| s.is_some_and(|s| j.services().contains_key(&s)))
                .collect();
            let reason = if covering.is_empty() {
                format!("no SLA in force in {period} covers service `{}`", m.service)
            } else {
                format!(
                    "the SLAs that cover `{}` ({}) have no `{}` objective per {}",
                    m.service,
                    names(&covering),
                    m.objective,
                    period.kind_word()
                )
            };
            u.measurements += 1;
            u.rows.push(UnmatchedRow {
                input: "measurements",
                file: input.file.clone(),
                line: m.line,
                reason,
            });
        }
    }
    u
}
