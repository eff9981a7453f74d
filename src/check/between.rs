//! Between agreements (phase E04): every service-level SLA and OLA, and each regional
//! variant, against its supporters (supporters.rs).

use super::availability::{self, Plain};
use super::coverage::{
    maintenance, subscriptions, uncovered_dependencies, validity_cover, windows,
};
use super::deadlines::{support, Memo};
use crate::diag::Diagnostic;
use crate::model::supporters::{coverage_index, is_checked, own_window, supporters};
use crate::model::Portfolio;
use chrono::NaiveDate;

pub fn check(p: &Portfolio, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    let index = coverage_index(p);
    let plain = Plain::new(p);
    let mut memo = Memo::default();
    for (x, a) in p.agreements.iter().enumerate() {
        if !is_checked(a) {
            continue;
        }
        for (variant, terms) in a.variants() {
            let region = variant.map(|v| v.name.as_str());
            let sups = supporters(p, &index, x, terms, region, today);
            let window = own_window(terms, today);
            availability::check(p, &plain, a, region, terms, window, &sups, diags);
            support(p, a, region, terms, &sups, &mut memo, diags);
            windows(a, region, terms, &sups, diags);
            maintenance(p, a, region, terms, &sups, diags);
            validity_cover(p, &index, a, region, terms, today, diags);
            uncovered_dependencies(p, &index, a, region, terms, diags);
        }
    }
    subscriptions(p, diags);
}
