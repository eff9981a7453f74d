//! The rows no SLA in force judged, each with the reason a user can act on: the ids are
//! known (unknown ones were errors, see [`super::known`]), but no agreement in force
//! covers the pair, none has a target for it, or it lies outside the period.

use super::attainment::region_sees;
use super::report::{Unmatched, UnmatchedRow};
use super::scope::Judge;
use super::{clock, Context, Used};
use crate::model::{ObjectiveKind, TargetKind};
use std::collections::{BTreeSet, HashMap};

pub(super) fn explain(ctx: &Context<'_>, judges: &[Judge<'_>], used: &Used) -> Unmatched {
    let p = ctx.portfolio;
    let period = ctx.options.period;
    let by_name: HashMap<&str, usize> = p
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let service_index = |name: &str| by_name.get(name).copied();
    // The judges of each service, so a row looks only at its own.
    let mut judging: HashMap<usize, Vec<&Judge<'_>>> = HashMap::new();
    for j in judges {
        for s in j.services().keys() {
            judging.entry(*s).or_default().push(j);
        }
    }
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
        let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); p.services.len()];
        for (i, svc) in p.services.iter().enumerate() {
            for d in &svc.depends_on {
                for r in d.members() {
                    needed_by[r.value.index].push(i);
                }
            }
        }
        let dependents = |s: usize| -> Vec<usize> {
            let mut seen = BTreeSet::from([s]);
            let mut stack = vec![s];
            while let Some(t) = stack.pop() {
                if !ctx.options.propagate {
                    break;
                }
                for &i in &needed_by[t] {
                    if seen.insert(i) {
                        stack.push(i);
                    }
                }
            }
            seen.into_iter().collect()
        };
        for o in input
            .rows
            .iter()
            .filter(|o| !used.outages.contains(&o.line))
        {
            let reach = service_index(&o.service)
                .map(dependents)
                .unwrap_or_default();
            let mut covering: Vec<&Judge<'_>> = reach
                .iter()
                .flat_map(|s| judging.get(s).into_iter().flatten().copied())
                .collect();
            covering.sort_by_key(|j| std::ptr::from_ref(*j));
            covering.dedup_by_key(|j| std::ptr::from_ref(*j));
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
        let periods = clock::merge(judges.iter().map(|j| j.period).collect());
        for t in input
            .rows
            .iter()
            .filter(|t| !used.tickets.contains(&t.line))
        {
            let c = p.parties.iter().position(|x| x.name == t.customer);
            let s = service_index(&t.service);
            let at = (t.opened, t.opened);
            let here: Vec<&Judge<'_>> = s
                .and_then(|s| judging.get(&s))
                .into_iter()
                .flatten()
                .copied()
                .filter(|j| j.takes_region(t.region.as_deref()))
                .filter(|j| match (c, s) {
                    (Some(c), Some(s)) => j.window(c, s).is_some_and(|w| clock::overlaps(w, at)),
                    _ => false,
                })
                .collect();
            let kind = match t.kind {
                TargetKind::Incident => "incident",
                TargetKind::Request => "request",
            };
            let in_period = clock::overlaps(&periods, at);
            let region = t
                .region
                .as_ref()
                .map_or(String::new(), |r| format!(" in region `{r}`"));
            let reason = if !here.is_empty() {
                format!(
                    "the SLA that judges it ({}) has no {kind} target `{}`",
                    names(&here),
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
            let covering: Vec<&Judge<'_>> = s
                .and_then(|s| judging.get(&s))
                .map_or_else(Vec::new, Clone::clone);
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
