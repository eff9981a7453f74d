//! The SLA clock proper: openness, open time between instants, deadlines.
//!
//! Each query walks real time stretch by stretch (constant UTC offset, see
//! [`super::tz`]) and inside a stretch evaluates or inverts the local
//! cumulative open-time function (see [`super::local`]). A stretch is at most
//! a year long and offsets change a few times a year, so a query costs
//! O(log n) per stretch crossed, whatever the span.

use super::calendar::Calendar;
use super::instant::Instant;

/// Clamps into the range the clock answers for; time outside it is closed.
fn clamp(t: Instant) -> i64 {
    t.0.clamp(Instant::MIN.0, Instant::MAX.0)
}

impl Calendar {
    /// Is the calendar open at `t`?
    pub fn is_open(&self, t: Instant) -> bool {
        if self.always {
            return true;
        }
        if t < Instant::MIN || t >= Instant::MAX {
            return false;
        }
        let seg = self.zone.segment(t.0);
        self.local.contains(t.0 + seg.offset)
    }

    /// Open time in `[from, to)`, in milliseconds; 0 if `to <= from`.
    pub fn open_time(&self, from: Instant, to: Instant) -> i64 {
        if to <= from {
            return 0;
        }
        if self.always {
            return to.since(from);
        }
        let (mut t, end) = (clamp(from), clamp(to));
        let mut sum = 0;
        while t < end {
            let seg = self.zone.segment(t);
            let e = seg.end.min(end);
            sum += self.local.f(e + seg.offset) - self.local.f(t + seg.offset);
            t = e;
        }
        sum
    }

    /// The earliest instant `u >= from` with `open_time(from, u) == dur`.
    ///
    /// Starting while closed, the clock starts at the next opening; a
    /// deadline that uses up the last minute before a closing is that closing
    /// time. `dur == 0` gives `from`. `None` if `dur < 0`, if the calendar is
    /// never open, or if the answer lies past [`Instant::MAX`].
    pub fn deadline(&self, from: Instant, dur: i64) -> Option<Instant> {
        if dur < 0 {
            return None;
        }
        if dur == 0 {
            return Some(from);
        }
        if self.always {
            return from.checked_add(dur);
        }
        if self.local.week_open() == 0 {
            return None;
        }
        let mut t = clamp(from);
        let mut rem = dur;
        while t < Instant::MAX.0 {
            let seg = self.zone.segment(t);
            let x = t + seg.offset;
            let fx = self.local.f(x);
            let target = fx.checked_add(rem)?;
            let u = self.local.f_inv(target)?.checked_sub(seg.offset)?;
            if u <= seg.end {
                // rem > 0, so the answer is past the start of the stretch.
                debug_assert!(u > t);
                return (u <= Instant::MAX.0).then_some(Instant(u));
            }
            rem -= self.local.f(seg.end + seg.offset) - fx;
            t = seg.end;
        }
        None
    }

    /// The first instant after `t` at which openness differs from openness
    /// at `t`; `None` if it never changes (always open, never open, or not
    /// before [`Instant::MAX`]).
    pub fn next_change(&self, t: Instant) -> Option<Instant> {
        if self.always || self.local.week_open() == 0 || t >= Instant::MAX {
            return None;
        }
        let start = Instant(t.0.max(Instant::MIN.0));
        let mut runs = self.open_runs(start, Instant::MAX);
        let change = match runs.next() {
            // Open at t: the run containing t ends (runs come merged).
            Some((a, b)) if a <= t => b,
            Some((a, _)) => a,
            None => return None,
        };
        (change < Instant::MAX).then_some(change)
    }
}

/// What the clock comparisons (`time::compare`) need to know to tell when two
/// stretches of time look alike: where offsets change and where closures lie.
impl Calendar {
    /// The UTC offset (local minus UTC, ms) in force at `t`.
    pub(crate) fn offset_at(&self, t: Instant) -> i64 {
        self.zone.segment(t.0).offset
    }

    /// The first instant in `(t, limit)` at which the UTC offset changes, and
    /// the new offset. None after 2100 (chrono-tz's tables end in 2099).
    pub(crate) fn next_offset_change(&self, t: Instant, limit: Instant) -> Option<(i64, i64)> {
        self.zone.next_transition(t.0, limit.0)
    }

    /// The start, in local wall-clock ms since 1970-01-01T00:00 (local), of
    /// the first closure that ends after local time `l`.
    pub(crate) fn next_closure(&self, l: i64) -> Option<i64> {
        self.local.closure_after(l).map(|(s, _)| s)
    }

    /// The closures, in local wall-clock ms, that meet local `[lo, hi)`, in order.
    pub(crate) fn closures_meeting(
        &self,
        lo: i64,
        hi: i64,
    ) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.local.closures_meeting(lo, hi)
    }
}
