//! Who judges what: the SLA variants in force in the period, the part of the period each
//! is in force (its validity, clipped), and for each (customer, service) pair it covers
//! the time in which it is the most specific SLA in force for that pair (docs/cli.md,
//! "Which agreements"). Every other part of eval reads these windows, so an outage or a
//! ticket is judged once per pair, never by a more general SLA as well.

use super::clock::{self, Interval};
use super::period::Period;
use crate::model::periods::validity_bounds;
use crate::model::{Agreement, AgreementKind, Level, PartyKind, Portfolio, Terms, Variant};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A customer of a covered pair; `None` stands for any customer (an SLA without a
/// customer in a portfolio that names none).
pub type Customer = Option<usize>;

/// One SLA variant (the base or a region) in force for part of the period.
pub struct Judge<'p> {
    pub agreement: &'p Agreement,
    pub variant: Option<&'p Variant>,
    pub terms: &'p Terms,
    /// The period in the agreement's zone.
    pub period: Interval,
    /// The part of the period inside the validity.
    pub in_force: Interval,
    /// For each (customer, service) pair the agreement covers, the time it judges that
    /// pair: in force and not judged by a more specific SLA. Empty sets are kept out.
    pub pairs: Sorted<(Customer, usize), Vec<Interval>>,
    /// The more specific SLAs that take some of its pairs, by name.
    pub shadowed_by: BTreeSet<&'p str>,
    /// Did it cover any pair before the more specific SLAs took theirs?
    pub covers_something: bool,
    /// Every service it judges, with the union of the times it judges it for any customer.
    services: Sorted<usize, Vec<Interval>>,
}

/// A small map kept as a list sorted by key. A judge covers one pair or a few, and a
/// `BTreeMap`'s first node alone is about half a kilobyte: with tens of thousands of
/// judges, the two maps of each were a tenth of eval's memory.
#[derive(Debug)]
pub struct Sorted<K, V>(Vec<(K, V)>);

impl<K: Ord, V> Sorted<K, V> {
    pub fn get(&self, key: &K) -> Option<&V> {
        self.0
            .binary_search_by(|(k, _)| k.cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.into_iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord, V> From<BTreeMap<K, V>> for Sorted<K, V> {
    fn from(map: BTreeMap<K, V>) -> Self {
        Sorted(map.into_iter().collect())
    }
}

impl<'a, K, V> IntoIterator for &'a Sorted<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'p> Judge<'p> {
    pub fn region(&self) -> Option<&'p str> {
        self.variant.map(|v| v.name.as_str())
    }

    /// Every service it judges, with the union of the times it judges it for any customer.
    pub fn services(&self) -> &Sorted<usize, Vec<Interval>> {
        &self.services
    }

    /// Does an outage in `region` (`None`: everywhere) hit this variant? See
    /// [`region_sees`](super::attainment::region_sees).
    pub fn sees_outage(&self, region: Option<&str>) -> bool {
        let named: Vec<&str> = self
            .agreement
            .regions
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        super::attainment::region_sees(region, self.region(), &named)
    }

    /// Does a ticket of `region` (`None`: no region) belong to this variant? To the
    /// region's variant when the agreement names that region, else to the base, which
    /// stands for the rest of the world (as for outages).
    pub fn takes_region(&self, region: Option<&str>) -> bool {
        let named = region.filter(|r| self.agreement.regions.iter().any(|v| v.name == *r));
        named == self.region()
    }

    /// The time it judges a ticket of `customer` on `service`.
    pub fn window(&self, customer: usize, service: usize) -> Option<&[Interval]> {
        self.pairs
            .get(&(Some(customer), service))
            .or_else(|| self.pairs.get(&(None, service)))
            .map(Vec::as_slice)
    }

    /// Does a charge of `customer` for `service` in `region` belong to this agreement's
    /// `fee from charges`? When it judges the pair, and the region is its own (a region
    /// the agreement does not name belongs to the base, as for tickets).
    pub fn takes_charge(&self, customer: usize, service: usize, region: Option<&str>) -> bool {
        matches!(
            self.terms.fee.as_ref().map(|f| &f.value),
            Some(crate::model::Fee::Charges)
        ) && self.window(customer, service).is_some()
            && self.takes_region(region)
    }

    /// The time whose charges this agreement reads: the part of the period in force, and
    /// before it the previous month or the N days before the claim its penalties take
    /// their percentages of (language.md §7.1; the claim made when the period ends).
    pub fn charge_span(&self) -> Interval {
        let end = self.period.1;
        let mut from = self.in_force.0;
        for pen in &self.terms.penalties {
            let start = match pen.basis.as_ref().map(|b| b.value) {
                Some(crate::model::CreditBasis::PreviousMonth) => {
                    let tz = self.terms.tz();
                    let last = chrono::DateTime::from_timestamp_nanos(end - 1)
                        .with_timezone(&tz)
                        .date_naive();
                    crate::model::periods::Period::containing(
                        crate::model::periods::PeriodKind::Month,
                        last,
                    )
                    .bounds(tz)
                    .0
                }
                Some(crate::model::CreditBasis::BeforeClaim(ms)) => {
                    end.saturating_sub(ms.saturating_mul(super::input::NS_PER_MS))
                }
                _ => continue,
            };
            from = from.min(start);
        }
        (from, end)
    }

    /// The stretch an objective with `window` is judged over in `period`
    /// (`model::periods::judged_span`): the period, or the rolling window that ends with
    /// it; `None` when it is not judged in this period.
    pub fn span(&self, period: Period, window: crate::model::Window) -> Option<Interval> {
        crate::model::periods::judged_span(&period, window, self.period)
    }

    /// Real time in force ÷ real length of the period, as nanoseconds.
    pub fn in_force_share(&self) -> (i64, i64) {
        (
            self.in_force.1 - self.in_force.0,
            self.period.1 - self.period.0,
        )
    }
}

/// The (customer, service) pairs an agreement covers: its customer (every customer party
/// without one) with its `services`, or else with that customer's subscriptions.
fn pairs(p: &Portfolio, terms: &Terms, party: &HashMap<&str, usize>) -> Vec<(Customer, usize)> {
    let explicit: Option<Vec<usize>> = terms
        .services
        .as_ref()
        .map(|s| s.value.iter().map(|r| r.value.index).collect());
    let customers: Vec<usize> = match &terms.customer {
        Some(c) => party
            .get(c.value.name.as_str())
            .copied()
            .into_iter()
            .collect(),
        None => (0..p.parties.len())
            .filter(|&i| p.parties[i].kind == PartyKind::Customer)
            .collect(),
    };
    let mut out = Vec::new();
    for &c in &customers {
        match &explicit {
            Some(services) => out.extend(services.iter().map(|&s| (Some(c), s))),
            None => out.extend(
                p.parties[c]
                    .subscribes
                    .iter()
                    .map(|r| (Some(c), r.value.index)),
            ),
        }
    }
    if customers.is_empty() && terms.customer.is_none() {
        out.extend(explicit.iter().flatten().map(|&s| (None, s)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// An SLA that may take a pair from a more general one: its rank, the time its base is
/// in force in the period, its name.
type Taker<'p> = (u8, Interval, &'p str);

/// How specific an SLA is: service level over customer level over corporate.
fn rank(level: Level) -> u8 {
    match level {
        Level::Corporate => 0,
        Level::Customer => 1,
        Level::Service => 2,
    }
}

/// Every SLA variant whose validity overlaps the period, with what it judges.
pub fn judges(portfolio: &Portfolio, period: Period) -> Vec<Judge<'_>> {
    judges_of(portfolio, period, |k| k == AgreementKind::Sla)
}

/// Every OLA and UC variant in force in the period, judged among themselves as SLAs are
/// (`slac report`: what the provider may recover from its supporters). They never take a
/// pair from an SLA nor an SLA from them: the two sides are judged apart.
pub fn underpinning(portfolio: &Portfolio, period: Period) -> Vec<Judge<'_>> {
    judges_of(portfolio, period, |k| k != AgreementKind::Sla)
}

fn judges_of(
    portfolio: &Portfolio,
    period: Period,
    side: impl Fn(AgreementKind) -> bool,
) -> Vec<Judge<'_>> {
    let party: HashMap<&str, usize> = portfolio
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    let slas: Vec<&Agreement> = portfolio
        .agreements
        .iter()
        .filter(|a| side(a.kind))
        .collect();
    // Each SLA's base: in force when, covering which pairs. A more specific SLA takes a
    // pair for the time its base is in force.
    let bases: Vec<(Interval, Vec<(Customer, usize)>)> = slas
        .iter()
        .map(|a| {
            let (ps, pe) = crate::model::periods::agreement_bounds(&a.terms, &period);
            let (vs, ve) = validity_bounds(&a.terms);
            ((vs.max(ps), ve.min(pe)), pairs(portfolio, &a.terms, &party))
        })
        .collect();
    // Who could take each pair: (rank, in-force window, name), built once.
    let mut takers: HashMap<(Customer, usize), Vec<Taker<'_>>> = HashMap::new();
    for (a, (window, covered)) in slas.iter().zip(&bases) {
        if window.0 < window.1 {
            for pair in covered {
                takers
                    .entry(*pair)
                    .or_default()
                    .push((rank(a.level), *window, a.name.as_str()));
            }
        }
    }
    let mut out = Vec::new();
    for a in &slas {
        for (variant, terms) in a.variants() {
            let (ps, pe) = crate::model::periods::agreement_bounds(terms, &period);
            let (vs, ve) = validity_bounds(terms);
            let in_force = (vs.max(ps), ve.min(pe));
            if in_force.0 >= in_force.1 {
                continue;
            }
            let covered = pairs(portfolio, terms, &party);
            let mut judge = Judge {
                agreement: a,
                variant,
                terms,
                period: (ps, pe),
                in_force,
                pairs: Sorted(Vec::new()),
                shadowed_by: BTreeSet::new(),
                covers_something: !covered.is_empty(),
                services: Sorted(Vec::new()),
            };
            let mut pairs = BTreeMap::new();
            let mine = rank(a.level);
            for pair in covered {
                let mut taken = Vec::new();
                for &(r, window, name) in takers.get(&pair).into_iter().flatten() {
                    if r > mine && window.0 < in_force.1 && in_force.0 < window.1 {
                        taken.push(window);
                        judge.shadowed_by.insert(name);
                    }
                }
                let left = clock::subtract(&[in_force], &clock::merge(taken));
                if !left.is_empty() {
                    pairs.insert(pair, left);
                }
            }
            let mut by_service: BTreeMap<usize, Vec<Interval>> = BTreeMap::new();
            for (&(_, s), t) in &pairs {
                by_service.entry(s).or_default().extend_from_slice(t);
            }
            judge.pairs = pairs.into();
            judge.services = Sorted(
                by_service
                    .into_iter()
                    .map(|(s, t)| (s, clock::merge(t)))
                    .collect(),
            );
            out.push(judge);
        }
    }
    out
}
