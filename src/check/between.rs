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
            support(&subject, &mut memo, diags);
            super::escalation::check(&subject, diags);
            windows(&subject, diags);
            maintenance(&subject, diags);
            validity_cover(&subject, diags);
            uncovered_dependencies(&subject, diags);
        }
    }
    subscriptions(p, diags);
}
