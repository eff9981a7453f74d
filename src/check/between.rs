//! Between agreements (phase E04): every service-level SLA and OLA, and each regional
//! variant, against its supporters (supporters.rs).

use super::availability::{self, Plain};
use super::coverage::{
    maintenance, subscriptions, uncovered_dependencies, validity_cover, windows,
};
use super::deadlines::{support, Memo};
use super::subject::Subject;
use crate::diag::Diagnostic;
use crate::model::supporters::{coverage_index, is_checked, own_window, supporters, unagreed};
use crate::model::Portfolio;
use chrono::NaiveDate;

pub(crate) fn check(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let index = coverage_index(p);
    let plain = Plain::new(p);
    let mut memo = Memo::default();
    for (x, a) in p.agreements.iter().enumerate() {
        if !is_checked(a) {
            continue;
        }
        // E0402/E0403/E0405 of every variant, folded before they are reported.
        let mut deadlines: Vec<(Option<&str>, Diagnostic)> = Vec::new();
        for (region, terms) in a.variants() {
            let name = region.map(|v| v.name.as_str());
            let subject = Subject {
                portfolio: p,
                covered_by: &index,
                agreement: a,
                region,
                terms,
                supporters: supporters(p, &index, x, terms, name, today),
                unagreed: unagreed(p, &index, x, terms, name, today),
                window: own_window(terms, today),
                today,
            };
            availability::check(&subject, &plain, diags);
            let mut found = Vec::new();
            support(&subject, &mut memo, &mut found);
            deadlines.extend(found.into_iter().map(|d| (name, d)));
            super::escalation::check(&subject, diags);
            windows(&subject, diags);
            maintenance(&subject, diags);
            validity_cover(&subject, diags);
            uncovered_dependencies(&subject, diags);
        }
        diags.extend(fold_regions(deadlines));
    }
    subscriptions(p, diags);
}

/// A region inherits its agreement's targets, and often its supporter's: the same weak
/// statements then fail again in every region. A region's report whose every label is a
/// place an earlier report of the same code already points at is the same cause: it is
/// folded into that report, which names the region, instead of said again.
fn fold_regions(found: Vec<(Option<&str>, Diagnostic)>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
    for (region, d) in found {
        let same = region.and_then(|r| {
            out.iter_mut()
                .find(|(e, _)| {
                    e.code == d.code
                        && d.labels
                            .iter()
                            .all(|l| e.labels.iter().any(|m| m.span == l.span))
                })
                .map(|(_, regions)| (r, regions))
        });
        match same {
            Some((r, regions)) => {
                if !regions.contains(&r) {
                    regions.push(r);
                }
            }
            None => out.push((d, Vec::new())),
        }
    }
    out.into_iter()
        .map(|(mut d, regions)| {
            if !regions.is_empty() {
                let names: Vec<String> = regions.iter().map(|r| format!("`{r}`")).collect();
                let (noun, inherit, fail) = if names.len() == 1 {
                    ("region", "inherits", "fails")
                } else {
                    ("regions", "inherit", "fail")
                };
                d.message = format!(
                    "{}; {noun} {} {inherit} the same terms and {fail} the same way",
                    d.message,
                    names.join(", ")
                );
            }
            d
        })
        .collect()
}
