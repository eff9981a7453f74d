//! Downtime defined by error rates (language.md §4.1): the requests of each interval of
//! D, cut from the start of the period, decide the objective. `errors above P per D`
//! makes an interval with more than P failed requests downtime in full (then judged
//! like outages); `average error rate per D` makes the attainment 100% minus the mean of
//! the intervals' error rates, an interval without requests counting 0%.

use super::attainment::Share;
use super::clock::{Interval, Nanos};
use super::input::Request;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Requests rows grouped by service, each group sorted by start.
#[derive(Debug, Default)]
pub struct RequestIndex<'a> {
    by_service: HashMap<&'a str, Vec<&'a Request>>,
}

impl<'a> RequestIndex<'a> {
    pub fn new(rows: &'a [Request]) -> RequestIndex<'a> {
        let mut by_service: HashMap<&str, Vec<&Request>> = HashMap::new();
        for r in rows {
            by_service.entry(r.service.as_str()).or_default().push(r);
        }
        for v in by_service.values_mut() {
            v.sort_by_key(|r| r.start);
        }
        RequestIndex { by_service }
    }

    pub fn of(&self, service: &str) -> &[&'a Request] {
        self.by_service.get(service).map_or(&[], Vec::as_slice)
    }
}

/// Does `t` begin an interval of `d` nanoseconds cut from `period_start`?
pub fn aligned(period_start: Nanos, d: i64, t: Nanos) -> bool {
    d > 0 && t >= period_start && (t - period_start) % d == 0
}

/// Failed and all requests per interval start: the rows of one interval are summed (a
/// file may hold one row per host or per endpoint).
pub type Counts = BTreeMap<Nanos, (u128, u128)>;

/// Sums the rows that begin an interval of `d` from `period_start` inside `judged`.
pub fn counts<'r>(
    rows: impl Iterator<Item = &'r Request>,
    period_start: Nanos,
    d: i64,
    judged: &[Interval],
) -> Counts {
    let mut out = Counts::new();
    for r in rows {
        if aligned(period_start, d, r.start) && inside(judged, r.start) {
            let c = out.entry(r.start).or_default();
            c.0 += u128::from(r.errors);
            c.1 += u128::from(r.total);
        }
    }
    out
}

fn inside(set: &[Interval], t: Nanos) -> bool {
    set.iter().any(|&(a, b)| a <= t && t < b)
}

/// Is `errors ÷ total` above `percent`? Exactly: errors × 100 × 10^scale > mantissa ×
/// total. No requests is no error.
pub fn above(errors: u128, total: u128, percent: Decimal) -> bool {
    if total == 0 {
        return false;
    }
    let p = percent.normalize();
    let mantissa = u128::try_from(p.mantissa()).unwrap_or(0);
    let lhs = 10u128
        .checked_pow(p.scale())
        .and_then(|s| errors.checked_mul(100)?.checked_mul(s));
    match (lhs, mantissa.checked_mul(total)) {
        (Some(l), Some(r)) => l > r,
        _ => errors as f64 / total as f64 * 100.0 > super::attainment::to_f64(percent),
    }
}

/// `errors above P per D`: the intervals of `d` whose error rate is above `percent`, each
/// in full, clipped to `period`; sorted and merged.
pub fn failing(counts: &Counts, d: i64, period: Interval, percent: Decimal) -> Vec<Interval> {
    let v = counts
        .iter()
        .filter(|(_, &(e, t))| above(e, t, percent))
        .map(|(&s, _)| (s, s.saturating_add(d).min(period.1)))
        .filter(|(a, b)| a < b)
        .collect();
    super::clock::merge(v)
}

/// How many intervals of `d` from `period_start` begin inside `set` (sorted, disjoint).
pub fn intervals_in(set: &[Interval], period_start: Nanos, d: i64) -> i64 {
    // The number of grid points k·d + period_start in [a, b): ⌈(b − s)/d⌉ − ⌈(a − s)/d⌉.
    let ceil = |x: i64| x.max(0).div_euclid(d) + i64::from(x.max(0).rem_euclid(d) != 0);
    set.iter()
        .map(|&(a, b)| ceil(b - period_start) - ceil(a - period_start))
        .sum()
}

/// `average error rate per D`: 100% minus the mean error rate of `n` intervals, of which
/// those in `counts` had requests (the others count 0%). Exact as a fraction while it
/// fits in 128 bits, else in decimals to 28 significant digits. `None` without intervals.
pub fn average(counts: &Counts, n: i64) -> Option<Share> {
    if n <= 0 {
        return None;
    }
    let n = i128::from(n);
    // The sum of the rates, a / b in lowest terms.
    let mut exact: Option<(i128, i128)> = Some((0, 1));
    let mut approx = Decimal::ZERO;
    for &(e, t) in counts.values() {
        if t == 0 || e == 0 {
            continue;
        }
        approx += Decimal::from_i128_with_scale(i128::try_from(e).ok()?, 0)
            .checked_div(Decimal::from_i128_with_scale(i128::try_from(t).ok()?, 0))?;
        exact = exact.and_then(|(a, b)| {
            let (e, t) = (i128::try_from(e).ok()?, i128::try_from(t).ok()?);
            let num = a.checked_mul(t)?.checked_add(e.checked_mul(b)?)?;
            let den = b.checked_mul(t)?;
            let g = gcd(num, den);
            Some((num / g, den / g))
        });
    }
    if let Some(share) = exact.and_then(|(a, b)| {
        let den = b.checked_mul(n)?;
        Some(Share {
            num: den.checked_sub(a)?,
            den,
        })
    }) {
        return Some(share);
    }
    let rest =
        (Decimal::ONE - approx.checked_div(Decimal::from_i128_with_scale(n, 0))?).normalize();
    Some(Share {
        num: rest.mantissa(),
        den: 10i128.checked_pow(rest.scale())?,
    })
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_exact() {
        let p = Decimal::new(5, 0);
        assert!(!above(5, 100, p));
        assert!(above(6, 100, p));
        assert!(!above(0, 0, p));
        assert!(above(1, 19, p)); // 5.26%
        assert!(!above(1, 20, p)); // 5%
    }

    #[test]
    fn grid_counts() {
        // Period [0, 30), intervals of 5: starts 0, 5, …, 25.
        assert_eq!(intervals_in(&[(0, 30)], 0, 5), 6);
        assert_eq!(intervals_in(&[(1, 30)], 0, 5), 5);
        assert_eq!(intervals_in(&[(0, 26)], 0, 5), 6);
        assert_eq!(intervals_in(&[(0, 25)], 0, 5), 5);
        assert!(aligned(0, 5, 10) && !aligned(0, 5, 11) && !aligned(10, 5, 5));
    }

    #[test]
    fn average_of_rates_with_empty_intervals_at_zero() {
        // Two intervals of four with requests: 1/10 and 1/5; mean (0.1 + 0.2) / 4 = 0.075.
        let mut c = Counts::new();
        c.insert(0, (1, 10));
        c.insert(5, (2, 10));
        c.insert(10, (0, 0));
        let s = average(&c, 4).expect("share");
        assert_eq!(s.num * 1000, 925 * s.den);
    }
}
