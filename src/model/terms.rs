//! An agreement's (or region's) own statements as [`Terms`], every reference bound with
//! the kind rules of language.md §3.4. Inheritance merges these (inherit.rs).

use super::portfolio::{Approval, Earlier, Lifecycle, Signature, Termination};
use super::portfolio::{
    Credit, CreditedAs, DeadlineTerm, Escalation, Exclusion, Fee, Indicator, Maintenance, Money,
    Objective, Penalty, PenaltyOn, Stage, Support, Target, Terms, Tier, Validity, Zone,
};
use super::portfolio::{CreditMinimum, DowntimeDef, ErrorThreshold};
use super::resolver::{Kind, Resolver, CUSTOMER, PROVIDER, SUPPLIER, TEAM};
use crate::source::{Sp, Span};
use crate::syntax::ast::{self, AgreementKind, AgreementStmt};
use std::sync::Arc;

/// The parties an agreement's `provider` and `customer` must be (language.md §3.4).
fn party_roles(kind: AgreementKind) -> (&'static [Kind], &'static [Kind]) {
    match kind {
        AgreementKind::Sla => (&[PROVIDER], &[CUSTOMER, TEAM]),
        AgreementKind::Ola => (&[TEAM], &[TEAM]),
        AgreementKind::Uc => (&[SUPPLIER], &[PROVIDER]),
    }
}

pub(super) fn terms(
    r: &mut Resolver,
    kind: AgreementKind,
    stmts: &[ast::Stmt<AgreementStmt>],
) -> Terms {
    let (providers, customers) = party_roles(kind);
    let kw = match kind {
        AgreementKind::Sla => "an SLA",
        AgreementKind::Ola => "an OLA",
        AgreementKind::Uc => "a UC",
    };
    let mut out = Terms::default();
    for s in stmts {
        match &s.kind {
            AgreementStmt::Provider(p) => {
                out.provider = r.bind(p, providers, &format!("the provider of {kw}"));
            }
            AgreementStmt::Customer(c) => {
                out.customer = r.bind(c, customers, &format!("the customer of {kw}"));
            }
            AgreementStmt::Services(ids) => {
                let bound: Vec<_> = ids
                    .iter()
                    .filter_map(|i| r.bind(i, &[Kind::Service], "a covered service"))
                    .collect();
                out.services = Some(Sp::new(bound, s.span));
            }
            AgreementStmt::Valid { from, to } => {
                out.valid = Some(Sp::new(
                    Validity {
                        from: from.value,
                        to: to.as_ref().map(|d| d.value),
                    },
                    s.span,
                ));
            }
            AgreementStmt::Timezone(z) => {
                out.timezone = Some(Arc::new(Sp::new(
                    Zone {
                        name: z.value.name.clone(),
                        tz: z.value.tz,
                    },
                    s.span,
                )));
            }
            AgreementStmt::Fee(f) => {
                let fee = match &f.value {
                    ast::Fee::Fixed { money: m, per } => Fee::Fixed {
                        money: money(&m.value),
                        per: per.value,
                    },
                    ast::Fee::Charges => Fee::Charges,
                };
                out.fee = Some(Arc::new(Sp::new(fee, s.span)));
            }
            AgreementStmt::ReviewEvery(n) => {
                out.review_every_months = Some(Sp::new(n.value, s.span));
            }
            AgreementStmt::Reviewed(d) => out.reviewed = Some(Sp::new(d.value, s.span)),
            AgreementStmt::Objective(o) => out.objectives.push(Arc::new(objective(r, o, s.span))),
            AgreementStmt::Support(b) => out.support = Some(Arc::new(support(r, b, s.span))),
            AgreementStmt::Maintenance(b) => {
                let mut m = Maintenance {
                    during: None,
                    notice_ms: None,
                    max_per_month_ms: None,
                    max_per_year_ms: None,
                };
                for st in &b.stmts {
                    match &st.kind {
                        ast::MaintenanceStmt::During(c) => {
                            m.during = r.bind(c, &[Kind::Calendar], "a maintenance calendar");
                        }
                        ast::MaintenanceStmt::Notice(d) => {
                            m.notice_ms = Some(Sp::new(d.value, st.span));
                        }
                        ast::MaintenanceStmt::Max(d) => {
                            m.max_per_month_ms = Some(Sp::new(d.value, st.span));
                        }
                        ast::MaintenanceStmt::MaxPerYear(d) => {
                            m.max_per_year_ms = Some(Sp::new(d.value, st.span));
                        }
                    }
                }
                out.maintenance = Some(Arc::new(Sp::new(m, s.span)));
            }
            AgreementStmt::Exclude { id, text } => out.exclusions.push(Arc::new(Exclusion {
                id: id.value.clone(),
                text: text.value.clone(),
                span: s.span,
            })),
            AgreementStmt::Penalty(p) => out.penalties.push(Arc::new(penalty(p, s.span))),
            AgreementStmt::Cap(c) => out.cap = Some(Sp::new(c.value, s.span)),
            AgreementStmt::FiscalYear(m) => {
                out.more.make_mut().fiscal_year_start = Some(Sp::new(m.value, s.span));
            }
            AgreementStmt::DependencyOutages(c) => {
                out.more.make_mut().dependency_outages = Some(Sp::new(c.value, s.span));
            }
            AgreementStmt::ClaimWithin(d) => out.claim_within_ms = Some(Sp::new(d.value, s.span)),
            AgreementStmt::Claims(b) => {
                for st in &b.stmts {
                    match &st.kind {
                        ast::ClaimsStmt::Within(d) => {
                            out.claim_within_ms = Some(Sp::new(d.value, st.span));
                        }
                        ast::ClaimsStmt::WithinAfterCycle(l) => {
                            out.more.make_mut().claim_after_cycle = Some(Sp::new(l.value, st.span));
                        }
                        ast::ClaimsStmt::To(t) => {
                            out.more.make_mut().claim_to =
                                Some(Arc::new(Sp::new(t.value.clone(), st.span)));
                        }
                        ast::ClaimsStmt::With(w) => {
                            out.more.make_mut().claim_with =
                                Some(Arc::new(Sp::new(w.value.clone(), st.span)));
                        }
                        ast::ClaimsStmt::CreditedAs(f) => {
                            let form = match f.value {
                                ast::CreditForm::Refund => CreditedAs::Refund,
                                ast::CreditForm::InvoiceCredit => CreditedAs::InvoiceCredit,
                            };
                            out.more.make_mut().credited_as = Some(Sp::new(form, st.span));
                        }
                        ast::ClaimsStmt::Minimum(m, above) => {
                            let m = money(&m.value);
                            let min = CreditMinimum {
                                amount: m.amount,
                                currency: m.currency,
                                above: *above,
                            };
                            out.more.make_mut().credit_minimum =
                                Some(Arc::new(Sp::new(min, st.span)));
                        }
                    }
                }
            }
            AgreementStmt::Note(n) => out.more.make_mut().notes.push(n.clone()),
            AgreementStmt::Terminated { on, .. } => out.more.make_mut().terminated = Some(on.value),
            // The agreement's structure and lifecycle: build.rs and lifecycle.rs.
            AgreementStmt::Level(_)
            | AgreementStmt::Extends(_)
            | AgreementStmt::Region(_)
            | AgreementStmt::Package(_)
            | AgreementStmt::Status(_)
            | AgreementStmt::Version { .. }
            | AgreementStmt::History(_)
            | AgreementStmt::Requirements(_)
            | AgreementStmt::Proposed(_)
            | AgreementStmt::Approved { .. }
            | AgreementStmt::Signed { .. } => {}
        }
    }
    shrink(&mut out);
    out
}

/// Lists of a few items each, in tens of thousands of agreements and variants: no room to
/// grow (a `Vec` that was pushed to holds room for four).
fn shrink(t: &mut Terms) {
    t.objectives.shrink_to_fit();
    t.exclusions.shrink_to_fit();
    t.penalties.shrink_to_fit();
    if !t.more.notes.is_empty() {
        t.more.make_mut().notes.shrink_to_fit();
    }
}

/// The lifecycle statements of an agreement (language.md, "Lifecycle"); signatures bind
/// to parties (E0202, E0203).
pub(super) fn lifecycle(r: &mut Resolver, stmts: &[ast::Stmt<AgreementStmt>]) -> Lifecycle {
    let mut out = Lifecycle::default();
    for s in stmts {
        match &s.kind {
            AgreementStmt::Status(st) => out.status = Some(*st),
            AgreementStmt::Version {
                number,
                amends,
                summary,
            } => {
                out.version = Some(*number);
                out.amends = *amends;
                out.summary = summary.as_ref().map(|t| t.value.clone());
            }
            AgreementStmt::History(b) => {
                out.history = b
                    .stmts
                    .iter()
                    .map(|h| Earlier {
                        version: h.kind.version.value,
                        signed: h.kind.signed.value,
                        summary: h.kind.summary.as_ref().map(|t| t.value.clone()),
                        span: h.span,
                    })
                    .collect();
            }
            AgreementStmt::Requirements(t) => out.requirements = Some(t.value.clone()),
            AgreementStmt::Proposed(d) => out.proposed = Some(*d),
            AgreementStmt::Approved { on, by } => {
                out.approved = Some(Approval {
                    on: *on,
                    by: by.value.clone(),
                    span: s.span,
                });
            }
            AgreementStmt::Signed { on, party, by } => {
                let kinds = [PROVIDER, CUSTOMER, TEAM, SUPPLIER];
                if let Some(p) = r.bind(party, &kinds, "a signing party") {
                    out.signatures.push(Signature {
                        on: *on,
                        party: p,
                        by: by.value.clone(),
                        span: s.span,
                    });
                }
            }
            AgreementStmt::Terminated { on, reason } => {
                out.terminated = Some(Termination {
                    on: *on,
                    reason: reason.as_ref().map(|t| t.value.clone()),
                    span: s.span,
                });
            }
            _ => {}
        }
    }
    out
}

fn money(m: &ast::Money) -> Money {
    Money {
        amount: m.amount,
        currency: m.currency.value.clone(),
    }
}

fn objective(r: &mut Resolver, o: &ast::Objective, span: Span) -> Objective {
    let id = r.word(o.id.as_ref().map_or(o.kind.keyword(), |i| i.value.as_str()));
    let mut out = Objective {
        kind: o.kind,
        id,
        title: o.title.as_ref().map(|t| r.word(&t.value)),
        service: None,
        target: None,
        within_ms: None,
        window: None,
        during: None,
        indicator: None,
        measured: None,
        downtime: None,
        span,
    };
    for st in &o.body.stmts {
        match &st.kind {
            ast::ObjectiveStmt::Target { percent, within } => {
                out.target = Some(Sp::new(percent.value, st.span));
                out.within_ms = within.map(|w| Sp::new(w.value, w.span));
            }
            ast::ObjectiveStmt::Window(w) => out.window = Some(*w),
            ast::ObjectiveStmt::During(c) => {
                out.during = r.bind(c, &[Kind::Calendar], "the calendar of an objective");
            }
            ast::ObjectiveStmt::Service(s) => {
                out.service = r.bind(s, &[Kind::Service], "the service of an objective");
            }
            ast::ObjectiveStmt::MeasuredBy(m) => out.measured = Some(*m),
            ast::ObjectiveStmt::Downtime(b) => out.downtime = Some(Box::new(downtime(b, st.span))),
            ast::ObjectiveStmt::Indicator(i) => {
                let mut ind = Indicator {
                    source: i.source.value.clone(),
                    errors: None,
                    good: None,
                    total: None,
                    histogram: None,
                    span: i.span,
                };
                for q in &i.body.stmts {
                    match &q.kind {
                        ast::IndicatorStmt::Errors(s) => ind.errors = Some(s.clone()),
                        ast::IndicatorStmt::Good(s) => ind.good = Some(s.clone()),
                        ast::IndicatorStmt::Total(s) => ind.total = Some(s.clone()),
                        ast::IndicatorStmt::Histogram(s) => ind.histogram = Some(s.clone()),
                    }
                }
                out.indicator = Some(Box::new(ind));
            }
        }
    }
    histogram_queries(&mut out);
    out
}

/// A latency objective's `good` and `total` from `histogram "METRIC{SELECTOR}"`: the rate
/// of the bucket at the threshold (`le`, in seconds: `0.3` for 300ms; a whole number of
/// seconds matches both `1` and `1.0`, as Go and the other client libraries write it) and
/// of `_count`. `None` when the histogram cannot be used (E0307 says why:
/// [`histogram_parts`]); queries the indicator states itself are never replaced.
fn histogram_queries(o: &mut Objective) {
    let (Some(within), Some(ind)) = (o.within_ms.as_ref().map(|w| w.value), &mut o.indicator)
    else {
        return;
    };
    let Some(h) = &ind.histogram else { return };
    if ind.good.is_some() || ind.errors.is_some() || ind.total.is_some() {
        return;
    }
    let Some((metric, selector)) = histogram_parts(&h.value) else {
        return;
    };
    let seconds = rust_decimal::Decimal::new(within, 3).normalize();
    let le = if seconds.fract().is_zero() {
        format!("le=~\"{seconds}(\\\\.0+)?\"")
    } else {
        format!("le=\"{seconds}\"")
    };
    let inner = selector.trim();
    let with_le = if inner.is_empty() {
        le
    } else {
        format!("{inner},{le}")
    };
    let span = h.span;
    ind.good = Some(Sp::new(
        format!("sum(rate({metric}_bucket{{{with_le}}}[{{{{window}}}}]))"),
        span,
    ));
    ind.total = Some(Sp::new(
        format!("sum(rate({metric}_count{{{inner}}}[{{{{window}}}}]))"),
        span,
    ));
}

/// `METRIC{SELECTOR}` (or `METRIC` alone) as the metric name and the selector's inside,
/// when the name is a Prometheus metric name and the braces close at the end.
pub fn histogram_parts(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let (metric, rest) = match text.find('{') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let name_ok = metric
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b':')
        && metric
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':');
    if !name_ok {
        return None;
    }
    if rest.is_empty() {
        return Some((metric, ""));
    }
    let inner = rest.strip_prefix('{')?.strip_suffix('}')?;
    (!inner.contains('{') && !inner.contains('}')).then_some((metric, inner))
}

/// A `downtime { … }` block as the objective's definition of downtime.
fn downtime(b: &ast::Block<ast::Stmt<ast::DowntimeStmt>>, span: Span) -> Sp<DowntimeDef> {
    let mut d = DowntimeDef::default();
    for st in &b.stmts {
        match &st.kind {
            ast::DowntimeStmt::AtLeast(m) => d.at_least_ms = Some(Sp::new(m.value, st.span)),
            ast::DowntimeStmt::ErrorsAbove { percent, interval } => {
                d.errors_above = Some(Sp::new(
                    ErrorThreshold {
                        percent: percent.value,
                        interval_ms: interval.value,
                    },
                    st.span,
                ));
            }
            ast::DowntimeStmt::AverageErrorRate(m) => {
                d.average_per_ms = Some(Sp::new(m.value, st.span));
            }
        }
    }
    Sp::new(d, span)
}

fn support(r: &mut Resolver, b: &ast::Block<ast::Stmt<ast::SupportStmt>>, span: Span) -> Support {
    let mut out = Support {
        during: None,
        targets: Vec::new(),
        escalation: None,
        span,
    };
    for st in &b.stmts {
        match &st.kind {
            ast::SupportStmt::During(c) => {
                out.during = r.bind(c, &[Kind::Calendar], "the support calendar");
            }
            ast::SupportStmt::Escalation(e) => {
                out.escalation = Some(Arc::new(escalation(r, e, st.span)));
            }
            ast::SupportStmt::Target(t) => {
                let mut target = Target {
                    kind: t.kind,
                    id: r.word(&t.id.value),
                    title: t.title.as_ref().map(|x| r.word(&x.value)),
                    response: None,
                    resolve: None,
                    fulfil: None,
                    during: None,
                    update_every_ms: None,
                    escalation: None,
                    span: st.span,
                    id_span: t.id.span,
                };
                for s in &t.body.stmts {
                    match &s.kind {
                        ast::TargetStmt::During(c) => {
                            target.during =
                                r.bind(c, &[Kind::Calendar], "the calendar of a target");
                        }
                        ast::TargetStmt::Update(d) => {
                            target.update_every_ms = Some(Sp::new(d.value, d.span));
                        }
                        ast::TargetStmt::Escalation(e) => {
                            target.escalation = Some(Arc::new(escalation(r, e, s.span)));
                        }
                        ast::TargetStmt::Deadline {
                            which,
                            duration,
                            written,
                            at,
                            business_days,
                        } => {
                            let term = DeadlineTerm {
                                business_days: business_days.map(|n| n.value),
                                duration_ms: Sp::new(duration.value, duration.span),
                                written: r.word(written),
                                at: at.map(|a| Box::new(Sp::new(a.value, a.span))),
                                span: s.span,
                            };
                            match which {
                                ast::Deadline::Response => target.response = Some(Arc::new(term)),
                                ast::Deadline::Resolve => target.resolve = Some(Arc::new(term)),
                                ast::Deadline::Fulfil => target.fulfil = Some(Arc::new(term)),
                            }
                        }
                    }
                }
                out.targets.push(Arc::new(target));
            }
        }
    }
    out.targets.shrink_to_fit();
    out
}

/// `escalation { stage "TITLE" D (by ID)? … }`: `by` names an OLA or a UC (E0202/E0203).
fn escalation(r: &mut Resolver, b: &ast::Block<ast::Stmt<ast::Stage>>, span: Span) -> Escalation {
    let stages = b
        .stmts
        .iter()
        .map(|st| Stage {
            title: st.kind.title.value.clone(),
            duration_ms: Sp::new(st.kind.duration.value, st.kind.duration.span),
            by: st.kind.by.as_ref().and_then(|a| {
                r.bind(
                    a,
                    &[
                        Kind::Agreement(AgreementKind::Ola),
                        Kind::Agreement(AgreementKind::Uc),
                    ],
                    "the agreement of an escalation stage",
                )
            }),
            span: st.span,
        })
        .collect();
    Escalation { stages, span }
}

fn credit(c: &ast::Credit) -> Credit {
    match c {
        ast::Credit::Percent(p) => Credit::Percent(*p),
        ast::Credit::Amount(m) => Credit::Amount(money(m)),
        ast::Credit::Proportional(n) => Credit::Proportional(*n),
    }
}

fn penalty(p: &ast::Penalty, span: Span) -> Penalty {
    let on = match &p.on.value {
        ast::PenaltyOn::Availability => PenaltyOn::Availability,
        ast::PenaltyOn::Latency => PenaltyOn::Latency,
        ast::PenaltyOn::Outcome(id) => PenaltyOn::Outcome {
            id: id.value.clone(),
        },
        ast::PenaltyOn::Incident(id, d) => PenaltyOn::Incident {
            id: id.value.clone(),
            deadline: d.value,
        },
        ast::PenaltyOn::Request(id, d) => PenaltyOn::Request {
            id: id.value.clone(),
            deadline: d.value,
        },
        ast::PenaltyOn::Update(kind, id) => PenaltyOn::Update {
            target: *kind,
            id: id.value.clone(),
        },
    };
    let mut out = Penalty {
        on,
        tiers: Vec::new(),
        each_breach: None,
        basis: None,
        per_item: None,
        span,
        on_span: p.on.span,
    };
    for st in &p.body.stmts {
        match &st.kind {
            ast::PenaltyStmt::Tier {
                op,
                threshold,
                credit: c,
            } => out.tiers.push(Tier {
                op: *op,
                threshold: *threshold,
                credit: Sp::new(credit(&c.value), c.span),
                span: st.span,
            }),
            ast::PenaltyStmt::EachBreach { credit: c } => {
                out.each_breach = Some(Sp::new(credit(&c.value), c.span));
            }
            ast::PenaltyStmt::Basis(b) => out.basis = Some(*b),
            ast::PenaltyStmt::PerItem(i) => out.per_item = Some(*i),
        }
    }
    // Three tiers pushed hold room for four; tens of thousands of agreements have them.
    out.tiers.shrink_to_fit();
    out
}
