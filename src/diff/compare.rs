//! The comparisons, statement by statement. Which way each term is stricter is the
//! model's strictness table (`model::strictness`), the one E0303 reads.

use super::calendar::{self, Open};
use super::report::{Change, Fact};
use super::value::{credit, duration, money, percent};
use crate::model::strictness::{self, Term, Verdict};
use crate::model::{
    Agreement, Dependency, Objective, Penalty, Portfolio, Ref, Support, Target, Terms, TierOp,
};
use crate::source::Sp;
use std::cmp::Ordering;
use std::fmt::Write as _;
use std::sync::Arc;

pub(super) struct Ctx<'a> {
    pub old: &'a Portfolio,
    pub new: &'a Portfolio,
}

pub(super) fn whole(change: Change, what: &str, verdict: Verdict, name: &str) -> Fact {
    let (old, new) = match change {
        Change::Removed => (Some(name.to_string()), None),
        _ => (None, Some(name.to_string())),
    };
    Fact {
        what: what.to_string(),
        change,
        verdict,
        old,
        new,
    }
}

fn fact(
    what: impl Into<String>,
    verdict: Verdict,
    old: Option<String>,
    new: Option<String>,
) -> Fact {
    let change = match (&old, &new) {
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Removed,
        _ => Change::Modified,
    };
    Fact {
        what: what.into(),
        change,
        verdict,
        old,
        new,
    }
}

/// Something present on one side only, ranked by the table.
fn presence(term: Term, what: impl Into<String>, old: Option<String>, new: Option<String>) -> Fact {
    let verdict = term.compare(old.as_ref().map(|_| &()), new.as_ref().map(|_| &()));
    fact(what, verdict, old, new)
}

fn name(r: Option<&Sp<Ref>>) -> Option<String> {
    r.map(|r| r.value.name.to_string())
}

/// A plain value whose change has no direction.
fn changed(out: &mut Vec<Fact>, what: &str, old: Option<String>, new: Option<String>) {
    if old != new {
        out.push(fact(what, Verdict::Unordered, old, new));
    }
}

/// A term of the strictness table compared by `cmp`, each side written by `show`.
fn term_by<T>(
    out: &mut Vec<Fact>,
    what: &str,
    term: Term,
    (old, new): (Option<&T>, Option<&T>),
    cmp: impl Fn(&T, &T) -> Option<Ordering>,
    show: impl Fn(&T) -> String,
) {
    let verdict = term.compare_by(old, new, cmp);
    if verdict != Verdict::Same {
        out.push(fact(what, verdict, old.map(&show), new.map(&show)));
    }
}

/// A term of the strictness table with a natural order.
fn ordered<T: Ord + Copy>(
    out: &mut Vec<Fact>,
    what: &str,
    term: Term,
    old: Option<T>,
    new: Option<T>,
    show: impl Fn(T) -> String,
) {
    term_by(
        out,
        what,
        term,
        (old.as_ref(), new.as_ref()),
        |a, b| Some(a.cmp(b)),
        |x| show(*x),
    );
}

impl Ctx<'_> {
    pub(super) fn header(o: &Agreement, n: &Agreement) -> Vec<Fact> {
        let mut out = Vec::new();
        changed(
            &mut out,
            "kind",
            Some(o.kind.keyword().into()),
            Some(n.kind.keyword().into()),
        );
        changed(
            &mut out,
            "title",
            Some(o.title.clone()),
            Some(n.title.clone()),
        );
        changed(
            &mut out,
            "level",
            Some(o.level.keyword().into()),
            Some(n.level.keyword().into()),
        );
        changed(
            &mut out,
            "extends",
            name(o.extends.as_ref()),
            name(n.extends.as_ref()),
        );
        out
    }

    /// Compares a calendar referred to on each side (`None`: `always`) as `term`: a
    /// clock ([`Term::During`]) or maintenance windows ([`Term::MaintenanceDuring`]).
    fn calendar(
        &self,
        out: &mut Vec<Fact>,
        what: &str,
        old: Option<&Sp<Ref>>,
        new: Option<&Sp<Ref>>,
        term: Term,
    ) {
        let o = old.map_or("always", |r| r.value.name.as_str());
        let n = new.map_or("always", |r| r.value.name.as_str());
        let (Some(oc), Some(nc)) = (
            self.old.calendars.iter().find(|c| c.name == o),
            self.new.calendars.iter().find(|c| c.name == n),
        ) else {
            return;
        };
        let open = calendar::compare(oc, nc);
        let verdict = match open.verdict(term) {
            Verdict::Same if o != n => Verdict::Unordered,
            Verdict::Same => return,
            v => v,
        };
        let (os, ns) = if o == n && open != Open::Same {
            (
                format!("{o} (before)"),
                format!("{n} (hours or closures changed)"),
            )
        } else {
            (o.to_string(), n.to_string())
        };
        out.push(fact(what, verdict, Some(os), Some(ns)));
    }

    pub(super) fn terms(&self, o: &Terms, n: &Terms) -> Vec<Fact> {
        let mut out = Vec::new();
        changed(
            &mut out,
            "provider",
            name(o.provider.as_ref()),
            name(n.provider.as_ref()),
        );
        changed(
            &mut out,
            "customer",
            name(o.customer.as_ref()),
            name(n.customer.as_ref()),
        );
        let (os, ns) = (o.service_refs(), n.service_refs());
        for s in ns.iter().filter(|s| !os.iter().any(|x| x.name == s.name)) {
            out.push(presence(
                Term::Service,
                "services",
                None,
                Some(s.name.to_string()),
            ));
        }
        for s in os.iter().filter(|s| !ns.iter().any(|x| x.name == s.name)) {
            out.push(presence(
                Term::Service,
                "services",
                Some(s.name.to_string()),
                None,
            ));
        }
        let from = |t: &Terms| t.valid.as_ref().map(|v| v.value.from);
        let to = |t: &Terms| t.valid.as_ref().and_then(|v| v.value.to);
        ordered(
            &mut out,
            "valid from",
            Term::ValidFrom,
            from(o),
            from(n),
            |d| d.to_string(),
        );
        ordered(&mut out, "valid to", Term::ValidTo, to(o), to(n), |d| {
            d.to_string()
        });
        changed(
            &mut out,
            "timezone",
            o.timezone.as_ref().map(|t| t.value.name.clone()),
            n.timezone.as_ref().map(|t| t.value.name.clone()),
        );
        term_by(
            &mut out,
            "fee",
            Term::Fee,
            (
                o.fee.as_ref().map(|f| &f.value),
                n.fee.as_ref().map(|f| &f.value),
            ),
            |a, b| (a == b).then_some(Ordering::Equal),
            super::value::fee,
        );
        ordered(
            &mut out,
            "review every",
            Term::ReviewEvery,
            o.review_every_months.as_ref().map(|m| m.value),
            n.review_every_months.as_ref().map(|m| m.value),
            |m| format!("{m} months"),
        );
        changed(
            &mut out,
            "reviewed",
            o.reviewed.as_ref().map(|d| d.value.to_string()),
            n.reviewed.as_ref().map(|d| d.value.to_string()),
        );
        self.objectives(&mut out, &o.objectives, &n.objectives);
        self.support(&mut out, o.support.as_deref(), n.support.as_deref());
        self.maintenance(&mut out, o, n);
        ordered(
            &mut out,
            "dependency outages count",
            Term::DependencyOutages,
            o.more.dependency_outages.map(|d| d.value),
            n.more.dependency_outages.map(|d| d.value),
            |c| if c { "count" } else { "do not count" }.to_string(),
        );
        // Which months the quarters and years are: a change of meaning, neither looser
        // nor tighter (the same share of other months).
        changed(
            &mut out,
            "fiscal year from",
            o.more
                .fiscal_year_start
                .map(|m| format!("{:02}-01", m.value)),
            n.more
                .fiscal_year_start
                .map(|m| format!("{:02}-01", m.value)),
        );
        for e in &n.exclusions {
            let what = format!("exclude {}", e.id);
            match o.exclusions.iter().find(|x| x.id == e.id) {
                None => out.push(presence(Term::Exclusion, what, None, Some(e.text.clone()))),
                Some(x) => term_by(
                    &mut out,
                    &what,
                    Term::Exclusion,
                    (Some(&x.text), Some(&e.text)),
                    |a, b| (a == b).then_some(Ordering::Equal),
                    Clone::clone,
                ),
            }
        }
        for x in &o.exclusions {
            if n.exclusions.iter().all(|e| e.id != x.id) {
                let what = format!("exclude {}", x.id);
                out.push(presence(Term::Exclusion, what, Some(x.text.clone()), None));
            }
        }
        for p in &n.penalties {
            let what = format!("penalty on {}", p.on);
            match o.penalties.iter().find(|x| x.on == p.on) {
                None => out.push(presence(Term::Penalty, what, None, Some(penalty_text(p)))),
                Some(x) => penalty(&mut out, x, p),
            }
        }
        for x in &o.penalties {
            if n.penalties.iter().all(|p| p.on != x.on) {
                let what = format!("penalty on {}", x.on);
                out.push(presence(Term::Penalty, what, Some(penalty_text(x)), None));
            }
        }
        let cap = |t: &Terms| t.cap.as_ref().map(|c| c.value);
        ordered(&mut out, "cap", Term::Cap, cap(o), cap(n), percent);
        let claim = |t: &Terms| t.claim_within_ms.as_ref().map(|c| c.value);
        ordered(
            &mut out,
            "claim within",
            Term::ClaimWithin,
            claim(o),
            claim(n),
            duration,
        );
        // A window after the billing cycle against one after the period: a change.
        let cycle = |t: &Terms| {
            t.more.claim_after_cycle.as_ref().map(|c| match c.value {
                crate::model::ClaimLength::Months(n) => {
                    format!("{n} months after the billing cycle")
                }
                crate::model::ClaimLength::Millis(ms) => {
                    format!("{} after the billing cycle", duration(ms))
                }
            })
        };
        changed(&mut out, "claim within", cycle(o), cycle(n));
        // How credits are claimed and paid: changes without a direction in the table.
        let text = |x: Option<&Sp<String>>| x.map(|v| v.value.clone());
        changed(
            &mut out,
            "claims to",
            text(o.more.claim_to.as_deref()),
            text(n.more.claim_to.as_deref()),
        );
        changed(
            &mut out,
            "claims with",
            text(o.more.claim_with.as_deref()),
            text(n.more.claim_with.as_deref()),
        );
        let form = |t: &Terms| {
            t.more.credited_as.as_ref().map(|c| {
                match c.value {
                    crate::model::CreditedAs::Refund => "refund",
                    crate::model::CreditedAs::InvoiceCredit => "invoice credit",
                }
                .to_string()
            })
        };
        changed(&mut out, "claims credited as", form(o), form(n));
        term_by(
            &mut out,
            "claims minimum",
            Term::ClaimMinimum,
            (
                o.more.credit_minimum.as_ref().map(|m| &m.value),
                n.more.credit_minimum.as_ref().map(|m| &m.value),
            ),
            strictness::minimum_order,
            |m: &crate::model::CreditMinimum| {
                let amount = money(&m.money());
                if m.above {
                    format!("above {amount}")
                } else {
                    amount
                }
            },
        );
        let notes = |t: &Terms| {
            t.more
                .notes
                .iter()
                .map(|n| n.value.clone())
                .collect::<Vec<_>>()
        };
        let (on, nn) = (notes(o), notes(n));
        for x in nn.iter().filter(|x| !on.contains(x)) {
            out.push(fact("note", Verdict::Unordered, None, Some(x.clone())));
        }
        for x in on.iter().filter(|x| !nn.contains(x)) {
            out.push(fact("note", Verdict::Unordered, Some(x.clone()), None));
        }
        out
    }

    fn objectives(&self, out: &mut Vec<Fact>, old: &[Arc<Objective>], new: &[Arc<Objective>]) {
        let label = |o: &Objective| {
            let mut s = match o.kind {
                crate::model::ObjectiveKind::Outcome => format!("outcome {}", o.id),
                k => k.keyword().to_string(),
            };
            if let Some(svc) = &o.service {
                let _ = write!(s, " (service {})", svc.value.name);
            }
            s
        };
        let summary = |o: &Objective| {
            let mut s = o
                .target
                .as_ref()
                .map_or_else(String::new, |t| percent(t.value));
            if let Some(w) = &o.within_ms {
                let _ = write!(s, " within {}", duration(w.value));
            }
            let _ = write!(s, " per {}", o.window());
            s
        };
        for n in new {
            let what = label(n);
            let Some(o) = old.iter().find(|o| o.key() == n.key()) else {
                out.push(presence(Term::Objective, what, None, Some(summary(n))));
                continue;
            };
            let t = |x: &Objective| x.target.as_ref().map(|t| t.value);
            ordered(
                out,
                &format!("{what} target"),
                Term::Target,
                t(o),
                t(n),
                percent,
            );
            let w = |x: &Objective| x.within_ms.as_ref().map(|t| t.value);
            ordered(
                out,
                &format!("{what} within"),
                Term::Within,
                w(o),
                w(n),
                duration,
            );
            term_by(
                out,
                &format!("{what} window"),
                Term::Window,
                (Some(&o.window()), Some(&n.window())),
                strictness::window_order,
                ToString::to_string,
            );
            self.calendar(
                out,
                &format!("{what} during"),
                o.during.as_ref(),
                n.during.as_ref(),
                Term::During,
            );
            let by = |x: &Objective| {
                x.measured.as_ref().map(|m| {
                    match m.value {
                        crate::model::MeasuredBy::Indicator => "indicator",
                        crate::model::MeasuredBy::Outages => "outages",
                    }
                    .to_string()
                })
            };
            changed(out, &format!("{what} measured by"), by(o), by(n));
            let least = |x: &Objective| {
                x.downtime
                    .as_ref()
                    .and_then(|d| d.value.at_least_ms.as_ref().map(|m| m.value))
            };
            ordered(
                out,
                &format!("{what} downtime at least"),
                Term::DowntimeMinimum,
                least(o),
                least(n),
                duration,
            );
            let threshold = |x: &Objective| {
                x.downtime
                    .as_ref()
                    .and_then(|d| d.value.errors_above.as_ref().map(|t| t.value.percent))
            };
            ordered(
                out,
                &format!("{what} downtime errors above"),
                Term::ErrorThreshold,
                threshold(o),
                threshold(n),
                percent,
            );
            let interval = |x: &Objective| {
                x.downtime.as_ref().and_then(|d| {
                    let d = &d.value;
                    d.errors_above
                        .as_ref()
                        .map(|t| format!("errors above per {}", duration(t.value.interval_ms)))
                        .or(d
                            .average_per_ms
                            .as_ref()
                            .map(|a| format!("average error rate per {}", duration(a.value))))
                })
            };
            changed(
                out,
                &format!("{what} downtime intervals"),
                interval(o),
                interval(n),
            );
            let ind = |x: &Objective| {
                x.indicator
                    .as_ref()
                    .map(|i| serde_json::to_string(i).unwrap_or_default())
            };
            if ind(o) != ind(n) {
                out.push(fact(
                    format!("{what} indicator"),
                    Verdict::Unordered,
                    ind(o).map(|_| "prometheus".into()),
                    ind(n).map(|_| "prometheus (changed)".into()),
                ));
            }
        }
        for o in old {
            if new.iter().all(|n| n.key() != o.key()) {
                out.push(presence(Term::Objective, label(o), Some(summary(o)), None));
            }
        }
    }

    fn support(&self, out: &mut Vec<Fact>, old: Option<&Support>, new: Option<&Support>) {
        let empty = Support {
            during: None,
            targets: Vec::new(),
            escalation: None,
            span: crate::source::Span::default(),
        };
        let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
        self.calendar(
            out,
            "support during",
            o.during.as_ref(),
            n.during.as_ref(),
            Term::During,
        );
        let what = |t: &Target| format!("{} {}", t.kind.keyword(), t.id);
        let text = |t: &Target| {
            t.deadlines()
                .map(|(w, d)| format!("{} {}", w.keyword(), length(d.length())))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for nt in &n.targets {
            let Some(ot) = o
                .targets
                .iter()
                .find(|x| x.kind == nt.kind && x.id == nt.id)
            else {
                out.push(presence(
                    Term::SupportTarget,
                    what(nt),
                    None,
                    Some(text(nt)),
                ));
                continue;
            };
            let w = what(nt);
            for which in [
                crate::model::Deadline::Response,
                crate::model::Deadline::Resolve,
                crate::model::Deadline::Fulfil,
            ] {
                let label = format!("{w} {}", which.keyword());
                let (od, nd) = (ot.deadline(which), nt.deadline(which));
                term_by(
                    out,
                    &label,
                    Term::Deadline,
                    (
                        od.map(crate::model::DeadlineTerm::length).as_ref(),
                        nd.map(crate::model::DeadlineTerm::length).as_ref(),
                    ),
                    crate::model::strictness::length_order,
                    |l| length(*l),
                );
                if let (Some(od), Some(nd)) = (od, nd) {
                    ordered(
                        out,
                        &format!("{label} at"),
                        Term::DeadlineShare,
                        Some(od.share()),
                        Some(nd.share()),
                        percent,
                    );
                }
            }
            ordered(
                out,
                &format!("{w} update every"),
                Term::UpdateEvery,
                ot.update_every_ms.as_ref().map(|x| x.value),
                nt.update_every_ms.as_ref().map(|x| x.value),
                duration,
            );
            changed(
                out,
                &format!("{w} escalation"),
                o.escalation_of(ot).map(stages),
                n.escalation_of(nt).map(stages),
            );
            if ot.during.is_some() || nt.during.is_some() {
                let od = ot.during.as_ref().or(o.during.as_ref());
                let nd = nt.during.as_ref().or(n.during.as_ref());
                self.calendar(out, &format!("{w} during"), od, nd, Term::During);
            }
        }
        for ot in &o.targets {
            if !n.targets.iter().any(|x| x.kind == ot.kind && x.id == ot.id) {
                out.push(presence(
                    Term::SupportTarget,
                    what(ot),
                    Some(text(ot)),
                    None,
                ));
            }
        }
    }

    fn maintenance(&self, out: &mut Vec<Fact>, o: &Terms, n: &Terms) {
        let window = Some("maintenance window".to_string());
        match (&o.maintenance, &n.maintenance) {
            (None, None) => {}
            (None, Some(_)) => out.push(presence(Term::Maintenance, "maintenance", None, window)),
            (Some(_), None) => out.push(presence(Term::Maintenance, "maintenance", window, None)),
            (Some(a), Some(b)) => {
                self.calendar(
                    out,
                    "maintenance during",
                    a.value.during.as_ref(),
                    b.value.during.as_ref(),
                    Term::MaintenanceDuring,
                );
                let notice = |m: &crate::model::Maintenance| m.notice_ms.as_ref().map(|x| x.value);
                ordered(
                    out,
                    "maintenance notice",
                    Term::MaintenanceNotice,
                    notice(&a.value),
                    notice(&b.value),
                    duration,
                );
                let max =
                    |m: &crate::model::Maintenance| m.max_per_month_ms.as_ref().map(|x| x.value);
                ordered(
                    out,
                    "maintenance max per month",
                    Term::MaintenanceMax,
                    max(&a.value),
                    max(&b.value),
                    duration,
                );
                let year =
                    |m: &crate::model::Maintenance| m.max_per_year_ms.as_ref().map(|x| x.value);
                ordered(
                    out,
                    "maintenance max per year",
                    Term::MaintenanceMax,
                    year(&a.value),
                    year(&b.value),
                    duration,
                );
            }
        }
    }

    pub(super) fn parties(&self) -> Vec<(String, Vec<Fact>)> {
        let mut res = Vec::new();
        for n in &self.new.parties {
            let mut out = Vec::new();
            match self.old.parties.iter().find(|p| p.name == n.name) {
                None => out.push(fact(
                    "party",
                    Verdict::Unordered,
                    None,
                    Some(n.kind.keyword().into()),
                )),
                Some(o) => {
                    changed(
                        &mut out,
                        "kind",
                        Some(o.kind.keyword().into()),
                        Some(n.kind.keyword().into()),
                    );
                    changed(
                        &mut out,
                        "title",
                        Some(o.title.clone()),
                        Some(n.title.clone()),
                    );
                    changed(&mut out, "contact", o.contact.clone(), n.contact.clone());
                    changed(&mut out, "address", o.address.clone(), n.address.clone());
                    changed(
                        &mut out,
                        "description",
                        o.description.clone(),
                        n.description.clone(),
                    );
                    let subs = |p: &crate::model::Party| {
                        p.subscribes
                            .iter()
                            .map(|s| s.value.name.to_string())
                            .collect::<Vec<_>>()
                    };
                    list_changes("subscribes", &subs(o), &subs(n), &mut out);
                }
            }
            if !out.is_empty() {
                res.push((n.name.clone(), out));
            }
        }
        for o in &self.old.parties {
            if self.new.parties.iter().all(|p| p.name != o.name) {
                res.push((
                    o.name.clone(),
                    vec![fact(
                        "party",
                        Verdict::Unordered,
                        Some(o.kind.keyword().into()),
                        None,
                    )],
                ));
            }
        }
        res
    }

    pub(super) fn services(&self) -> Vec<(String, Vec<Fact>)> {
        let dep = |d: &Dependency| match d {
            Dependency::Service(r) => r.value.name.to_string(),
            Dependency::KOfN { k, members } => format!(
                "{k} of ({})",
                members
                    .iter()
                    .map(|r| r.value.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Dependency::AnyOf(rs) => format!(
                "any_of({})",
                rs.iter()
                    .map(|r| r.value.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let mut res = Vec::new();
        for n in &self.new.services {
            let mut out = Vec::new();
            match self.old.services.iter().find(|s| s.name == n.name) {
                None => out.push(fact(
                    "service",
                    Verdict::Unordered,
                    None,
                    Some(n.title.clone()),
                )),
                Some(o) => {
                    changed(
                        &mut out,
                        "title",
                        Some(o.title.clone()),
                        Some(n.title.clone()),
                    );
                    changed(
                        &mut out,
                        "description",
                        o.description.clone(),
                        n.description.clone(),
                    );
                    changed(
                        &mut out,
                        "owner",
                        name(o.owner.as_ref()),
                        name(n.owner.as_ref()),
                    );
                    let (od, nd): (Vec<String>, Vec<String>) = (
                        o.depends_on.iter().map(dep).collect(),
                        n.depends_on.iter().map(dep).collect(),
                    );
                    list_changes("depends_on", &od, &nd, &mut out);
                }
            }
            if !out.is_empty() {
                res.push((n.name.clone(), out));
            }
        }
        for o in &self.old.services {
            if self.new.services.iter().all(|s| s.name != o.name) {
                res.push((
                    o.name.clone(),
                    vec![fact(
                        "service",
                        Verdict::Unordered,
                        Some(o.title.clone()),
                        None,
                    )],
                ));
            }
        }
        res
    }
}

fn penalty_text(p: &Penalty) -> String {
    let mut parts: Vec<String> = p
        .tiers
        .iter()
        .map(|t| {
            let op = if t.op == TierOp::Below {
                "below"
            } else {
                "at or below"
            };
            format!(
                "{op} {} credit {}",
                percent(t.threshold.value),
                credit(&t.credit.value)
            )
        })
        .collect();
    if let Some(c) = &p.each_breach {
        parts.push(format!("each breach credit {}", credit(&c.value)));
    }
    parts.join(", ")
}

/// Compares two penalties on the same thing as functions of attainment (the table's
/// `penalty` row).
fn penalty(out: &mut Vec<Fact>, o: &Penalty, n: &Penalty) {
    let (ot, nt) = (penalty_text(o), penalty_text(n));
    if ot == nt {
        return;
    }
    let (verdict, _) = strictness::penalty(o, n);
    // Written differently but the same credits (tiers reordered): still a change.
    let verdict = if verdict == Verdict::Same {
        Verdict::Unordered
    } else {
        verdict
    };
    out.push(fact(
        format!("penalty on {}", n.on),
        verdict,
        Some(ot),
        Some(nt),
    ));
}

/// Entries of a list statement that were added or removed, each a `changed` fact.
fn list_changes(what: &str, old: &[String], new: &[String], out: &mut Vec<Fact>) {
    for x in new.iter().filter(|x| !old.contains(x)) {
        out.push(fact(what, Verdict::Unordered, None, Some(x.clone())));
    }
    for x in old.iter().filter(|x| !new.contains(x)) {
        out.push(fact(what, Verdict::Unordered, Some(x.clone()), None));
    }
}

/// A support deadline as written: `4h`, `2 business days`.
fn length(l: crate::time::Length) -> String {
    crate::model::support::length_written(l)
}

/// An escalation's stages as written, for `changed` entries.
fn stages(e: &crate::model::Escalation) -> String {
    e.stages
        .iter()
        .map(|s| {
            let by =
                s.by.as_ref()
                    .map_or(String::new(), |b| format!(" by {}", b.value.name));
            format!("stage {:?} {}{by}", s.title, duration(s.duration_ms.value))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
