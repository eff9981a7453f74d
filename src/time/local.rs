//! The calendar's open set in local wall-clock time, and the cumulative
//! "open time so far" function over it.
//!
//! Local time is naive milliseconds since 1970-01-01T00:00 (local). The open
//! set is the weekly pattern repeated forever minus the closures. Queries
//! need `F(l)`, the open time from a fixed origin up to `l`, and its inverse;
//! both come from prefix sums (over one week's intervals, and over the
//! closures, which remove open time) plus binary searches, so their cost does
//! not depend on how far apart the instants are.

use super::units::{DAY, WEEK};

/// 1970-01-05, the first Monday after the epoch: weeks start on Monday.
const MONDAY0: i64 = 4 * DAY;

#[derive(Debug, Clone, Default)]
pub(crate) struct LocalSet {
    /// Merged weekly intervals, ms since Monday 00:00, sorted, disjoint and
    /// not adjacent (merged across midnight, not across the week's end).
    ws: Vec<i64>,
    we: Vec<i64>,
    /// Open time in the week before interval `i` starts.
    wcum: Vec<i64>,
    /// Open time in the week up to the end of interval `i`.
    wcum_end: Vec<i64>,
    week_open: i64,
    full_week: bool,
    /// Merged closures in local ms, sorted, disjoint and not adjacent.
    cs: Vec<i64>,
    ce: Vec<i64>,
    /// `G(cs[j])`, the weekly cumulative function at each closure start.
    gcs: Vec<i64>,
    /// Open time removed by closures before `j`; one more entry than closures.
    removed: Vec<i64>,
    /// `F(cs[j])`, non-decreasing: what the inverse searches.
    fcs: Vec<i64>,
}

/// Sorts and merges half-open intervals, dropping empty ones; adjacent
/// intervals merge too.
pub(crate) fn merge(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.retain(|&(s, e)| s < e);
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

impl LocalSet {
    /// `weekly` in ms since Monday 00:00 within `[0, WEEK]`, `closures` in
    /// local ms; both merged by the caller.
    pub(crate) fn new(weekly: &[(i64, i64)], closures: &[(i64, i64)]) -> LocalSet {
        let mut set = LocalSet::default();
        for &(s, e) in weekly {
            set.ws.push(s);
            set.we.push(e);
            set.wcum.push(set.week_open);
            set.week_open += e - s;
            set.wcum_end.push(set.week_open);
        }
        set.full_week = set.week_open == WEEK;
        let mut removed = 0;
        for &(s, e) in closures {
            let gs = set.g(s);
            set.cs.push(s);
            set.ce.push(e);
            set.gcs.push(gs);
            set.removed.push(removed);
            set.fcs.push(gs - removed);
            removed += set.g(e) - gs;
        }
        set.removed.push(removed);
        set
    }

    /// The merged weekly runs, ms since Monday 00:00 local, in order.
    pub(crate) fn weekly_runs(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.ws.iter().copied().zip(self.we.iter().copied())
    }

    pub(crate) fn week_open(&self) -> i64 {
        self.week_open
    }

    pub(crate) fn full_week(&self) -> bool {
        self.full_week
    }

    /// Open time of the weekly pattern from the origin to `l` (closures
    /// ignored). Exact for the clock's domain; cannot overflow there.
    fn g(&self, l: i64) -> i64 {
        let d = l - MONDAY0;
        let (week, pos) = (d.div_euclid(WEEK), d.rem_euclid(WEEK));
        let k = self.ws.partition_point(|&s| s <= pos);
        let within = if k == 0 {
            0
        } else {
            self.wcum[k - 1] + pos.min(self.we[k - 1]) - self.ws[k - 1]
        };
        week * self.week_open + within
    }

    /// The smallest `l` with `g(l) >= target`; `None` if the week has no open
    /// time or the answer overflows.
    fn g_inv(&self, target: i64) -> Option<i64> {
        if self.week_open == 0 {
            return None;
        }
        // Pick the week so the remainder is in (0, week_open]: a target that
        // is a whole number of weeks lands at the end of the last interval,
        // not at the first opening of the next week.
        let q = (target.checked_sub(1)?).div_euclid(self.week_open);
        let r = target - q * self.week_open;
        let k = self.wcum_end.partition_point(|&c| c < r);
        let pos = self.ws.get(k)? + r - self.wcum[k];
        q.checked_mul(WEEK)?.checked_add(MONDAY0)?.checked_add(pos)
    }

    /// `F(l)`: open time (weekly pattern minus closures) from the origin to
    /// `l`. Continuous and non-decreasing.
    pub(crate) fn f(&self, l: i64) -> i64 {
        let g = self.g(l);
        let j = self.cs.partition_point(|&s| s < l);
        if j == 0 {
            return g;
        }
        let removed = self.removed[j - 1] + self.g(l.min(self.ce[j - 1])) - self.gcs[j - 1];
        g - removed
    }

    /// The smallest `l` with `F(l) >= target`.
    pub(crate) fn f_inv(&self, target: i64) -> Option<i64> {
        // The answer lies between closure k-1 and closure k, where F is `g`
        // minus everything closures 0..k removed.
        let k = self.fcs.partition_point(|&v| v < target);
        self.g_inv(target.checked_add(self.removed[k])?)
    }

    pub(crate) fn contains(&self, l: i64) -> bool {
        let pos = (l - MONDAY0).rem_euclid(WEEK);
        let k = self.ws.partition_point(|&s| s <= pos);
        if k == 0 || pos >= self.we[k - 1] {
            return false;
        }
        let j = self.cs.partition_point(|&s| s <= l);
        j == 0 || l >= self.ce[j - 1]
    }

    /// The first maximal open run that ends after `from`, clipped to start
    /// at `from` at the earliest; `None` if there is none before `limit`.
    /// Long closures are jumped over whole, so this costs O(closures
    /// skipped), not O(weeks).
    pub(crate) fn next_open(&self, from: i64, limit: i64) -> Option<(i64, i64)> {
        if self.week_open == 0 {
            return None;
        }
        let mut cursor = from;
        while cursor < limit {
            let (run_start, run_end) = if self.full_week {
                (cursor, limit)
            } else {
                self.weekly_run_after(cursor)
            };
            let start = run_start.max(cursor);
            if start >= limit {
                return None;
            }
            let j = self.ce.partition_point(|&e| e <= start);
            match (self.cs.get(j), self.ce.get(j)) {
                (Some(&cs), Some(&ce)) if cs <= start => cursor = ce,
                (Some(&cs), _) if cs < run_end => return Some((start, cs)),
                _ => return Some((start, run_end)),
            }
        }
        None
    }

    /// The first closure, as local ms `[start, end)`, that ends after `l`.
    pub(crate) fn closure_after(&self, l: i64) -> Option<(i64, i64)> {
        let j = self.ce.partition_point(|&e| e <= l);
        Some((*self.cs.get(j)?, self.ce[j]))
    }

    /// The closures, as local ms `[start, end)`, that meet `[lo, hi)`, in order.
    pub(crate) fn closures_meeting(
        &self,
        lo: i64,
        hi: i64,
    ) -> impl Iterator<Item = (i64, i64)> + '_ {
        let j = self.ce.partition_point(|&e| e <= lo);
        self.cs[j..]
            .iter()
            .zip(&self.ce[j..])
            .take_while(move |&(&s, _)| s < hi)
            .map(|(&s, &e)| (s, e))
    }

    /// The first weekly run (closures ignored) ending after `at`, merged
    /// across the week's end. Not for a full week, which has no ends.
    fn weekly_run_after(&self, at: i64) -> (i64, i64) {
        let since = at - MONDAY0;
        let (week, pos) = (since.div_euclid(WEEK), since.rem_euclid(WEEK));
        let base = MONDAY0 + week * WEEK;
        let k = self.we.partition_point(|&e| e <= pos);
        let (run_start, mut run_end) = if k < self.ws.len() {
            (base + self.ws[k], base + self.we[k])
        } else {
            (base + WEEK + self.ws[0], base + WEEK + self.we[0])
        };
        // A run ending at Sunday 24:00 goes on if Monday opens at 00:00.
        if (run_end - MONDAY0).rem_euclid(WEEK) == 0 && self.ws[0] == 0 {
            run_end += self.we[0];
        }
        (run_start, run_end)
    }
}
