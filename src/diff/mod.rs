//! `slac diff`: what a change does to each commitment.
//!
//! Both sides are resolved portfolios (inheritance applied, regions expanded), so a change
//! to a corporate SLA shows up in every agreement that inherits it. Every difference is
//! one [`Entry`], marked tightened (the provider promises more), loosened (less) or
//! changed (neither, or not comparable), by the model's strictness table
//! (`model::strictness`), the one E0303 reads. An entry of an agreement that is looser in
//! any respect (loosened, or changed with one side looser) is a weakening: of an SLA,
//! whoever its customer is, or of an OLA or UC. The lifecycle's changes are entries too
//! (`changed`); a signed agreement whose commitments changed while its version did not
//! is an error, E0608 (lifecycle.rs).

mod calendar;
mod compare;
pub(crate) mod git;
mod lifecycle;
mod render;
mod report;
pub(crate) mod value;

use crate::model::strictness::{Term, Verdict};
use crate::model::{Agreement, AgreementKind, PartyKind, Portfolio};

pub(crate) use render::{human, json, markdown};
use report::Fact;
pub(crate) use report::{Change, Deny, Effect, Entry, Report, Summary};

/// Each agreement by its name (unique: E0201).
fn by_name(p: &Portfolio) -> std::collections::HashMap<&str, &Agreement> {
    p.agreements.iter().map(|a| (a.name.as_str(), a)).collect()
}

fn customer_facing(p: &Portfolio, a: &Agreement) -> bool {
    a.kind == AgreementKind::Sla
        && a.terms.customer.as_ref().is_some_and(|c| {
            p.parties
                .iter()
                .any(|x| x.name == c.value.name && x.kind == PartyKind::Customer)
        })
}

/// Compares two resolved portfolios.
pub(crate) fn diff(old: &Portfolio, new: &Portfolio) -> Report {
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    let mut push =
        |subject: &str, name: &str, region: Option<&str>, facing: bool, facts: Vec<Fact>| {
            let agreement = ["sla", "ola", "uc"].contains(&subject);
            for f in facts {
                let weakening = agreement && f.verdict.loosens();
                changes.push(Entry {
                    subject: subject.to_string(),
                    name: name.to_string(),
                    region: region.map(str::to_string),
                    customer_facing: facing,
                    what: f.what,
                    change: f.change,
                    effect: Effect::of(f.verdict),
                    old: f.old,
                    new: f.new,
                    weakening,
                });
            }
        };
    let cmp = compare::Ctx { old, new };
    // Agreements: those of the new side in order, then the removed ones. Found by name
    // through an index: a search of every agreement for each one is quadratic.
    let (old_names, new_names) = (by_name(old), by_name(new));
    for a in &new.agreements {
        let subject = a.kind.keyword();
        match old_names.get(a.name.as_str()).copied() {
            None => {
                let facing = customer_facing(new, a);
                push(
                    subject,
                    &a.name,
                    None,
                    facing,
                    vec![compare::whole(
                        Change::Added,
                        "agreement",
                        Term::Agreement.compare(None, Some(&())),
                        a.kind.keyword(),
                    )],
                );
            }
            Some(o) => {
                let facing = customer_facing(old, o) || customer_facing(new, a);
                let mut facts = compare::Ctx::header(o, a);
                facts.extend(cmp.terms(&o.terms, &a.terms));
                // What the parties agreed to, as opposed to where it stands (E0608).
                let mut commitments = facts.len();
                facts.extend(lifecycle::facts(&o.lifecycle, &a.lifecycle));
                push(subject, &a.name, None, facing, facts);
                for v in &a.regions {
                    let (facts, label) = match o.regions.iter().find(|r| r.name == v.name) {
                        Some(ov) => (cmp.terms(&ov.terms, &v.terms), None),
                        // A new region: its sites were under the base terms before.
                        None => (cmp.terms(&o.terms, &v.terms), Some(Change::Added)),
                    };
                    let mut all = Vec::new();
                    if let Some(c) = label {
                        all.push(compare::whole(c, "region", Verdict::Unordered, &v.name));
                    }
                    all.extend(facts);
                    commitments += all.len();
                    push(subject, &a.name, Some(&v.name), facing, all);
                }
                for ov in &o.regions {
                    if a.regions.iter().all(|r| r.name != ov.name) {
                        // A removed region: its sites fall back to the base terms.
                        let mut all = vec![compare::whole(
                            Change::Removed,
                            "region",
                            Verdict::Unordered,
                            &ov.name,
                        )];
                        all.extend(cmp.terms(&ov.terms, &a.terms));
                        commitments += all.len();
                        push(subject, &a.name, Some(&ov.name), facing, all);
                    }
                }
                errors.extend(lifecycle::unversioned(o, a, commitments));
            }
        }
    }
    for o in &old.agreements {
        if !new_names.contains_key(o.name.as_str()) {
            let facing = customer_facing(old, o);
            push(
                o.kind.keyword(),
                &o.name,
                None,
                facing,
                vec![compare::whole(
                    Change::Removed,
                    "agreement",
                    Term::Agreement.compare(Some(&()), None),
                    o.kind.keyword(),
                )],
            );
        }
    }
    for (name, facts) in cmp.parties() {
        push("party", &name, None, false, facts);
    }
    for (name, facts) in cmp.services() {
        push("service", &name, None, false, facts);
    }
    for (name, facts) in calendar::calendars(old, new) {
        push("calendar", &name, None, false, facts);
    }
    let mut summary = Summary::default();
    for e in &changes {
        match e.effect {
            Effect::Tightened => summary.tightened += 1,
            Effect::Loosened => summary.loosened += 1,
            Effect::Changed => summary.changed += 1,
        }
        summary.weakenings += usize::from(e.weakening);
        summary.sla_weakenings += usize::from(e.weakening && e.subject == "sla");
    }
    summary.errors = errors.len();
    Report {
        changes,
        errors,
        summary,
    }
}
