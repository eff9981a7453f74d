//! E0401: availability composition (checks.md). The ceiling of a service is the product of
//! what its dependencies guarantee (`any_of` as 1 − Π(1 − a)); a covered dependency
//! guarantees the best of its supporters' targets, converted in the worst case when they
//! measure over another calendar; an uncovered one is composed from its own dependencies.
//! The worst stretch of X's validity counts. Exact decimals throughout.
//!
//! `k of (m1, …, mn)` is the binomial composition: the probability that at least `k` of
//! `n` independent members are up, Σ_{j=k..n} C(n, j) a^j (1 − a)^(n − j) when every
//! member guarantees `a`, and in general the same sum over the members' own guarantees
//! (the Poisson binomial), computed exactly by [`at_least`]. `1 of` is `any_of`, `n of`
//! the product.

use super::subject::Subject;
use crate::diag::{Code, Diagnostic};
use crate::model::supporters::{reached, Supporter};
use crate::model::{AgreementKind, Dependency, ObjectiveKind, Portfolio};
use crate::time::{Calendar, Instant};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

/// Calendars without their closures: the conversion ignores holidays.
pub(crate) struct Plain(pub Vec<Calendar>);

impl Plain {
    pub(crate) fn new(p: &Portfolio) -> Plain {
        Plain(
            p.calendars
                .iter()
                .map(|c| Calendar::new(c.clock.tz(), c.clock.weekly(), &[]))
                .collect(),
        )
    }
}

pub(crate) fn pct(fraction: Decimal) -> String {
    format!(
        "{}%",
        (fraction * Decimal::ONE_HUNDRED).round_dp(6).normalize()
    )
}

struct Ctx<'a, 'p> {
    p: &'p Portfolio,
    plain: &'a Plain,
    in_force: Vec<&'a Supporter<'p>>,
    x_cal: usize,
    week: (Instant, Instant),
}

impl Ctx<'_, '_> {
    /// The best converted target of the supporters covering `service`, with its text.
    fn covered(&self, service: usize) -> Option<(Decimal, String)> {
        let mut best: Option<(Decimal, String)> = None;
        for s in &self.in_force {
            if !s.covers.contains(&service) {
                continue;
            }
            for o in s.terms.objective(ObjectiveKind::Availability) {
                if o.service.as_ref().is_some_and(|r| r.value.index != service) {
                    continue;
                }
                let Some(t) = &o.target else { continue };
                let a = t.value / Decimal::ONE_HUNDRED;
                let s_cal = o
                    .during
                    .as_ref()
                    .map_or(crate::model::ALWAYS, |c| c.value.index);
                let (v, how) = if s_cal == self.x_cal {
                    (a, String::new())
                } else {
                    (
                        self.convert(a, s_cal),
                        format!(
                            ", {} over `{}` converted to `{}`",
                            pct(a),
                            self.p.calendars[s_cal].name,
                            self.p.calendars[self.x_cal].name
                        ),
                    )
                };
                if best.as_ref().is_none_or(|(b, _)| v > *b) {
                    let text = format!(
                        "{} {} ({}{how})",
                        self.p.services[service].name,
                        pct(v),
                        s.agreement.name
                    );
                    best = Some((v, text));
                }
            }
        }
        best
    }

    /// The concrete fix when a supporter of `services` measures availability over
    /// `always` while X measures over fewer hours: the worst-case conversion lets all of
    /// its allowance fall inside X's hours. What it would take: measuring over X's
    /// calendar, or the target over `always` that still backs `want`.
    fn over_always(&self, services: &[usize], want: Decimal) -> Option<String> {
        let always = crate::model::ALWAYS;
        if self.x_cal == always {
            return None;
        }
        let (from, to) = self.week;
        let open_x = Decimal::from(self.plain.0[self.x_cal].open_time(from, to));
        let open_s = Decimal::from(self.plain.0[always].open_time(from, to));
        if open_s.is_zero() {
            return None;
        }
        let x_name = &self.p.calendars[self.x_cal].name;
        for s in &self.in_force {
            for o in s.terms.objective(ObjectiveKind::Availability) {
                let Some(t) = &o.target else { continue };
                let serves = services.iter().any(|v| {
                    s.covers.contains(v) && o.service.as_ref().is_none_or(|r| r.value.index == *v)
                });
                if !serves || o.during.as_ref().is_some_and(|c| c.value.index != always) {
                    continue;
                }
                let a = t.value / Decimal::ONE_HUNDRED;
                if self.convert(a, always) >= want {
                    continue;
                }
                // Rounded up to a thousandth of a percent, so that it backs `want`.
                let needed =
                    (Decimal::ONE - (Decimal::ONE - want) * open_x / open_s) * Decimal::ONE_HUNDRED;
                let needed = needed
                    .round_dp_with_strategy(3, rust_decimal::RoundingStrategy::AwayFromZero)
                    .normalize();
                return Some(format!(
                    "`{}` measures its {} over `always` (it has no `during`), so all of its allowed downtime may fall in the hours of `{x_name}`: add `during {x_name}` to its availability, or raise it to {needed}% over `always`",
                    s.agreement.name,
                    pct(a),
                ));
            }
        }
        None
    }

    /// Worst case per week: the supporter's whole allowance may fall inside X's hours,
    /// and X's hours the supporter does not count may all be down.
    fn convert(&self, a: Decimal, s_cal: usize) -> Decimal {
        let (from, to) = self.week;
        let x = &self.plain.0[self.x_cal];
        let s = &self.plain.0[s_cal];
        let open_x = Decimal::from(x.open_time(from, to));
        if open_x.is_zero() {
            return a;
        }
        let open_s = Decimal::from(s.open_time(from, to));
        let uncovered: i64 = x
            .uncovered_by(s, from, to)
            .iter()
            .map(|(a, b)| b.since(*a))
            .sum();
        let down = ((Decimal::ONE - a) * open_s + Decimal::from(uncovered)).min(open_x);
        Decimal::ONE - down / open_x
    }

    /// What `service` guarantees as a dependency.
    fn guarantee(&self, service: usize, depth: usize) -> (Decimal, String) {
        if let Some(c) = self.covered(service) {
            return c;
        }
        let name = &self.p.services[service].name;
        if self.p.services[service].depends_on.is_empty() || depth > self.p.services.len() {
            return (Decimal::ONE, format!("{name} 100% (not covered)"));
        }
        let (v, text) = self.ceiling(service, depth + 1);
        (v, format!("{name} (not covered: {text})"))
    }

    /// The product over a service's dependencies.
    fn ceiling(&self, service: usize, depth: usize) -> (Decimal, String) {
        let mut value = Decimal::ONE;
        let mut parts = Vec::new();
        for d in &self.p.services[service].depends_on {
            match d {
                Dependency::Service(r) => {
                    let (v, t) = self.guarantee(r.value.index, depth);
                    value *= v;
                    parts.push(t);
                }
                Dependency::AnyOf(ms) => {
                    let mut down = Decimal::ONE;
                    let mut texts = Vec::new();
                    for m in ms {
                        let (v, t) = self.guarantee(m.value.index, depth);
                        down *= Decimal::ONE - v;
                        texts.push(t);
                    }
                    let v = Decimal::ONE - down;
                    value *= v;
                    parts.push(format!("any_of({}) = {}", texts.join(", "), pct(v)));
                }
                Dependency::KOfN { k, members } => {
                    let (vs, texts): (Vec<Decimal>, Vec<String>) = members
                        .iter()
                        .map(|m| self.guarantee(m.value.index, depth))
                        .unzip();
                    let v = at_least(*k as usize, &vs);
                    value *= v;
                    parts.push(format!("{k} of ({}) = {}", texts.join(", "), pct(v)));
                }
            }
        }
        if parts.is_empty() {
            return (Decimal::ONE, "no dependencies, 100%".into());
        }
        (value, parts.join(" × "))
    }
}

/// The probability that at least `k` of independent members with availabilities `a` are
/// up: `p[j]` is the probability that exactly `j` of the members seen so far are up, each
/// member shifting it by `p'[j] = p[j] (1 − a) + p[j − 1] a`. Exact decimals, n² steps.
pub(crate) fn at_least(k: usize, a: &[Decimal]) -> Decimal {
    let mut p = vec![Decimal::ZERO; a.len() + 1];
    p[0] = Decimal::ONE;
    for (i, &ai) in a.iter().enumerate() {
        for j in (0..=i + 1).rev() {
            let stay = p[j] * (Decimal::ONE - ai);
            let up = if j > 0 { p[j - 1] * ai } else { Decimal::ZERO };
            p[j] = stay + up;
        }
    }
    p.iter().skip(k).copied().sum::<Decimal>().min(Decimal::ONE)
}

/// The first Monday 00:00 UTC on or after `from`, and a week later.
fn first_week(from: NaiveDate) -> (Instant, Instant) {
    let ahead = (7 - from.weekday().num_days_from_monday()) % 7;
    let monday = from
        .checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(from);
    let start = monday
        .and_hms_opt(0, 0, 0)
        .map_or(Instant::from_millis(0), |d| Instant::from(d.and_utc()));
    (start, start.saturating_add(7 * 86_400_000))
}

pub(super) fn check(subject: &Subject<'_>, plain: &Plain, diags: &mut Vec<Diagnostic>) {
    let (p, x, region, terms, window, sups) = (
        subject.portfolio,
        subject.agreement,
        subject.region,
        subject.terms,
        subject.window,
        &subject.supporters[..],
    );
    // Stretches of X's validity in which the set of supporters in force does not change.
    let mut cuts: Vec<NaiveDate> = vec![window.from];
    for s in sups {
        for d in [Some(s.overlap.from), s.overlap.to.succ_opt()]
            .into_iter()
            .flatten()
        {
            if d > window.from && d <= window.to {
                cuts.push(d);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let own: Vec<usize> = terms.service_refs().iter().map(|r| r.index).collect();
    for o in terms.objective(ObjectiveKind::Availability) {
        let Some(target) = &o.target else { continue };
        let want = target.value / Decimal::ONE_HUNDRED;
        let services: Vec<usize> = o
            .service
            .as_ref()
            .map_or_else(|| own.clone(), |s| vec![s.value.index]);
        let x_cal = o
            .during
            .as_ref()
            .map_or(crate::model::ALWAYS, |c| c.value.index);
        for &service in &services {
            let mut worst: Option<(Decimal, String, NaiveDate, NaiveDate)> = None;
            for (i, &start) in cuts.iter().enumerate() {
                let end = cuts
                    .get(i + 1)
                    .and_then(NaiveDate::pred_opt)
                    .unwrap_or(window.to);
                let ctx = Ctx {
                    p,
                    plain,
                    in_force: sups
                        .iter()
                        .filter(|s| s.overlap.from <= start && start <= s.overlap.to)
                        .collect(),
                    x_cal,
                    week: first_week(window.from),
                };
                let (mut v, mut text) = ctx.ceiling(service, 0);
                if x.kind == AgreementKind::Sla {
                    if let Some((c, ctext)) = ctx.covered(service) {
                        if c < v {
                            v = c;
                            text = ctext;
                        }
                    }
                }
                if worst.as_ref().is_none_or(|(w, ..)| v < *w) {
                    worst = Some((v, text, start, end));
                }
            }
            let Some((v, text, start, end)) = worst else {
                continue;
            };
            if v >= want {
                continue;
            }
            let name = match region {
                Some(r) => format!("`{}` (region {})", x.name, r.name),
                None => format!("`{}`", x.name),
            };
            let when = if cuts.len() > 1 {
                format!(" from {start} to {end}")
            } else {
                String::new()
            };
            let mut graph = vec![service];
            graph.extend(reached(p, &[service]));
            let d = Diagnostic::new(
                    Code::E0401,
                    target.span,
                    format!(
                        "availability {} of {name} for `{}` is not backed{when}: {} ≤ {text} = {} < {}",
                        pct(want),
                        p.services[service].name,
                        p.services[service].name,
                        pct(v),
                        pct(want)
                    ),
                )
                .primary(format!("promises {}", pct(want)))
                .help(format!(
                    "the supporting OLAs and UCs guarantee at most {}; raise their targets, add redundancy with `any_of`, or promise at most {}",
                    pct(v),
                    pct(v)
                ));
            let ctx = Ctx {
                p,
                plain,
                in_force: sups
                    .iter()
                    .filter(|s| s.overlap.from <= start && start <= s.overlap.to)
                    .collect(),
                x_cal,
                week: first_week(window.from),
            };
            let d = match ctx.over_always(&graph, want) {
                Some(help) => Diagnostic {
                    help: Some(help),
                    ..d
                },
                None => d,
            };
            diags.push(subject.with_reasons(d, &graph));
        }
    }
}
