//! E0402 for deadlines in business days: the first whole minute at which a ticket is due
//! later under a supporter's target than under ours, when either target counts business
//! days (`time::business`) rather than open time.
//!
//! A business-day deadline, as a function of the opening instant `t`, is a step function:
//! it stays the same while `t` runs from just after one day's first opening up to and
//! including the next day's first opening, and moves on one day just after it. An
//! open-time deadline never decreases with `t`. So inside one step of every business-day
//! side (a *piece*): both sides in business days are constant, and the answer is the
//! same for every minute; ours in business days against theirs in open time breaches
//! from some minute on (theirs only grows), so the last minute of the piece says whether
//! it breaches and a binary search finds the first; ours in open time against theirs in
//! business days breaches, if at all, from the first minute of the piece. Every piece's
//! first minute, last minute and (where needed) a binary search between them give the
//! first breach exactly. The search runs in windows of a week and skips windows that
//! look like windows already searched, as the open-time search does (compare/shape.rs):
//! days start at the same places in two windows of the same shape.

use super::business::Length;
use super::calendar::Calendar;
use super::compare::shape::{Shapes, Window};
use super::compare::{first_deadline_breach, DeadlineBreach};
use super::instant::Instant;
use super::units::{MINUTE, WEEK};

/// [`first_deadline_breach`] for deadlines of either [`Length`]: the first whole minute
/// `t` in `[from, to)` at which a ticket opened at `t` is due strictly later under
/// `theirs` than under `ours`.
pub fn first_length_breach(
    ours: &Calendar,
    our: Length,
    theirs: &Calendar,
    their: Length,
    from: Instant,
    to: Instant,
) -> Option<DeadlineBreach> {
    if let (Length::Open(a), Length::Open(b)) = (our, their) {
        return first_deadline_breach(ours, a, theirs, b, from, to);
    }
    let first = ceil_minute(from.0).filter(|&f| f < to.0)?;
    let pair = Pair {
        ours,
        our,
        theirs,
        their,
    };
    let mut shapes = Shapes::new(ours, theirs);
    let mut start = first;
    while start < to.0 {
        let end = start.saturating_add(WEEK).min(to.0);
        let reach = due(ours, our, Instant(end)).map_or(Instant::MAX.0, |d| d.0.max(end));
        match shapes.classify(start, end, reach, to.0) {
            Window::Skip(next) => start = next,
            Window::Search(shape) => {
                if let Some(found) = pair.search(start, end) {
                    return Some(found);
                }
                if let Some(shape) = shape {
                    shapes.remember(shape);
                }
                start = end;
            }
        }
    }
    None
}

/// The deadline of `len` from `t` on `cal`.
pub fn due(cal: &Calendar, len: Length, t: Instant) -> Option<Instant> {
    match len {
        Length::Open(ms) => cal.deadline(t, ms),
        Length::BusinessDays(n) => cal.business_deadline(t, n),
    }
}

struct Pair<'a> {
    ours: &'a Calendar,
    our: Length,
    theirs: &'a Calendar,
    their: Length,
}

impl Pair<'_> {
    fn breach_at(&self, t: i64) -> Option<DeadlineBreach> {
        let ours = due(self.ours, self.our, Instant(t))?;
        let theirs = due(self.theirs, self.their, Instant(t));
        theirs.is_none_or(|th| th > ours).then_some(DeadlineBreach {
            opened: Instant(t),
            ours,
            theirs,
        })
    }

    /// The first breaching minute in `[start, end)` (whole minutes).
    fn search(&self, start: i64, end: i64) -> Option<DeadlineBreach> {
        // Pieces begin at `start` and at the first minute after each day's first opening.
        let mut starts = vec![start];
        for (cal, len) in [(self.ours, self.our), (self.theirs, self.their)] {
            if let Length::BusinessDays(_) = len {
                for f in cal.day_openings(Instant(start), Instant(end)) {
                    if let Some(m) = ceil_minute(f.0.saturating_add(1)) {
                        if m > start && m < end {
                            starts.push(m);
                        }
                    }
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let ours_steps = matches!(self.our, Length::BusinessDays(_));
        for (i, &a) in starts.iter().enumerate() {
            let last = starts.get(i + 1).map_or(end, |&n| n) - MINUTE;
            if let Some(found) = self.breach_at(a) {
                return Some(found);
            }
            if !ours_steps || last <= a || self.breach_at(last).is_none() {
                continue;
            }
            // Breaches from some minute in (a, last] on: the first, by halving.
            let (mut lo, mut hi) = (a / MINUTE, last / MINUTE);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if self.breach_at(mid * MINUTE).is_some() {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return self.breach_at(hi * MINUTE);
        }
        None
    }
}

fn ceil_minute(t: i64) -> Option<i64> {
    t.checked_add(MINUTE - 1)
        .map(|u| u.div_euclid(MINUTE) * MINUTE)
}
