//! Availability: counted downtime and open time of an objective in the period, exactly, in
//! integer nanoseconds; and the exact comparison of an attainment with a percentage.

use super::clock::{self, Interval};
use super::input::{Nanos, Outage};
use crate::model::{Dependency, Portfolio};
use crate::time::Calendar;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Outages grouped by service, each group sorted by start.
#[derive(Debug, Default)]
pub struct OutageIndex<'a> {
    by_service: HashMap<&'a str, Vec<&'a Outage>>,
}

impl<'a> OutageIndex<'a> {
    pub fn new(outages: &'a [Outage]) -> OutageIndex<'a> {
        let mut by_service: HashMap<&str, Vec<&Outage>> = HashMap::new();
        for o in outages {
            by_service.entry(o.service.as_str()).or_default().push(o);
        }
        for v in by_service.values_mut() {
            v.sort_by_key(|o| (o.start, o.end));
        }
        OutageIndex { by_service }
    }

    /// The outages for which `keep` holds (those that hit one item).
    #[must_use]
    pub fn filtered(&self, keep: impl Fn(&Outage) -> bool) -> OutageIndex<'a> {
        OutageIndex {
            by_service: self
                .by_service
                .iter()
                .map(|(k, v)| (*k, v.iter().copied().filter(|o| keep(o)).collect()))
                .collect(),
        }
    }

    pub fn of(&self, service: &str) -> &[&'a Outage] {
        self.by_service.get(service).map_or(&[], Vec::as_slice)
    }
}

/// What an agreement (variant) says about which downtime counts.
#[derive(Debug)]
pub struct Rules<'a> {
    /// The ids of its `exclude` clauses.
    pub exclusions: Vec<&'a str>,
    pub maintenance: Option<MaintenanceRules>,
    /// The period, `[start, end)`.
    pub period: Interval,
    /// The variant's region; `None` for the base.
    pub region: Option<&'a str>,
    /// Every region the agreement names: the base stands for the rest of the world.
    pub regions: Vec<&'a str>,
}

/// A `maintenance` statement placed in the period.
#[derive(Debug)]
pub struct MaintenanceRules {
    /// Open intervals of the maintenance calendar in the period.
    pub window: Vec<Interval>,
    /// Required notice, in nanoseconds (0 without `notice`).
    pub notice: i64,
    /// The allowance per calendar month, in nanoseconds (`None`: no limit).
    pub max_per_month: Option<i64>,
    /// Month starts in the agreement's zone, then the period's end.
    pub months: Vec<Nanos>,
    /// The allowance per calendar year, in nanoseconds (`max … per year`; `None`: no
    /// limit). Charged with the maintenance of the evaluated period, earliest first.
    pub max_per_year: Option<i64>,
}

impl Rules<'_> {
    /// Does an outage hit this variant? One without a region hits every variant; one in a
    /// region hits that region's variant, or the base when the agreement does not name it.
    pub fn sees(&self, o: &Outage) -> bool {
        region_sees(o.region.as_deref(), self.region, &self.regions)
    }

    /// The downtime of one service that counts under these rules: its outages clipped to
    /// the period, without excluded causes and excused maintenance, merged.
    pub fn counted(&self, outages: &[&Outage]) -> Vec<Interval> {
        let (ps, pe) = self.period;
        let mut counting = Vec::new();
        let mut maintenance = Vec::new();
        // Sorted by start: the outages that can reach into the period.
        let first = outages.partition_point(|o| o.end <= ps);
        for o in &outages[first..] {
            if o.start >= pe {
                break;
            }
            let iv = (o.start.max(ps), o.end.min(pe));
            if iv.0 >= iv.1 || !self.sees(o) || self.exclusions.contains(&o.cause.as_str()) {
                continue;
            }
            match &self.maintenance {
                Some(m)
                    if o.cause == "maintenance"
                        && o.announced.is_some_and(|a| {
                            o.start.checked_sub(a).is_some_and(|lead| lead >= m.notice)
                        }) =>
                {
                    maintenance.push(iv);
                }
                _ => counting.push(iv),
            }
        }
        if let Some(m) = &self.maintenance {
            let maintenance = clock::merge(maintenance);
            let inside = clock::intersect(&maintenance, &m.window);
            let excused = m.allow(&inside);
            counting.extend(clock::subtract(&maintenance, &excused));
        }
        clock::merge(counting)
    }
}

impl MaintenanceRules {
    /// The parts of `inside` (sorted, merged) excused by the monthly allowance, earliest
    /// first.
    fn allow(&self, inside: &[Interval]) -> Vec<Interval> {
        if self.max_per_month.is_none() && self.max_per_year.is_none() {
            return inside.to_vec();
        }
        let max = self.max_per_month.unwrap_or(i64::MAX);
        // Periods are months, quarters or years: every month of one lies in one year.
        let mut year_left = self.max_per_year.unwrap_or(i64::MAX);
        let mut used = vec![0i64; self.months.len()];
        let mut out = Vec::new();
        for &(s, e) in inside {
            let mut a = s;
            while a < e {
                // The month containing `a`.
                let k = self.months.partition_point(|&m| m <= a).saturating_sub(1);
                let month_end = self.months.get(k + 1).copied().unwrap_or(Nanos::MAX);
                let b = e.min(month_end);
                let take = (max - used[k]).min(year_left).clamp(0, b - a);
                if take > 0 {
                    out.push((a, a + take));
                    used[k] += take;
                    year_left -= take;
                }
                a = b;
            }
        }
        out
    }
}

/// Does an outage in `outage` (`None`: everywhere) hit the variant `variant` (`None`: the
/// base) of an agreement that names `regions`?
pub fn region_sees(outage: Option<&str>, variant: Option<&str>, regions: &[&str]) -> bool {
    match (outage, variant) {
        (None, _) => true,
        (Some(r), Some(mine)) => r == mine,
        (Some(r), None) => !regions.contains(&r),
    }
}

/// Counted downtime per service under one set of rules, with or without the dependency
/// graph, memoised.
pub struct Downtime<'p, 'a> {
    portfolio: &'p Portfolio,
    outages: &'p OutageIndex<'a>,
    rules: &'p Rules<'p>,
    propagate: bool,
    memo: HashMap<usize, Vec<Interval>>,
}

impl<'p, 'a> Downtime<'p, 'a> {
    pub fn new(
        portfolio: &'p Portfolio,
        outages: &'p OutageIndex<'a>,
        rules: &'p Rules<'p>,
        propagate: bool,
    ) -> Self {
        Downtime {
            portfolio,
            outages,
            rules,
            propagate,
            memo: HashMap::new(),
        }
    }

    /// Whether dependencies' outages count.
    pub fn propagates(&self) -> bool {
        self.propagate
    }

    /// The intervals in which service `index` is down, counted under the rules. With
    /// propagation a service is also down while a serial dependency is, while every
    /// member of an `any_of` group is, or while more than n − k members of a `k of n`
    /// group are (the graph is acyclic: E0204).
    pub fn of(&mut self, index: usize) -> Vec<Interval> {
        if let Some(v) = self.memo.get(&index) {
            return v.clone();
        }
        let service = &self.portfolio.services[index];
        let mut down = self.rules.counted(self.outages.of(&service.name));
        if self.propagate {
            let mut parts = vec![down];
            for dep in &service.depends_on {
                match dep {
                    Dependency::Service(r) => parts.push(self.of(r.value.index)),
                    Dependency::AnyOf(members) => {
                        let mut all: Option<Vec<Interval>> = None;
                        for m in members {
                            let d = self.of(m.value.index);
                            all = Some(match all {
                                None => d,
                                Some(acc) => clock::intersect(&acc, &d),
                            });
                        }
                        parts.extend(all);
                    }
                    Dependency::KOfN { k, members } => {
                        // Down while fewer than k members are up: n − k + 1 are down.
                        let lists: Vec<Vec<Interval>> =
                            members.iter().map(|m| self.of(m.value.index)).collect();
                        let down = (members.len() + 1).saturating_sub(*k as usize);
                        parts.push(clock::covered_by_at_least(&lists, down));
                    }
                }
            }
            let refs: Vec<&[Interval]> = parts.iter().map(Vec::as_slice).collect();
            down = clock::union(&refs);
        }
        self.memo.insert(index, down.clone());
        down
    }
}

/// An objective's downtime and open time, in nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Availability {
    pub open: i64,
    pub down: i64,
}

/// The availability of one service on calendar `during` in the period, given the open
/// intervals of that calendar in the period.
pub fn availability(
    during: &Calendar,
    open_runs: &[Interval],
    down: &[Interval],
    period: Interval,
) -> Availability {
    Availability {
        open: clock::open_time(during, period.0, period.1),
        down: clock::measure(&clock::intersect(down, open_runs)),
    }
}

/// An attainment as the exact fraction `num / den` of the time or events that went well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub num: i128,
    pub den: i128,
}

impl Share {
    /// Compares `100 × num / den` with `percent`, exactly.
    pub fn cmp_percent(&self, percent: Decimal) -> std::cmp::Ordering {
        if self.den == 0 {
            return std::cmp::Ordering::Greater;
        }
        let p = percent.normalize();
        let lhs = 10i128
            .checked_pow(p.scale())
            .and_then(|s| self.num.checked_mul(100)?.checked_mul(s));
        let rhs = p.mantissa().checked_mul(self.den);
        if let (Some(l), Some(r)) = (lhs, rhs) {
            l.cmp(&r)
        } else {
            let a = self.num as f64 / self.den as f64 * 100.0;
            a.total_cmp(&to_f64(percent))
        }
    }

    /// Orders two shares by value, exactly where the products fit.
    pub fn cmp_share(&self, other: &Share) -> std::cmp::Ordering {
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => (self.num as f64 / self.den as f64)
                .total_cmp(&(other.num as f64 / other.den as f64)),
        }
    }

    /// `100 × num / den` rounded down to `places` decimals, without trailing zeros: a
    /// breach never reads as its target (99.89999… shows 99.8999, not 99.9).
    pub fn percent_floor(&self, places: u32) -> String {
        if self.den <= 0 {
            return "100".into();
        }
        let scale = 10i128.pow(places);
        // Long division, one decimal digit at a time, so no product can overflow.
        let mut scaled = self.num.div_euclid(self.den);
        let mut rest = self.num.rem_euclid(self.den);
        for _ in 0..places + 2 {
            rest = rest.saturating_mul(10);
            scaled = scaled.saturating_mul(10).saturating_add(rest / self.den);
            rest %= self.den;
        }
        let (int, frac) = (scaled.div_euclid(scale), scaled.rem_euclid(scale));
        if frac == 0 {
            return int.to_string();
        }
        let frac = format!("{frac:0width$}", width = places as usize);
        format!("{int}.{}", frac.trim_end_matches('0'))
    }

    /// `100 × (1 − bad / den)` in f64: the one place the exact value is rounded.
    pub fn percent_f64(&self) -> f64 {
        if self.den == 0 {
            return 100.0;
        }
        let bad = self.den - self.num;
        let g = gcd(bad, self.den);
        100.0 * (1.0 - (bad / g) as f64 / (self.den / g) as f64)
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

/// A decimal as the nearest `f64` (through its text, which rounds correctly).
pub fn to_f64(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(f64::NAN)
}
