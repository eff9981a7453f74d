//! The comparisons, statement by statement.

use super::calendar::{self, Open};
use super::value::{credit, duration, money, percent, window};
use super::{Change, Effect, Fact};
use crate::model::{
    Agreement, Credit, Dependency, Objective, Penalty, Portfolio, Ref, Support, Target, Terms,
    TierOp,
};
use crate::source::Sp;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt::Write as _;

pub struct Ctx<'a> {
    pub old: &'a Portfolio,
    pub new: &'a Portfolio,
}

pub fn whole(change: Change, what: &str, effect: Effect, name: &str) -> Fact {
    let (old, new) = match change {
        Change::Removed => (Some(name.to_string()), None),
        _ => (None, Some(name.to_string())),
    };
    Fact {
        what: what.to_string(),
        change,
        effect,
        old,
        new,
    }
}

fn fact(what: impl Into<String>, effect: Effect, old: Option<String>, new: Option<String>) -> Fact {
    let change = match (&old, &new) {
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Removed,
        _ => Change::Modified,
    };
    Fact {
        what: what.into(),
        change,
        effect,
        old,
        new,
    }
}

/// Tightened when the new value is greater (`greater_is_tighter`) or smaller.
fn by_order(o: Ordering, greater_is_tighter: bool) -> Effect {
    match (o, greater_is_tighter) {
        (Ordering::Equal, _) => Effect::Changed,
        (Ordering::Greater, true) | (Ordering::Less, false) => Effect::Tightened,
        _ => Effect::Loosened,
    }
}

fn name(r: Option<&Sp<Ref>>) -> Option<String> {
    r.map(|r| r.value.name.clone())
}

/// A plain value whose change has no direction.
fn changed(out: &mut Vec<Fact>, what: &str, old: Option<String>, new: Option<String>) {
    if old != new {
        out.push(fact(what, Effect::Changed, old, new));
    }
}

/// A value that is tighter when greater (or smaller); `None` stands for `absent`, which
/// ranks as given by `absent_is_tightest`.
fn ordered<T: Ord + Copy>(
    out: &mut Vec<Fact>,
    what: &str,
    old: Option<T>,
    new: Option<T>,
    greater_is_tighter: bool,
    absent_is_tightest: Option<bool>,
    show: impl Fn(T) -> String,
) {
    let effect = match (old, new) {
        (Some(a), Some(b)) if a == b => return,
        (None, None) => return,
        (Some(a), Some(b)) => by_order(b.cmp(&a), greater_is_tighter),
        (None, Some(_)) => match absent_is_tightest {
            Some(true) => Effect::Loosened,
            Some(false) => Effect::Tightened,
            None => Effect::Changed,
        },
        (Some(_), None) => match absent_is_tightest {
            Some(true) => Effect::Tightened,
            Some(false) => Effect::Loosened,
            None => Effect::Changed,
        },
    };
    out.push(fact(what, effect, old.map(&show), new.map(&show)));
}

impl Ctx<'_> {
    pub fn header(o: &Agreement, n: &Agreement) -> Vec<Fact> {
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

    /// Compares a calendar referred to on each side (`None`: `always`).
    fn calendar(
        &self,
        out: &mut Vec<Fact>,
        what: &str,
        old: Option<&Sp<Ref>>,
        new: Option<&Sp<Ref>>,
        more_is_tighter: bool,
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
        let effect = match open.effect(more_is_tighter) {
            Some(e) => e,
            None if o != n => Effect::Changed,
            None => return,
        };
        let (os, ns) = if o == n && open != Open::Same {
            (
                format!("{o} (before)"),
                format!("{n} (hours or closures changed)"),
            )
        } else {
            (o.to_string(), n.to_string())
        };
        out.push(fact(what, effect, Some(os), Some(ns)));
    }

    pub fn terms(&self, o: &Terms, n: &Terms) -> Vec<Fact> {
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
            out.push(fact(
                "services",
                Effect::Tightened,
                None,
                Some(s.name.clone()),
            ));
        }
        for s in os.iter().filter(|s| !ns.iter().any(|x| x.name == s.name)) {
            out.push(fact(
                "services",
                Effect::Loosened,
                Some(s.name.clone()),
                None,
            ));
        }
        // Validity: an earlier start and a later end promise more; no bound is the widest.
        let from = |t: &Terms| t.valid.as_ref().map(|v| v.value.from);
        let to = |t: &Terms| t.valid.as_ref().and_then(|v| v.value.to);
        ordered(
            &mut out,
            "valid from",
            from(o),
            from(n),
            false,
            Some(true),
            |d| d.to_string(),
        );
        ordered(&mut out, "valid to", to(o), to(n), true, Some(true), |d| {
            d.to_string()
        });
        changed(
            &mut out,
            "timezone",
            o.timezone.as_ref().map(|t| t.value.clone()),
            n.timezone.as_ref().map(|t| t.value.clone()),
        );
        changed(
            &mut out,
            "fee",
            o.fee.as_ref().map(|f| money(&f.value)),
            n.fee.as_ref().map(|f| money(&f.value)),
        );
        changed(
            &mut out,
            "review every",
            o.review_every_months
                .as_ref()
                .map(|m| format!("{} months", m.value)),
            n.review_every_months
                .as_ref()
                .map(|m| format!("{} months", m.value)),
        );
        changed(
            &mut out,
            "reviewed",
            o.reviewed.as_ref().map(|d| d.value.to_string()),
            n.reviewed.as_ref().map(|d| d.value.to_string()),
        );
        self.objectives(&mut out, &o.objectives, &n.objectives);
        self.support(&mut out, o.support.as_ref(), n.support.as_ref());
        self.maintenance(&mut out, o, n);
        for e in &n.exclusions {
            match o.exclusions.iter().find(|x| x.id == e.id) {
                None => out.push(fact(
                    format!("exclude {}", e.id),
                    Effect::Loosened,
                    None,
                    Some(e.text.clone()),
                )),
                Some(x) if x.text != e.text => out.push(fact(
                    format!("exclude {}", e.id),
                    Effect::Changed,
                    Some(x.text.clone()),
                    Some(e.text.clone()),
                )),
                Some(_) => {}
            }
        }
        for x in &o.exclusions {
            if n.exclusions.iter().all(|e| e.id != x.id) {
                out.push(fact(
                    format!("exclude {}", x.id),
                    Effect::Tightened,
                    Some(x.text.clone()),
                    None,
                ));
            }
        }
        for p in &n.penalties {
            match o.penalties.iter().find(|x| x.on == p.on) {
                None => out.push(fact(
                    format!("penalty on {}", p.on),
                    Effect::Tightened,
                    None,
                    Some(penalty_text(p)),
                )),
                Some(x) => penalty(&mut out, x, p),
            }
        }
        for x in &o.penalties {
            if n.penalties.iter().all(|p| p.on != x.on) {
                out.push(fact(
                    format!("penalty on {}", x.on),
                    Effect::Loosened,
                    Some(penalty_text(x)),
                    None,
                ));
            }
        }
        // No cap pays every credit: absent is the tightest.
        let cap = |t: &Terms| t.cap.as_ref().map(|c| c.value);
        ordered(&mut out, "cap", cap(o), cap(n), true, Some(true), percent);
        // No claim window: credits can be claimed any time.
        let claim = |t: &Terms| t.claim_within_ms.as_ref().map(|c| c.value);
        ordered(
            &mut out,
            "claim within",
            claim(o),
            claim(n),
            true,
            Some(true),
            duration,
        );
        let notes = |t: &Terms| t.notes.iter().map(|n| n.value.clone()).collect::<Vec<_>>();
        let (on, nn) = (notes(o), notes(n));
        for x in nn.iter().filter(|x| !on.contains(x)) {
            out.push(fact("note", Effect::Changed, None, Some(x.clone())));
        }
        for x in on.iter().filter(|x| !nn.contains(x)) {
            out.push(fact("note", Effect::Changed, Some(x.clone()), None));
        }
        out
    }

    fn objectives(&self, out: &mut Vec<Fact>, old: &[Objective], new: &[Objective]) {
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
            let _ = write!(s, " per {}", window(o.window()));
            s
        };
        for n in new {
            let what = label(n);
            let Some(o) = old.iter().find(|o| o.key() == n.key()) else {
                out.push(fact(what, Effect::Tightened, None, Some(summary(n))));
                continue;
            };
            let t = |x: &Objective| x.target.as_ref().map(|t| t.value);
            ordered(
                out,
                &format!("{what} target"),
                t(o),
                t(n),
                true,
                None,
                percent,
            );
            let w = |x: &Objective| x.within_ms.as_ref().map(|t| t.value);
            ordered(
                out,
                &format!("{what} within"),
                w(o),
                w(n),
                false,
                None,
                duration,
            );
            changed(
                out,
                &format!("{what} window"),
                Some(window(o.window())),
                Some(window(n.window())),
            );
            self.calendar(
                out,
                &format!("{what} during"),
                o.during.as_ref(),
                n.during.as_ref(),
                true,
            );
            let ind = |x: &Objective| {
                x.indicator
                    .as_ref()
                    .map(|i| serde_json::to_string(i).unwrap_or_default())
            };
            if ind(o) != ind(n) {
                out.push(fact(
                    format!("{what} indicator"),
                    Effect::Changed,
                    ind(o).map(|_| "prometheus".into()),
                    ind(n).map(|_| "prometheus (changed)".into()),
                ));
            }
        }
        for o in old {
            if new.iter().all(|n| n.key() != o.key()) {
                out.push(fact(label(o), Effect::Loosened, Some(summary(o)), None));
            }
        }
    }

    fn support(&self, out: &mut Vec<Fact>, old: Option<&Support>, new: Option<&Support>) {
        let empty = Support {
            during: None,
            targets: Vec::new(),
            span: crate::source::Span::default(),
        };
        let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
        self.calendar(
            out,
            "support during",
            o.during.as_ref(),
            n.during.as_ref(),
            true,
        );
        let what = |t: &Target| {
            format!(
                "{} {}",
                if t.kind == crate::model::TargetKind::Incident {
                    "incident"
                } else {
                    "request"
                },
                t.id
            )
        };
        let text = |t: &Target| {
            t.deadlines()
                .map(|(w, d)| format!("{} {}", w.keyword(), duration(d.duration_ms.value)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for nt in &n.targets {
            let Some(ot) = o
                .targets
                .iter()
                .find(|x| x.kind == nt.kind && x.id == nt.id)
            else {
                out.push(fact(what(nt), Effect::Tightened, None, Some(text(nt))));
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
                // A deadline that is no longer given is a promise withdrawn.
                ordered(
                    out,
                    &label,
                    od.map(|d| d.duration_ms.value),
                    nd.map(|d| d.duration_ms.value),
                    false,
                    Some(false),
                    duration,
                );
                if let (Some(od), Some(nd)) = (od, nd) {
                    // Without `at`, every ticket must meet it.
                    let at = |d: &crate::model::DeadlineTerm| {
                        d.at.as_ref().map_or(Decimal::ONE_HUNDRED, |a| a.value)
                    };
                    ordered(
                        out,
                        &format!("{label} at"),
                        Some(at(od)),
                        Some(at(nd)),
                        true,
                        None,
                        percent,
                    );
                }
            }
            if ot.during.is_some() || nt.during.is_some() {
                let od = ot.during.as_ref().or(o.during.as_ref());
                let nd = nt.during.as_ref().or(n.during.as_ref());
                self.calendar(out, &format!("{w} during"), od, nd, true);
            }
        }
        for ot in &o.targets {
            if !n.targets.iter().any(|x| x.kind == ot.kind && x.id == ot.id) {
                out.push(fact(what(ot), Effect::Loosened, Some(text(ot)), None));
            }
        }
    }

    fn maintenance(&self, out: &mut Vec<Fact>, o: &Terms, n: &Terms) {
        match (&o.maintenance, &n.maintenance) {
            (None, None) => {}
            (None, Some(_)) => out.push(fact(
                "maintenance",
                Effect::Loosened,
                None,
                Some("maintenance window".into()),
            )),
            (Some(_), None) => out.push(fact(
                "maintenance",
                Effect::Tightened,
                Some("maintenance window".into()),
                None,
            )),
            (Some(a), Some(b)) => {
                // More maintenance time excuses more downtime.
                self.calendar(
                    out,
                    "maintenance during",
                    a.value.during.as_ref(),
                    b.value.during.as_ref(),
                    false,
                );
                let notice = |m: &crate::model::Maintenance| m.notice_ms.as_ref().map(|x| x.value);
                ordered(
                    out,
                    "maintenance notice",
                    notice(&a.value),
                    notice(&b.value),
                    true,
                    Some(false),
                    duration,
                );
                let max =
                    |m: &crate::model::Maintenance| m.max_per_month_ms.as_ref().map(|x| x.value);
                ordered(
                    out,
                    "maintenance max per month",
                    max(&a.value),
                    max(&b.value),
                    false,
                    Some(false),
                    duration,
                );
            }
        }
    }

    pub fn parties(&self) -> Vec<(String, Vec<Fact>)> {
        let mut res = Vec::new();
        for n in &self.new.parties {
            let mut out = Vec::new();
            match self.old.parties.iter().find(|p| p.name == n.name) {
                None => out.push(fact(
                    "party",
                    Effect::Changed,
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
                            .map(|s| s.value.name.clone())
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
                        Effect::Changed,
                        Some(o.kind.keyword().into()),
                        None,
                    )],
                ));
            }
        }
        res
    }

    pub fn services(&self) -> Vec<(String, Vec<Fact>)> {
        let dep = |d: &Dependency| match d {
            Dependency::Service(r) => r.value.name.clone(),
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
                    Effect::Changed,
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
                        Effect::Changed,
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

/// A comparable credit: percent, or an amount in one currency.
fn credit_key(c: &Credit) -> (String, Decimal) {
    match c {
        Credit::Percent(p) => ("%".into(), *p),
        Credit::Amount(m) => (m.currency.clone(), m.amount),
    }
}

/// The credit a penalty's tiers give at an attainment: the largest of the tiers that
/// attainment falls under (credits increase along the tiers), or none.
fn credit_at(p: &Penalty, attainment: Decimal) -> Option<(String, Decimal)> {
    p.tiers
        .iter()
        .filter(|t| match t.op {
            TierOp::Below => attainment < t.threshold.value,
            TierOp::AtOrBelow => attainment <= t.threshold.value,
        })
        .map(|t| credit_key(&t.credit.value))
        .max_by(|a, b| a.1.cmp(&b.1))
}

/// Compares two penalties on the same thing as functions of attainment.
fn penalty(out: &mut Vec<Fact>, o: &Penalty, n: &Penalty) {
    let (ot, nt) = (penalty_text(o), penalty_text(n));
    if ot == nt {
        return;
    }
    let mut points: Vec<Decimal> = o
        .tiers
        .iter()
        .chain(&n.tiers)
        .map(|t| t.threshold.value)
        .collect();
    points.sort();
    points.dedup();
    let mut samples = Vec::new();
    for (i, p) in points.iter().enumerate() {
        samples.push(*p);
        if let Some(q) = points.get(i + 1) {
            samples.push((*p + *q) / Decimal::TWO);
        }
    }
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        samples.push(*first - Decimal::ONE);
        samples.push(*last + Decimal::ONE);
    }
    let (mut more, mut less, mut incomparable) = (false, false, false);
    let mut compare = |a: Option<(String, Decimal)>, b: Option<(String, Decimal)>| {
        let zero = |x: &Option<(String, Decimal)>| x.as_ref().map_or(Decimal::ZERO, |c| c.1);
        if let (Some(x), Some(y)) = (&a, &b) {
            if x.0 != y.0 {
                incomparable = true;
            }
        }
        match zero(&b).cmp(&zero(&a)) {
            Ordering::Greater => more = true,
            Ordering::Less => less = true,
            Ordering::Equal => {}
        }
    };
    for s in samples {
        compare(credit_at(o, s), credit_at(n, s));
    }
    match (&o.each_breach, &n.each_breach) {
        (None, None) => {}
        (a, b) => compare(
            a.as_ref().map(|c| credit_key(&c.value)),
            b.as_ref().map(|c| credit_key(&c.value)),
        ),
    }
    let effect = match (incomparable, more, less) {
        (false, true, false) => Effect::Tightened,
        (false, false, true) => Effect::Loosened,
        _ => Effect::Changed,
    };
    out.push(fact(
        format!("penalty on {}", n.on),
        effect,
        Some(ot),
        Some(nt),
    ));
}

/// Entries of a list statement that were added or removed, each a `changed` fact.
fn list_changes(what: &str, old: &[String], new: &[String], out: &mut Vec<Fact>) {
    for x in new.iter().filter(|x| !old.contains(x)) {
        out.push(fact(what, Effect::Changed, None, Some(x.clone())));
    }
    for x in old.iter().filter(|x| !new.contains(x)) {
        out.push(fact(what, Effect::Changed, Some(x.clone()), None));
    }
}
