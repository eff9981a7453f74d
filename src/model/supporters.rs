//! Who backs an agreement (checks.md, "Supporters"): the one relation the E04 checks and
//! the documents share.

use super::portfolio::{Agreement, AgreementKind, Level, Portfolio, Terms, Variant};
use chrono::{Days, NaiveDate};

/// An inclusive range of whole days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days2 {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The days an agreement is in force: no `valid from` starts at `today`; its last day is
/// `lifecycle::last_day` (`valid … to` cut at a termination), an open end `None`.
pub fn validity(terms: &Terms, today: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
    let from = terms.valid.as_ref().map_or(today, |v| v.value.from);
    (from, super::lifecycle::last_day(terms))
}

/// An open end counts as 366 days after `start` (checks.md, "Time").
pub fn close(start: NaiveDate, end: Option<NaiveDate>) -> NaiveDate {
    end.unwrap_or_else(|| {
        start
            .checked_add_days(Days::new(366))
            .unwrap_or(NaiveDate::MAX)
    })
}

/// The days both validities cover, if any.
pub fn overlap(
    x: (NaiveDate, Option<NaiveDate>),
    s: (NaiveDate, Option<NaiveDate>),
) -> Option<Days2> {
    let from = x.0.max(s.0);
    let open_end = close(from, None);
    let to = x.1.unwrap_or(open_end).min(s.1.unwrap_or(open_end));
    (from <= to).then_some(Days2 { from, to })
}

/// X's own checking window: its validity with an open end closed at 366 days.
pub fn own_window(terms: &Terms, today: NaiveDate) -> Days2 {
    let (from, to) = validity(terms, today);
    Days2 {
        from,
        to: close(from, to),
    }
}

/// One supporter of X: an OLA or UC in its variant of X's region (else its base).
pub struct Supporter<'p> {
    pub index: usize,
    pub agreement: &'p Agreement,
    pub terms: &'p Terms,
    /// The supporter's variant for X's region, `None` for its base terms.
    pub region: Option<&'p Variant>,
    /// The services of X's graph it covers.
    pub covers: Vec<usize>,
    /// Whether it covers one of X's own services (for requests, E0405).
    pub covers_own: bool,
    pub overlap: Days2,
}

/// Services reachable from `start` through at least one `depends_on` edge, in order.
pub fn reached(p: &Portfolio, start: &[usize]) -> Vec<usize> {
    let mut seen = vec![false; p.services.len()];
    let mut out = Vec::new();
    let mut stack: Vec<usize> = start.to_vec();
    while let Some(s) = stack.pop() {
        for d in p.services[s]
            .depends_on
            .iter()
            .flat_map(crate::model::Dependency::members)
        {
            let i = d.value.index;
            if !seen[i] {
                seen[i] = true;
                out.push(i);
                stack.push(i);
            }
        }
    }
    out.sort_unstable();
    out
}

/// Every agreement that covers a service: OLAs and UCs only, by their base `services`.
pub fn coverage_index(p: &Portfolio) -> Vec<Vec<usize>> {
    let mut idx = vec![Vec::new(); p.services.len()];
    for (i, a) in p.agreements.iter().enumerate() {
        if a.kind == AgreementKind::Sla {
            continue;
        }
        for s in a.terms.service_refs() {
            if !idx[s.index].contains(&i) {
                idx[s.index].push(i);
            }
        }
    }
    idx
}

/// The agreements checked against their supporters: service-level SLAs and OLAs.
pub fn is_checked(a: &Agreement) -> bool {
    match a.kind {
        AgreementKind::Sla => a.level == Level::Service,
        AgreementKind::Ola => true,
        AgreementKind::Uc => false,
    }
}

/// The supporters of agreement `x` in the variant with `terms` (region `region`). A
/// draft or proposed OLA or UC does not back a binding agreement
/// (`Lifecycle::can_back`): it is left out here and listed by [`unagreed`].
pub fn supporters<'p>(
    p: &'p Portfolio,
    index: &[Vec<usize>],
    x: usize,
    terms: &Terms,
    region: Option<&str>,
    today: NaiveDate,
) -> Vec<Supporter<'p>> {
    candidates(p, index, x, terms, region, today, false)
}

/// The OLAs and UCs that would back `x` but do not because nobody has agreed to them yet
/// (a draft or a proposal backing a binding agreement): what E04 names as the reason an
/// agreement is not backed, and what `slac status` lists.
pub fn unagreed<'p>(
    p: &'p Portfolio,
    index: &[Vec<usize>],
    x: usize,
    terms: &Terms,
    region: Option<&str>,
    today: NaiveDate,
) -> Vec<Supporter<'p>> {
    candidates(p, index, x, terms, region, today, true)
}

fn candidates<'p>(
    p: &'p Portfolio,
    index: &[Vec<usize>],
    x: usize,
    terms: &Terms,
    region: Option<&str>,
    today: NaiveDate,
    unagreed: bool,
) -> Vec<Supporter<'p>> {
    let a = &p.agreements[x];
    let binding = a.lifecycle.binding();
    let own: Vec<usize> = terms.service_refs().iter().map(|r| r.index).collect();
    let deps = reached(p, &own);
    let mut relevant: Vec<(usize, bool)> = deps.iter().map(|&d| (d, own.contains(&d))).collect();
    if a.kind == AgreementKind::Sla {
        for &s in &own {
            if !deps.contains(&s) {
                relevant.push((s, true));
            }
        }
    }
    let xv = validity(terms, today);
    let mut out: Vec<Supporter<'p>> = Vec::new();
    for (service, is_own) in relevant {
        for &si in &index[service] {
            if si == x {
                continue;
            }
            let sa = &p.agreements[si];
            if unagreed != (binding && !sa.lifecycle.can_back()) {
                continue;
            }
            let (sterms, sregion) =
                match region.and_then(|r| sa.regions.iter().find(|v| v.name == r)) {
                    Some(v) => (&v.terms, Some(v)),
                    None => (&sa.terms, None),
                };
            if !sterms.service_refs().iter().any(|r| r.index == service) {
                continue;
            }
            let Some(ov) = overlap(xv, validity(sterms, today)) else {
                continue;
            };
            if let Some(existing) = out.iter_mut().find(|s| s.index == si) {
                if !existing.covers.contains(&service) {
                    existing.covers.push(service);
                }
                existing.covers_own |= is_own && a.kind == AgreementKind::Sla;
            } else {
                out.push(Supporter {
                    index: si,
                    agreement: sa,
                    terms: sterms,
                    region: sregion,
                    covers: vec![service],
                    covers_own: is_own && a.kind == AgreementKind::Sla,
                    overlap: ov,
                });
            }
        }
    }
    out.sort_by_key(|s| s.index);
    out
}

impl Supporter<'_> {
    /// The name of the supporter's region, if it is a regional variant.
    pub fn region_name(&self) -> Option<&str> {
        self.region.map(|v| v.name.as_str())
    }
}
