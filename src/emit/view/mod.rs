//! The view model of the documents: plain serialisable structs whose strings are already
//! formatted, so that templates only place text and never compute. Both the HTML and the
//! Markdown backend render these same values.

pub mod audience;
mod calendar;
pub mod catalogue;
pub mod content;
mod definitions;
mod document;
mod downtime;
pub mod format;
pub mod index;
mod lifecycle;
mod objectives;
pub mod register;
mod sections;

use crate::model::periods;
use crate::model::supporters::{is_checked, supporters};
use crate::model::{
    Agreement, AgreementKind, Level, ObjectiveKind, Party, PenaltyOn, Portfolio, Ref, Terms,
    TierOp, Variant,
};
pub use audience::{folders, Audience, Folder};
use chrono::NaiveDate;
pub use content::PartyView;
pub use definitions::Definition;
pub use document::{
    Document, MaintenanceView, Named, ObjectiveView, PenaltyView, ServiceView, SupporterView,
    TargetRow,
};
use format::{credit, date, duration, money, percent, period};
use std::fmt::Write as _;

pub fn kind_short(k: AgreementKind) -> &'static str {
    match k {
        AgreementKind::Sla => "SLA",
        AgreementKind::Ola => "OLA",
        AgreementKind::Uc => "UC",
    }
}

fn kind_long(k: AgreementKind) -> &'static str {
    match k {
        AgreementKind::Sla => "Service level agreement",
        AgreementKind::Ola => "Operational level agreement",
        AgreementKind::Uc => "Underpinning contract",
    }
}

pub fn stem(a: &Agreement, region: Option<&str>) -> String {
    match region {
        Some(r) => format!("{}.{r}", a.name),
        None => a.name.clone(),
    }
}

/// The validity as written; a terminated agreement adds its last day in force
/// (`model::lifecycle::last_day`, the day eval and the checks stop at).
pub fn validity(terms: &Terms) -> String {
    let mut out = match terms.valid.as_ref().map(|v| v.value) {
        Some(v) => match v.to {
            Some(to) => format!("{} to {} inclusive", date(v.from), date(to)),
            None => format!("from {}, open-ended", date(v.from)),
        },
        None => "not stated".into(),
    };
    if let (Some(_), Some(last)) = (
        terms.more.terminated,
        crate::model::lifecycle::last_day(terms),
    ) {
        let _ = write!(out, "; terminated: in force until {} only", date(last));
    }
    out
}

fn party(p: &Portfolio, r: &Ref, role: &'static str) -> PartyView {
    let x: &Party = &p.parties[r.index];
    PartyView {
        name: x.name.clone(),
        title: x.title.clone(),
        role,
        contact: x.contact.clone(),
        address: x.address.clone(),
        description: x.description.clone(),
        signed: None,
    }
}

fn named_cal(p: &Portfolio, r: &Ref) -> Named {
    let c = p.calendar(r);
    Named {
        name: c.name.clone(),
        title: c.title.clone(),
    }
}

/// One contract document: agreement `x` in its base terms or one regional variant.
/// `covered_by` is the portfolio's [`coverage_index`](crate::model::supporters::coverage_index), built once by the caller.
pub fn document(
    p: &Portfolio,
    covered_by: &[Vec<usize>],
    x: usize,
    variant: Option<&Variant>,
    today: NaiveDate,
    audience: Audience,
) -> Document {
    let customer_copy = audience == Audience::Customer;
    let a = &p.agreements[x];
    let terms = variant.map_or(&a.terms, |v| &v.terms);
    let region = variant.map(|v| v.name.as_str());
    let always = p.always();
    let mut used: Vec<usize> = Vec::new();
    let mut use_cal = |r: &Ref| {
        if !used.contains(&r.index) {
            used.push(r.index);
        }
    };
    let objectives = terms
        .objectives
        .iter()
        .map(|o| {
            let during = o.during.as_ref().map_or(&always, |d| &d.value);
            let cal = p.calendar(during);
            // Downtime that counts at any hour needs no table of hours.
            if !cal.clock.is_always() {
                use_cal(during);
            }
            let (allows, table) = objectives::allows(p, terms, o, today);
            ObjectiveView {
                kind: o.kind.keyword(),
                title: o.title.as_deref().map_or_else(
                    || match o.kind {
                        ObjectiveKind::Availability => "Availability".into(),
                        ObjectiveKind::Latency => "Latency".into(),
                        ObjectiveKind::Outcome => format!("Outcome {}", o.id),
                    },
                    str::to_string,
                ),
                service: o
                    .service
                    .as_ref()
                    .map(|s| p.services[s.value.index].title.clone()),
                target: o
                    .target
                    .as_ref()
                    .map_or_else(String::new, |t| percent(t.value)),
                window: objectives::window_words(o.window()),
                during: cal.title.clone(),
                in_hours: !cal.clock.is_always(),
                allows,
                table,
                measured: match (o.kind, o.measured_by()) {
                    (ObjectiveKind::Availability, crate::model::MeasuredBy::Outages) => {
                        "Measured by the outages recorded.".into()
                    }
                    (ObjectiveKind::Availability, _) => "Measured by its indicator.".into(),
                    _ => "Measured by the events counted.".into(),
                },
            }
        })
        .collect();
    let support_during = terms
        .support
        .as_ref()
        .and_then(|s| s.during.as_ref())
        .map(|d| &d.value);
    let targets = terms
        .support
        .iter()
        .flat_map(|s| &s.targets)
        .map(|t| {
            let clock = t
                .during
                .as_ref()
                .map(|d| &d.value)
                .or(support_during)
                .unwrap_or(&always);
            use_cal(clock);
            let shares: Vec<String> = t
                .deadlines()
                .filter_map(|(w, d)| {
                    d.at.as_ref()
                        .map(|at| format!("{} {}", w.keyword(), percent(at.value)))
                })
                .collect();
            TargetRow {
                kind: t.kind.keyword(),
                id: t.id.to_string(),
                title: t.title.as_deref().unwrap_or_default().to_string(),
                response: t
                    .response
                    .as_ref()
                    .map_or_else(|| "–".into(), |d| format::length(d.length())),
                resolve: t
                    .resolve
                    .as_ref()
                    .or(t.fulfil.as_ref())
                    .map_or_else(|| "–".into(), |d| format::length(d.length())),
                clock: p.calendar(clock).name.clone(),
                clock_title: p.calendar(clock).title.clone(),
                share: if shares.is_empty() {
                    "100% of tickets".into()
                } else {
                    shares.join(", ")
                },
                update: t.update_every_ms.as_ref().map(|u| duration(u.value)),
                escalation: terms
                    .support
                    .as_ref()
                    .and_then(|s| s.escalation_of(t))
                    .map(|e| {
                        e.stages
                            .iter()
                            .map(|st| document::StageRow {
                                title: st.title.clone(),
                                time: duration(st.duration_ms.value),
                                by: st.by.as_ref().map(|b| b.value.name.to_string()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                business_days: t.deadlines().any(|(_, d)| d.business_days.is_some()),
            }
        })
        .collect();
    let maintenance = terms.maintenance.as_ref().map(|m| {
        if let Some(d) = &m.value.during {
            use_cal(&d.value);
        }
        MaintenanceView {
            during: m.value.during.as_ref().map(|d| named_cal(p, &d.value)),
            notice: m.value.notice_ms.as_ref().map(|n| duration(n.value)),
            max: m.value.max_per_month_ms.as_ref().map(|n| duration(n.value)),
            max_per_year: m.value.max_per_year_ms.as_ref().map(|n| duration(n.value)),
        }
    });
    let fee = terms.fee.as_ref().map(|f| &f.value);
    let penalties = terms
        .penalties
        .iter()
        .map(|pen| (pen, periods::penalty_period(terms, &pen.on)))
        .map(|(pen, kind)| PenaltyView {
            on: match pen.per_item {
                // Per item (language.md §7.1): said where the penalty is named.
                Some(i) => format!(
                    "{}, for each {} separately, on its own charges",
                    penalty_on(terms, &pen.on),
                    i.value.keyword()
                ),
                None => penalty_on(terms, &pen.on),
            },
            tiers: pen
                .tiers
                .iter()
                .map(|t| {
                    let op = match t.op {
                        TierOp::Below => "below",
                        TierOp::AtOrBelow => "at or below",
                    };
                    format!(
                        "{op} {} → {}",
                        percent(t.threshold.value),
                        credit(&t.credit.value, fee, kind, pen.basis.map(|b| b.value))
                    )
                })
                .chain(pen.each_breach.iter().map(|c| {
                    let c = credit(&c.value, fee, kind, pen.basis.map(|b| b.value));
                    format!("each breach → {c}")
                }))
                .collect(),
        })
        .collect();
    let services = terms
        .service_refs()
        .into_iter()
        .map(|r| service(p, r.index, audience))
        .collect();
    let supporters = if is_checked(a) && !customer_copy {
        supporters(p, covered_by, x, terms, region, today)
            .into_iter()
            .map(|s| SupporterView {
                name: s.agreement.name.clone(),
                title: s.agreement.title.clone(),
                kind: kind_short(s.agreement.kind),
                provider: s
                    .terms
                    .provider
                    .as_ref()
                    .map_or_else(String::new, |r| p.parties[r.value.index].title.clone()),
                covers: s
                    .covers
                    .iter()
                    .map(|&c| p.services[c].title.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                stem: stem(s.agreement, s.region_name()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let review = review(terms);
    let claims_text = claims_text(p, a, terms);
    let credit_rules = credit_rules(terms);
    let mut doc = Document {
        page_header: format::css_string(&format!("{} · {}", stem(a, region), date(today))),
        stem: stem(a, region),
        name: a.name.clone(),
        title: variant.map_or_else(|| a.title.clone(), |v| format!("{} — {}", a.title, v.title)),
        kind: kind_short(a.kind),
        kind_long: kind_long(a.kind),
        level: (a.kind == AgreementKind::Sla).then_some(match a.level {
            Level::Corporate => "corporate",
            Level::Customer => "customer",
            Level::Service => "service",
        }),
        region: variant.map(|v| Named {
            name: v.name.clone(),
            title: v.title.clone(),
        }),
        extends: a.extends.as_ref().map(|e| {
            let pa = &p.agreements[e.value.index];
            Named {
                name: pa.name.clone(),
                title: pa.title.clone(),
            }
        }),
        today: date(today),
        provider: terms.provider.as_ref().map(|r| PartyView {
            signed: lifecycle::signed(a, &r.value.name),
            ..party(p, &r.value, "Provider")
        }),
        customer: terms.customer.as_ref().map(|r| PartyView {
            signed: lifecycle::signed(a, &r.value.name),
            ..party(p, &r.value, "Customer")
        }),
        validity: validity(terms),
        timezone: terms
            .timezone
            .as_ref()
            .map_or_else(|| "UTC".into(), |t| t.value.name.clone()),
        fee: fee.map(format::fee_words),
        review,
        notes: terms.more.notes.iter().map(|n| n.value.clone()).collect(),
        services,
        calendars: used
            .iter()
            .map(|&i| calendar::view(&p.calendars[i], crate::model::years_in_force(terms, today)))
            .collect(),
        objectives,
        targets,
        support_clock: support_during.map(|d| named_cal(p, d)),
        maintenance,
        exclusions: terms
            .exclusions
            .iter()
            .map(|e| Named {
                name: e.id.clone(),
                title: e.text.clone(),
            })
            .collect(),
        penalties,
        cap: terms.cap.as_ref().map(|c| {
            let kind = periods::reporting_period(terms);
            format!(
                "{} for all credits of one {} together",
                format::share_of_fee(c.value, fee, kind),
                kind.word()
            )
        }),
        claim: terms.claim_within_ms.as_ref().map(|c| period(c.value)),
        period: periods::reporting_period(terms).word(),
        shows_supporters: a.kind != AgreementKind::Uc && !customer_copy,
        customer_copy,
        supporters,
        variants: a
            .variants()
            .map(|(v, _)| {
                let r = v.map(|v| v.name.as_str());
                Named {
                    name: stem(a, r),
                    title: v.map_or_else(|| "Base terms".into(), |v| v.title.clone()),
                }
            })
            .filter(|n| !a.regions.is_empty() && n.name != stem(a, region))
            .collect(),
        precedence: a.extends.as_ref().map(|e| {
            let pa = &p.agreements[e.value.index];
            format!(
                "This agreement builds on “{}” ({}); where they differ, this agreement prevails.",
                pa.title, pa.name
            )
        }),
        definitions: definitions::definitions(p, terms, today),
        claims_text,
        credit_rules,
        draft: crate::model::lifecycle::draft_text(a),
        notice: lifecycle::notice(a, terms),
        lifecycle: lifecycle::view(p, a, terms, customer_copy),
        cover: Vec::new(),
        sections: Vec::new(),
    };
    doc.cover = sections::cover(&doc);
    doc.sections = sections::sections(&doc);
    doc
}

/// "within 30 days of the end of the month concerned (as set in “General terms”,
/// `acme_standard`)".
fn claims_text(p: &Portfolio, a: &Agreement, terms: &Terms) -> String {
    if let Some(c) = &terms.more.claim_after_cycle {
        return after_cycle(terms, c.value);
    }
    let Some(c) = &terms.claim_within_ms else {
        return "no claim window stated".into();
    };
    let kind = periods::reporting_period(terms);
    let mut text = format!(
        "within {} of the end of the {} concerned",
        period(c.value),
        kind.word()
    );
    // Where an inherited window comes from: the nearest ancestor that states it.
    if a.own.claim_within_ms.is_none() {
        let mut at = a.extends.as_ref().map(|e| e.value.index);
        while let Some(i) = at {
            let up = &p.agreements[i];
            if up.own.claim_within_ms.is_some() {
                let _ = write!(
                    text,
                    ", as set in “{}” ({}), which this agreement builds on",
                    up.title, up.name
                );
                break;
            }
            at = up.extends.as_ref().map(|e| e.value.index);
        }
    }
    text
}

/// "within 2 months after the end of the billing cycle (the month) concerned", "within
/// 30 days after …": the billing cycle is the fee's period (`periods::billing_cycle`).
fn after_cycle(terms: &Terms, length: crate::model::ClaimLength) -> String {
    let cycle = periods::billing_cycle(terms).word();
    let how_long = match length {
        crate::model::ClaimLength::Months(1) => "1 month".to_string(),
        crate::model::ClaimLength::Months(n) => format!("{n} months"),
        crate::model::ClaimLength::Millis(ms) => period(ms),
    };
    format!("within {how_long} after the end of the billing cycle (the {cycle}) concerned")
}

/// The rules every credits section states: one tier per penalty, how to claim, how
/// credits are paid, the minimum.
fn credit_rules(terms: &Terms) -> Vec<String> {
    let claims_stated = terms.claim_within_ms.is_some()
        || terms.more.claim_after_cycle.is_some()
        || terms.more.claim_to.is_some()
        || terms.more.claim_with.is_some()
        || terms.more.credited_as.is_some()
        || terms.more.credit_minimum.is_some();
    if terms.penalties.is_empty() && !claims_stated {
        return Vec::new();
    }
    let kind = periods::reporting_period(terms).word();
    let mut out = Vec::new();
    if terms.penalties.iter().any(|p| p.tiers.len() > 1) {
        out.push(
            "For each penalty only the highest applicable tier applies: the tiers do not add up."
                .to_string(),
        );
    }
    let to = terms
        .more
        .claim_to
        .as_ref()
        .map_or_else(|| "the Provider".to_string(), |t| t.value.clone());
    let when = if let Some(c) = &terms.more.claim_after_cycle {
        after_cycle(terms, c.value)
    } else {
        terms.claim_within_ms.as_ref().map_or_else(
            || format!("after the end of the {kind} concerned"),
            |w| {
                format!(
                    "within {} of the end of the {kind} concerned",
                    period(w.value)
                )
            },
        )
    };
    let with = terms.more.claim_with.as_ref().map_or_else(
        || "naming the objective missed and the period".to_string(),
        |w| format!("with {}", w.value),
    );
    let mut how = format!("To claim a credit, the Customer writes to {to} {when}, {with}");
    how.push('.');
    if terms.claim_within_ms.is_some() || terms.more.claim_after_cycle.is_some() {
        how.push_str(" A claim made later is not owed.");
    }
    out.push(how);
    out.push(
        match terms.more.credited_as.as_ref().map(|c| c.value) {
            Some(crate::model::CreditedAs::Refund) => {
                "Credits are paid to the Customer as a refund."
            }
            Some(crate::model::CreditedAs::InvoiceCredit) => {
                "Credits are applied against future invoices."
            }
            None => "Credits are applied against future invoices unless stated otherwise.",
        }
        .to_string(),
    );
    if let Some(m) = &terms.more.credit_minimum {
        let (less, amount) = (
            if m.value.above { "" } else { "less than " },
            money(&m.value.money()),
        );
        let or_less = if m.value.above { " or less" } else { "" };
        out.push(format!(
            "A credit of {less}{amount}{or_less} for a {kind} is not paid."
        ));
    }
    out
}

fn review(terms: &Terms) -> Option<String> {
    let every = terms.review_every_months.as_ref().map(|m| m.value);
    let last = terms.reviewed.as_ref().map(|d| d.value);
    let ends = terms.valid.as_ref().and_then(|v| v.value.to);
    match (every, last) {
        (None, None) => None,
        (Some(m), None) => Some(format!("every {m} months")),
        (None, Some(d)) => Some(format!("last reviewed {}", date(d))),
        (Some(m), Some(d)) => {
            // A review due after the last day in force would never happen: say so.
            let next = d
                .checked_add_months(chrono::Months::new(m))
                .map_or_else(String::new, |n| match ends {
                    Some(end) if n > end => {
                        "; no further review falls before the agreement expires".into()
                    }
                    _ => format!("; next review due by {}", date(n)),
                });
            Some(format!("every {m} months; last reviewed {}{next}", date(d)))
        }
    }
}

/// A covered service; for a customer, without what it depends on (the provider's
/// internals) and without an owner that is an internal team or a supplier.
fn service(p: &Portfolio, i: usize, audience: Audience) -> ServiceView {
    let s = &p.services[i];
    if audience == Audience::Customer {
        return ServiceView {
            name: s.name.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            owner: s
                .owner
                .as_ref()
                .map(|o| &p.parties[o.value.index])
                .filter(|o| !audience::is_internal(o.kind))
                .map(|o| o.title.clone()),
            depends_on: Vec::new(),
        };
    }
    ServiceView {
        name: s.name.clone(),
        title: s.title.clone(),
        description: s.description.clone(),
        owner: s
            .owner
            .as_ref()
            .map(|o| p.parties[o.value.index].title.clone()),
        depends_on: s
            .depends_on
            .iter()
            .map(|d| dependency_words(p, d))
            .collect(),
    }
}

/// One dependency in words, by the services' titles: `Payments database`, `at least 2 of
/// A, B, C`, `any one of A, B`; the contract's service list and the index's text both say
/// it this way.
pub fn dependency_words(p: &Portfolio, d: &crate::model::Dependency) -> String {
    let title = |r: &Ref| p.services[r.index].title.clone();
    let titles = |rs: &[crate::source::Sp<Ref>]| {
        rs.iter()
            .map(|r| title(&r.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match d {
        crate::model::Dependency::Service(r) => title(&r.value),
        crate::model::Dependency::KOfN { k, members } => {
            format!("at least {k} of {}", titles(members))
        }
        crate::model::Dependency::AnyOf(rs) => format!("any one of {}", titles(rs)),
    }
}

/// "availability (Monthly uptime)": the objective's title helps a reader find it.
fn penalty_on(terms: &Terms, on: &PenaltyOn) -> String {
    let key = match on {
        PenaltyOn::Availability => Some((ObjectiveKind::Availability, "availability")),
        PenaltyOn::Latency => Some((ObjectiveKind::Latency, "latency")),
        PenaltyOn::Outcome { id } => Some((ObjectiveKind::Outcome, id.as_str())),
        _ => None,
    };
    let objective = key.and_then(|(kind, id)| {
        terms
            .objectives
            .iter()
            .find(|o| o.kind == kind && o.id == id)
            .and_then(|o| o.title.as_deref().map(str::to_string))
    });
    // A support target by its title too: "incident p1 resolve (Critical incident)".
    let target = match on {
        PenaltyOn::Incident { id, .. } => Some((crate::syntax::ast::TargetKind::Incident, id)),
        PenaltyOn::Request { id, .. } => Some((crate::syntax::ast::TargetKind::Request, id)),
        PenaltyOn::Update { target, id } => Some((*target, id)),
        _ => None,
    }
    .and_then(|(kind, id)| {
        terms
            .support
            .iter()
            .flat_map(|s| &s.targets)
            .find(|t| t.kind == kind && t.id == *id)
            .and_then(|t| t.title.as_deref().map(str::to_string))
    });
    let named = match objective.or(target) {
        Some(t) => format!("{on} ({t})"),
        None => on.to_string(),
    };
    // The update frequency (language.md §5.1): what a breach of it is, in words.
    match on {
        PenaltyOn::Update { target, id } => match terms
            .support
            .iter()
            .flat_map(|s| &s.targets)
            .find(|t| t.kind == *target && t.id == *id)
            .and_then(|t| t.update_every_ms.as_ref())
        {
            Some(every) => format!(
                "{named}, a breach being a ticket left more than {} of support time without an update between the response and the resolution",
                duration(every.value)
            ),
            None => named,
        },
        _ => named,
    }
}

/// How many documents each thread renders before they are handed over and dropped.
const BATCH: usize = 4;

/// Renders every document of every folder ([`folders`]: `internal`, then each customer's)
/// with `render`, which receives the folder's directory, and hands each to `put`, in
/// folder then portfolio order. The documents are independent, so they are built and
/// rendered on every core, a batch at a time: memory holds one batch of documents, never
/// all of them, and the result is the same bytes in the same order whatever the number of
/// threads.
pub fn each_document<F>(
    p: &Portfolio,
    today: NaiveDate,
    render: F,
    put: crate::emit::backend::Put<'_>,
) -> Result<(), crate::emit::backend::EmitError>
where
    F: Fn(&str, &Document) -> Result<crate::output::Artifact, crate::emit::backend::EmitError>
        + Sync,
{
    // Built once: looking up who covers a service is per portfolio, not per document.
    let covered_by = crate::model::supporters::coverage_index(p);
    let folders = folders(p);
    let jobs: Vec<(&Folder, usize, Option<&Variant>)> = folders
        .iter()
        .flat_map(|f| {
            f.agreements
                .iter()
                .flat_map(move |&x| p.agreements[x].variants().map(move |(v, _)| (f, x, v)))
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    for batch in jobs.chunks(threads * BATCH) {
        let chunk = batch.len().div_ceil(threads).max(1);
        let parts: Vec<Result<Vec<_>, _>> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .map(|part| {
                    let (render, covered_by) = (&render, &covered_by);
                    s.spawn(move || {
                        part.iter()
                            .map(|&(f, x, v)| {
                                render(&f.dir, &document(p, covered_by, x, v, today, f.audience))
                            })
                            .collect::<Result<Vec<_>, _>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                // A panic in a worker is a bug: let it surface as one.
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for part in parts {
            for artifact in part? {
                put.put(artifact)?;
            }
        }
    }
    Ok(())
}
