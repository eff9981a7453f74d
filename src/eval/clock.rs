//! The SLA clock at nanosecond resolution, on top of the millisecond clock of
//! [`crate::time`]. Input timestamps keep their fractional seconds, while a calendar opens
//! and closes only on whole seconds (minutes of local time shifted by whole-second UTC
//! offsets), so openness is constant inside every millisecond and the answers below are
//! exact: the clock is asked about whole milliseconds and the sub-millisecond rest is
//! added where the calendar is open.

use crate::time::{Calendar, Instant};

/// An instant in nanoseconds since the Unix epoch: RFC 3339 allows fractional seconds,
/// and they are never rounded. `i64` nanoseconds cover the years 1678 to 2261.
pub type Nanos = i64;

/// Nanoseconds in a millisecond.
pub const NS_PER_MS: i64 = 1_000_000;

/// Half-open `[start, end)` in nanoseconds.
pub type Interval = (Nanos, Nanos);

fn split(t: Nanos) -> (Instant, i64) {
    (Instant(t.div_euclid(NS_PER_MS)), t.rem_euclid(NS_PER_MS))
}

/// Open time in `[a, b)`, in nanoseconds.
pub fn open_time(cal: &Calendar, a: Nanos, b: Nanos) -> i64 {
    if b <= a {
        return 0;
    }
    if cal.is_always() {
        return b - a;
    }
    let ((am, ar), (bm, br)) = (split(a), split(b));
    let mut t = cal.open_time(am, bm).saturating_mul(NS_PER_MS);
    if ar > 0 && cal.is_open(am) {
        t -= ar;
    }
    if br > 0 && cal.is_open(bm) {
        t += br;
    }
    t
}

/// The earliest instant `u >= a` with `open_time(a, u) == d`; `None` if there is none.
pub fn deadline(cal: &Calendar, a: Nanos, d: i64) -> Option<Nanos> {
    if d <= 0 {
        return (d == 0).then_some(a);
    }
    if cal.is_always() {
        return a.checked_add(d);
    }
    let (am, ar) = split(a);
    // Count from the whole millisecond, adding the open part of it before `a`.
    let total = d.checked_add(if ar > 0 && cal.is_open(am) { ar } else { 0 })?;
    let (dm, dr) = (total / NS_PER_MS, total % NS_PER_MS);
    let u = cal.deadline(am, dm)?;
    if dr == 0 {
        return u.0.checked_mul(NS_PER_MS);
    }
    let s = if cal.is_open(u) {
        u
    } else {
        cal.next_change(u)?
    };
    s.0.checked_mul(NS_PER_MS)?.checked_add(dr)
}

/// The deadline of `d` of open time from `a` when the clock also stops during `pauses`
/// (sorted by start, merged): the earliest instant at which open time minus paused open
/// time reaches `d`.
pub fn deadline_paused(cal: &Calendar, a: Nanos, d: i64, pauses: &[Interval]) -> Option<Nanos> {
    let (mut cur, mut rem) = (a, d);
    for &(ps, pe) in pauses {
        if pe <= cur {
            continue;
        }
        let ps = ps.max(cur);
        let due = deadline(cal, cur, rem)?;
        if due <= ps {
            return Some(due);
        }
        rem -= open_time(cal, cur, ps);
        cur = pe;
    }
    deadline(cal, cur, rem)
}

/// The maximal open intervals of `cal` in `[a, b)`.
pub fn open_intervals(cal: &Calendar, a: Nanos, b: Nanos) -> Vec<Interval> {
    if b <= a {
        return Vec::new();
    }
    if cal.is_always() {
        return vec![(a, b)];
    }
    let from = Instant(a.div_euclid(NS_PER_MS));
    let to = Instant(b.div_euclid(NS_PER_MS) + i64::from(b.rem_euclid(NS_PER_MS) > 0));
    cal.open_runs(from, to)
        .map(|(s, e)| {
            (
                s.0.saturating_mul(NS_PER_MS).max(a),
                e.0.saturating_mul(NS_PER_MS).min(b),
            )
        })
        .filter(|(s, e)| s < e)
        .collect()
}

/// Sorts and merges overlapping or touching intervals; drops empty ones.
pub fn merge(mut v: Vec<Interval>) -> Vec<Interval> {
    v.retain(|(s, e)| s < e);
    v.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The intersection of two sorted, merged interval lists.
pub fn intersect(left: &[Interval], right: &[Interval]) -> Vec<Interval> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < left.len() && j < right.len() {
        let (l, r) = (left[i], right[j]);
        let start = l.0.max(r.0);
        let end = l.1.min(r.1);
        if start < end {
            out.push((start, end));
        }
        if l.1 < r.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The union of sorted, merged interval lists.
pub fn union(lists: &[&[Interval]]) -> Vec<Interval> {
    merge(lists.iter().flat_map(|l| l.iter().copied()).collect())
}

/// Total length.
pub fn measure(v: &[Interval]) -> i64 {
    v.iter().map(|(s, e)| e - s).sum()
}

/// `a` minus `b`, both sorted and merged.
pub fn subtract(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    let mut j = 0;
    for &(s, e) in a {
        let mut cur = s;
        while j < b.len() && b[j].1 <= cur {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 < e {
            if b[k].0 > cur {
                out.push((cur, b[k].0));
            }
            cur = cur.max(b[k].1);
            k += 1;
        }
        if cur < e {
            out.push((cur, e));
        }
    }
    out
}

/// Does `iv` meet any interval of the sorted, merged `set`? An empty `iv` (an instant)
/// meets an interval that contains it.
pub fn overlaps(set: &[Interval], iv: Interval) -> bool {
    let k = set.partition_point(|&(_, e)| e <= iv.0);
    set.get(k)
        .is_some_and(|&(s, e)| s < iv.1.max(iv.0.saturating_add(1)) && iv.0 < e)
}

/// The times covered by at least `m` of the sorted, merged lists (`m` ≥ 1): a `k of n`
/// dependency is down while `n − k + 1` of its members are.
pub fn covered_by_at_least(lists: &[Vec<Interval>], m: usize) -> Vec<Interval> {
    let mut edges: Vec<(Nanos, i32)> = lists
        .iter()
        .flat_map(|l| l.iter().flat_map(|&(s, e)| [(s, 1), (e, -1)]))
        .collect();
    // At one instant ends come before starts: touching intervals do not overlap.
    edges.sort_unstable();
    let m = i32::try_from(m.max(1)).unwrap_or(i32::MAX);
    let (mut depth, mut from) = (0i32, 0);
    let mut out = Vec::new();
    for (t, d) in edges {
        let before = depth;
        depth += d;
        if before < m && depth >= m {
            from = t;
        } else if before >= m && depth < m && from < t {
            out.push((from, t));
        }
    }
    merge(out)
}

/// Drops the stretches of a sorted, merged list shorter than `min` (`downtime { at least
/// D }`): a stretch of `min` or longer counts in full.
pub fn at_least(v: Vec<Interval>, min: i64) -> Vec<Interval> {
    v.into_iter().filter(|(s, e)| e - s >= min).collect()
}
