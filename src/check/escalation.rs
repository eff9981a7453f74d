//! E0420–E0422: an escalation chain against the agreements that carry its stages
//! (language.md §5.1). A stage `by` an OLA or UC takes as long as that agreement lets it
//! take (its own resolve, or fulfil, of the same priority or request); the chain's stages
//! together must fit in the deadline of the agreement that escalates.

use super::subject::{who, Subject};
use super::support_terms::{closing, sum_words};
use crate::diag::{Code, Diagnostic};
use crate::model::support::length_written;
use crate::time::Length;
use crate::written::duration;

pub(super) fn check(subject: &Subject<'_>, diags: &mut Vec<Diagnostic>) {
    let (p, a, region, terms) = (
        subject.portfolio,
        subject.agreement,
        subject.region,
        subject.terms,
    );
    let Some(support) = &terms.support else {
        return;
    };
    for t in &support.targets {
        let (Some(e), Some((which, end))) = (support.escalation_of(t), closing(t)) else {
            continue;
        };
        let Length::Open(close) = end.length() else {
            continue; // E0333
        };
        // Each stage's time: the carrying agreement's deadline, else the stage's own.
        let mut terms_ms: Vec<i64> = Vec::new();
        let mut carried: Vec<String> = Vec::new();
        for s in &e.stages {
            let mut ms = s.duration_ms.value;
            if let Some(by) = &s.by {
                let carrier = &p.agreements[by.value.index];
                let Some(sup) = subject
                    .supporters
                    .iter()
                    .find(|x| x.index == by.value.index)
                else {
                    diags.push(
                        Diagnostic::new(
                            Code::E0421,
                            by.span,
                            format!(
                                "stage \"{}\" of {} {} in {} is carried by `{}`, which does not support it",
                                s.title,
                                t.kind.keyword(),
                                t.id,
                                who(a, region),
                                carrier.name
                            ),
                        )
                        .primary("not an OLA or UC of this agreement's services")
                        .label(carrier.name_span, "covers none of its services, or not while it is in force")
                        .help(format!(
                            "name an OLA or UC that covers a service of `{}` (or one it depends on), or leave out `by`",
                            a.name
                        )),
                    );
                    continue;
                };
                let theirs = sup
                    .terms
                    .support
                    .as_ref()
                    .and_then(|su| su.targets.iter().find(|x| x.kind == t.kind && x.id == t.id))
                    .and_then(|x| x.deadline(which));
                match theirs.map(crate::model::DeadlineTerm::length) {
                    Some(Length::Open(d)) => {
                        ms = d;
                        carried.push(format!(
                            "{} is the {} of {} {} in `{}`",
                            duration(d),
                            which.keyword(),
                            t.kind.keyword(),
                            t.id,
                            carrier.name
                        ));
                    }
                    Some(len @ Length::BusinessDays(_)) => {
                        diags.push(
                            Diagnostic::new(
                                Code::E0422,
                                by.span,
                                format!(
                                    "stage \"{}\" of {} {} in {} is carried by `{}`, whose {} counts business days ({}), which open time cannot be added up to",
                                    s.title,
                                    t.kind.keyword(),
                                    t.id,
                                    who(a, region),
                                    carrier.name,
                                    which.keyword(),
                                    length_written(len)
                                ),
                            )
                            .primary("carried here")
                            .label(carrier.name_span, format!("{} {}", which.keyword(), length_written(len)))
                            .help(format!(
                                "state the {} of {} {} in `{}` in open hours, so that the chain can be added up",
                                which.keyword(),
                                t.kind.keyword(),
                                t.id,
                                carrier.name
                            )),
                        );
                    }
                    // No such deadline: E0405 says so; the stage's own time stands.
                    None => {}
                }
            }
            terms_ms.push(ms);
        }
        let total = terms_ms.iter().fold(0i64, |x, &y| x.saturating_add(y));
        if total <= close || terms_ms.len() != e.stages.len() {
            continue;
        }
        let kind = match a.kind {
            crate::model::AgreementKind::Sla => "SLA",
            crate::model::AgreementKind::Ola => "OLA",
            crate::model::AgreementKind::Uc => "UC",
        };
        diags.push(
            Diagnostic::new(
                Code::E0420,
                e.span,
                format!(
                    "the escalation of {} {} is not backed within its {}: {} = {} > {} {} of {} {} in {kind} {}",
                    t.kind.keyword(),
                    t.id,
                    which.keyword(),
                    sum_words(terms_ms.iter().copied()),
                    duration(total),
                    duration(close),
                    which.keyword(),
                    t.kind.keyword(),
                    t.id,
                    who(a, region)
                ),
            )
            .primary(format!("{} through the chain", duration(total)))
            .label(end.duration_ms.span, format!("{} {}", which.keyword(), duration(close)))
            .help(format!(
                "{}; tighten the carrying agreements' targets or lengthen this {}",
                carried.join("; "),
                which.keyword()
            )),
        );
    }
}
