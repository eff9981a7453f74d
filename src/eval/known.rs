//! Every id in an input row must name something the portfolio defines: a row that names
//! `Printing` when the service is `printing` would otherwise be judged by nothing and
//! vanish from the bill. Such a row is an error with its file, line and column and a
//! did-you-mean that also catches case.

use super::input::{Charge, InputError, Measurement, Outage, Ticket};
use crate::model::{Portfolio, TargetKind};
use crate::suggest;
use std::collections::BTreeSet;

/// The ids the portfolio defines, by what a row can name.
pub(crate) struct Known<'p> {
    services: BTreeSet<&'p str>,
    parties: BTreeSet<&'p str>,
    regions: BTreeSet<&'p str>,
    incidents: BTreeSet<&'p str>,
    requests: BTreeSet<&'p str>,
    /// `latency` and every outcome id.
    measured: BTreeSet<&'p str>,
    /// The services an agreement credits `per region`: their outages may name any region,
    /// since the regions are the items the charges and outages name (AWS: each region).
    per_region: BTreeSet<&'p str>,
}

impl<'p> Known<'p> {
    pub(crate) fn new(p: &'p Portfolio) -> Known<'p> {
        let mut k = Known {
            services: p.services.iter().map(|s| s.name.as_str()).collect(),
            parties: p.parties.iter().map(|s| s.name.as_str()).collect(),
            regions: BTreeSet::new(),
            incidents: BTreeSet::new(),
            requests: BTreeSet::new(),
            measured: BTreeSet::from(["latency"]),
            per_region: BTreeSet::new(),
        };
        for a in &p.agreements {
            for (variant, terms) in a.variants() {
                k.regions.extend(variant.map(|v| v.name.as_str()));
                let by_region = terms.penalties.iter().any(|pen| {
                    pen.per_item
                        .as_ref()
                        .is_some_and(|i| i.value == crate::model::ItemKind::Region)
                });
                if by_region {
                    k.per_region
                        .extend(terms.service_refs().into_iter().map(|r| r.name.as_str()));
                }
                for t in terms.support.iter().flat_map(|s| &s.targets) {
                    match t.kind {
                        TargetKind::Incident => k.incidents.insert(t.id.as_str()),
                        TargetKind::Request => k.requests.insert(t.id.as_str()),
                    };
                }
                k.measured.extend(
                    terms
                        .objectives
                        .iter()
                        .filter(|o| {
                            o.kind == crate::model::ObjectiveKind::Outcome
                                || o.measured_by() == crate::model::MeasuredBy::Indicator
                        })
                        .map(|o| o.id.as_str()),
                );
            }
        }
        k
    }

    /// The unknown ids of an outage row.
    pub(crate) fn outage(&self, file: &str, o: &Outage, errors: &mut Vec<InputError>) {
        check(
            errors,
            file,
            (o.line, 1),
            "service",
            &o.service,
            &self.services,
        );
        if let Some(r) = o
            .region
            .as_ref()
            .filter(|_| !self.per_region.contains(o.service.as_str()))
        {
            check(errors, file, (o.line, 6), "region", r, &self.regions);
        }
    }

    /// The unknown ids of a charge row (its region is billing's and may be any).
    pub(crate) fn charge(&self, file: &str, c: &Charge, errors: &mut Vec<InputError>) {
        check(
            errors,
            file,
            (c.line, 1),
            "customer",
            &c.customer,
            &self.parties,
        );
        check(
            errors,
            file,
            (c.line, 2),
            "service",
            &c.service,
            &self.services,
        );
    }

    /// The unknown ids of a ticket row.
    pub(crate) fn ticket(&self, file: &str, t: &Ticket, errors: &mut Vec<InputError>) {
        let at = |c| (t.line, c);
        check(errors, file, at(2), "customer", &t.customer, &self.parties);
        check(errors, file, at(3), "service", &t.service, &self.services);
        let (what, set) = match t.kind {
            TargetKind::Incident => ("incident priority", &self.incidents),
            TargetKind::Request => ("request", &self.requests),
        };
        check(errors, file, at(5), what, &t.class, set);
        if let Some(r) = &t.region {
            check(
                errors,
                file,
                at(t.region_column),
                "region",
                r,
                &self.regions,
            );
        }
    }

    /// The unknown ids of a measurement row.
    pub(crate) fn measurement(&self, file: &str, m: &Measurement, errors: &mut Vec<InputError>) {
        check(
            errors,
            file,
            (m.line, 1),
            "service",
            &m.service,
            &self.services,
        );
        if m.objective == "availability" && !self.measured.contains("availability") {
            errors.push(InputError {
                file: file.to_string(),
                line: m.line,
                column: 2,
                message: "`availability` is measured from --outages, not from measurements, unless an objective says `measured by indicator`; measurements are for `latency` and outcomes".into(),
            });
        } else {
            check(
                errors,
                file,
                (m.line, 2),
                "objective (`latency` or an outcome)",
                &m.objective,
                &self.measured,
            );
        }
    }
}

/// An error for `value` in column `column` unless `set` holds it.
fn check(
    errors: &mut Vec<InputError>,
    file: &str,
    (line, column): (u64, u64),
    what: &str,
    value: &str,
    set: &BTreeSet<&str>,
) {
    if set.contains(value) {
        return;
    }
    let hint = match suggest::closest(value, set.iter().copied()) {
        Some(c) => format!("; did you mean `{c}`?"),
        None if set.is_empty() => format!("; the portfolio defines no {what}"),
        None => {
            let some: Vec<String> = set.iter().take(5).map(|s| format!("`{s}`")).collect();
            let more = if set.len() > 5 { ", …" } else { "" };
            format!("; known: {}{more}", some.join(", "))
        }
    };
    errors.push(InputError {
        file: file.to_string(),
        line,
        column,
        message: format!("unknown {what} `{value}`{hint}"),
    });
}

impl Known<'_> {
    /// The unknown ids of a requests row.
    pub(crate) fn request(
        &self,
        file: &str,
        r: &super::input::Request,
        errors: &mut Vec<InputError>,
    ) {
        check(
            errors,
            file,
            (r.line, 1),
            "service",
            &r.service,
            &self.services,
        );
        if let Some(g) = r
            .region
            .as_ref()
            .filter(|_| !self.per_region.contains(r.service.as_str()))
        {
            check(errors, file, (r.line, 5), "region", g, &self.regions);
        }
    }
}
