//! `extends` and regions (language.md §3.4): one merge, used for both. The child's (or
//! region's) statement replaces the parent's; objectives, support targets, penalties,
//! exclusions and regions are matched by key, and a support target merges field by field.

use super::portfolio::{More, Portfolio, Support, Terms, TermsMore, Variant};
use std::sync::Arc;

/// A parent's region: name, title and own statements.
type Region = (String, String, Arc<Terms>);

/// Fills every agreement's effective `terms` and `regions` from its own statements and
/// its parent's. Runs only on a portfolio without `extends` cycles.
pub(super) fn apply(p: &mut Portfolio) {
    let n = p.agreements.len();
    let mut done = vec![false; n];
    for i in 0..n {
        resolve_one(p, i, &mut done, 0);
    }
}

fn resolve_one(p: &mut Portfolio, i: usize, done: &mut [bool], depth: usize) {
    if done[i] || depth > p.agreements.len() {
        return;
    }
    let parent = p.agreements[i].extends.as_ref().map(|r| r.value.index);
    if let Some(j) = parent {
        resolve_one(p, j, done, depth + 1);
    }
    // A package sits between the parent and the agreement's own statements: the SLA
    // adopts the package on top of what its parent sets, and says what is its own.
    let package = p.agreements[i]
        .package
        .as_ref()
        .map(|r| Arc::clone(&p.packages[r.value.index].terms));
    let own = &p.agreements[i].own;
    let (base, parent_regions): (Arc<Terms>, Vec<Region>) = match (parent, package) {
        (Some(j), package) => {
            let a = &p.agreements[j];
            let over = match package {
                Some(pk) => merge(&merge(&a.terms, &pk), own),
                None => merge(&a.terms, own),
            };
            (
                Arc::new(over),
                a.regions
                    .iter()
                    .map(|v| (v.name.clone(), v.title.clone(), v.own.clone()))
                    .collect(),
            )
        }
        (None, Some(pk)) => (Arc::new(merge(&pk, own)), Vec::new()),
        (None, None) => (own.clone(), Vec::new()),
    };
    // A termination is the agreement's own: a child of a terminated agreement is a
    // contract of its own and stays in force.
    let base = if base.more.terminated == own.more.terminated {
        base
    } else {
        let mut t = (*base).clone();
        t.more.make_mut().terminated = own.more.terminated;
        Arc::new(t)
    };
    let a = &mut p.agreements[i];
    // Regions: the parent's, merged with the child's region of the same name, then the
    // child's own new ones, in order.
    let mut regions: Vec<Variant> = Vec::with_capacity(parent_regions.len() + a.regions.len());
    for (name, title, own) in parent_regions {
        let mine = a.regions.iter().find(|v| v.name == name);
        let own = mine.map_or_else(|| own.clone(), |m| Arc::new(merge(&own, &m.own)));
        regions.push(Variant {
            title: mine.map_or(title, |m| m.title.clone()),
            span: mine.map_or(a.span, |m| m.span),
            terms: Arc::new(merge(&base, &own)),
            name,
            own,
        });
    }
    for v in &a.regions {
        if regions.iter().all(|r| r.name != v.name) {
            regions.push(Variant {
                name: v.name.clone(),
                title: v.title.clone(),
                terms: Arc::new(merge(&base, &v.own)),
                own: v.own.clone(),
                span: v.span,
            });
        }
    }
    a.terms = base;
    a.regions = regions;
    done[i] = true;
}

/// `over` on top of `base`.
pub(super) fn merge(base: &Terms, over: &Terms) -> Terms {
    Terms {
        provider: over.provider.clone().or_else(|| base.provider.clone()),
        customer: over.customer.clone().or_else(|| base.customer.clone()),
        services: over.services.clone().or_else(|| base.services.clone()),
        valid: over.valid.or(base.valid),
        timezone: over.timezone.clone().or_else(|| base.timezone.clone()),
        fee: over.fee.clone().or_else(|| base.fee.clone()),
        review_every_months: over.review_every_months.or(base.review_every_months),
        reviewed: over.reviewed.or(base.reviewed),
        objectives: keyed(
            &base.objectives,
            &over.objectives,
            |a, b| a.key() == b.key(),
            |_, o| o.clone(),
        ),
        support: match (&base.support, &over.support) {
            (Some(b), Some(o)) => Some(Arc::new(merge_support(b, o))),
            (b, o) => o.clone().or_else(|| b.clone()),
        },
        maintenance: over
            .maintenance
            .clone()
            .or_else(|| base.maintenance.clone()),
        exclusions: keyed(
            &base.exclusions,
            &over.exclusions,
            |a, b| a.id == b.id,
            |_, o| o.clone(),
        ),
        penalties: keyed(
            &base.penalties,
            &over.penalties,
            |a, b| a.on == b.on,
            |_, o| o.clone(),
        ),
        cap: over.cap.or(base.cap),
        // One claim window, however written: the child's replaces the parent's whole.
        claim_within_ms: if over.more.claim_after_cycle.is_some() {
            None
        } else {
            over.claim_within_ms.or(base.claim_within_ms)
        },
        more: merge_more(&base.more, &over.more, over.claim_within_ms.is_some()),
    }
}

/// The rarely written statements, merged like the rest; `over_window` says the child
/// writes its claim window as `claim within`, which replaces the parent's whole. Most
/// children write none of them and share the parent's block.
fn merge_more(base: &More, over: &More, over_window: bool) -> More {
    if over.is_empty() && !(over_window && base.claim_after_cycle.is_some()) {
        return base.clone();
    }
    More::new(TermsMore {
        claim_after_cycle: if over_window {
            None
        } else {
            over.claim_after_cycle.or(base.claim_after_cycle)
        },
        claim_to: over.claim_to.clone().or_else(|| base.claim_to.clone()),
        claim_with: over.claim_with.clone().or_else(|| base.claim_with.clone()),
        credited_as: over.credited_as.or(base.credited_as),
        credit_minimum: over
            .credit_minimum
            .clone()
            .or_else(|| base.credit_minimum.clone()),
        notes: base.notes.iter().chain(&over.notes).cloned().collect(),
        // A region shares its agreement's termination; through `extends` the caller
        // replaces it with the child's own.
        terminated: over.terminated.or(base.terminated),
        dependency_outages: over.dependency_outages.or(base.dependency_outages),
        fiscal_year_start: over.fiscal_year_start.or(base.fiscal_year_start),
    })
}

fn merge_support(base: &Support, over: &Support) -> Support {
    Support {
        during: over.during.clone().or_else(|| base.during.clone()),
        targets: keyed(
            &base.targets,
            &over.targets,
            |a, b| a.kind == b.kind && a.id == b.id,
            |b, o| {
                Arc::new(super::Target {
                    kind: o.kind,
                    id: o.id.clone(),
                    title: o.title.clone().or_else(|| b.title.clone()),
                    response: o.response.clone().or_else(|| b.response.clone()),
                    resolve: o.resolve.clone().or_else(|| b.resolve.clone()),
                    fulfil: o.fulfil.clone().or_else(|| b.fulfil.clone()),
                    during: o.during.clone().or_else(|| b.during.clone()),
                    update_every_ms: o.update_every_ms.or(b.update_every_ms),
                    escalation: o.escalation.clone().or_else(|| b.escalation.clone()),
                    span: o.span,
                    id_span: o.id_span,
                })
            },
        ),
        escalation: over.escalation.clone().or_else(|| base.escalation.clone()),
        span: over.span,
    }
}

/// Items matched by key: a match is combined in the base's place, new ones follow in
/// their own order.
fn keyed<T: Clone>(
    base: &[T],
    over: &[T],
    same: impl Fn(&T, &T) -> bool,
    combine: impl Fn(&T, &T) -> T,
) -> Vec<T> {
    let mut out: Vec<T> = base
        .iter()
        .map(|b| {
            over.iter()
                .find(|o| same(b, o))
                .map_or_else(|| b.clone(), |o| combine(b, o))
        })
        .collect();
    out.extend(
        over.iter()
            .filter(|o| !base.iter().any(|b| same(b, o)))
            .cloned(),
    );
    out.shrink_to_fit();
    out
}
