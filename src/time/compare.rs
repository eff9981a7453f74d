//! The clock questions behind E0402 (deadline not backed) and E0403 (support
//! hours not covered), asked of plain calendars: no AST, no diagnostics.
//!
//! E0402 asks for the first whole minute at which a ticket would be due later
//! under a supporter's clock than under ours. Stepping minute by minute over a
//! two-year overlap is a million deadlines per pair; instead this uses the
//! shape of the deadline function `D(t) = deadline(t, d)`. With `O` the
//! cumulative open time, `D(t)` is the smallest `u` with `O(u) = O(t) + d`, so
//! it is non-decreasing and piecewise affine with slope 0 (while `t` is
//! closed) or 1, and it can only bend or jump where `t` crosses a change of
//! openness or where `D(t)` lands on one (the jump over a closed gap; `D` is
//! left-continuous there, because a deadline that uses the last open minute
//! is the closing time). Between consecutive such breakpoints the difference
//! of two deadline functions is affine, so its first negative point is solved
//! for, not searched.
//!
//! Both searches run in windows of one week and skip every window that looks
//! like one already searched without a finding (`shape`): the same offsets,
//! the same offset changes at the same places, no closure near. So a
//! comparison costs a few windows per closure and per daylight-saving change
//! in its range, whatever its length: a validity to 9999-12-31 with a closure
//! on 9999-12-25 costs about what a closure next year does.

pub(super) mod shape;

use std::cell::Cell;

use super::calendar::Calendar;
use super::instant::Instant;
use super::units::{MINUTE, WEEK};
use shape::{Shapes, Window};

/// A ticket opened at `opened` is due at `ours` under the agreement being
/// checked and only at `theirs` under its supporter.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct DeadlineBreach {
    pub opened: Instant,
    pub ours: Instant,
    /// `None`: the supporter's clock never runs out (its calendar has no
    /// open time left), which no deadline of ours can wait for.
    pub theirs: Option<Instant>,
}

/// What a memo of pair checks should be keyed on.
///
/// A portfolio has thousands of agreement pairs but only a handful of
/// calendars, durations and validity windows, and the answers depend on
/// nothing else. `C` is the caller's calendar identity (an id in the resolved
/// portfolio, or an index): [`Calendar`] itself is not hashed, because equal
/// calendars are already one id after resolution and hashing the tables on
/// every lookup would cost more than it saves. For [`first_uncovered`] the
/// durations play no part; key it with [`PairKey::coverage`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct PairKey<C> {
    pub ours: C,
    pub our_dur: i64,
    pub theirs: C,
    pub their_dur: i64,
    pub from: Instant,
    pub to: Instant,
}

impl<C> PairKey<C> {
    /// The key of a [`first_deadline_breach`] question.
    pub fn deadline(
        ours: C,
        our_dur: i64,
        theirs: C,
        their_dur: i64,
        from: Instant,
        to: Instant,
    ) -> PairKey<C> {
        PairKey {
            ours,
            our_dur,
            theirs,
            their_dur,
            from,
            to,
        }
    }

    /// The key of a [`first_uncovered`] question (durations zero).
    pub fn coverage(ours: C, theirs: C, from: Instant, to: Instant) -> PairKey<C> {
        PairKey::deadline(ours, 0, theirs, 0, from, to)
    }
}

/// The first whole minute `t` with `from <= t < to` at which a ticket opened
/// at `t` is due strictly later under `theirs` (with `their_dur`) than under
/// `ours` (with `our_dur`), exact over the whole range.
///
/// A supporter with no deadline at all (no open time left) breaches wherever
/// ours has one; where ours has none, nothing can breach it. Durations are
/// milliseconds; a negative one has no deadline, as in [`Calendar::deadline`].
pub fn first_deadline_breach(
    ours: &Calendar,
    our_dur: i64,
    theirs: &Calendar,
    their_dur: i64,
    from: Instant,
    to: Instant,
) -> Option<DeadlineBreach> {
    let (pair, first) = match start(ours, our_dur, theirs, their_dur, from, to) {
        Start::Settled(answer) => return answer,
        Start::Search(pair, first) => (pair, first),
    };
    let mut shapes = Shapes::new(ours, theirs);
    let mut points = Vec::new();
    let mut start = first;
    while start < to.0 {
        let end = start.saturating_add(WEEK).min(to.0);
        // Whether `t` breaches depends on the calendars up to our deadline
        // for `t`, and deadlines do not decrease.
        let reach = ours
            .deadline(Instant(end), our_dur)
            .map_or(Instant::MAX.0, |d| d.0.max(end));
        match shapes.classify(start, end, reach, to.0) {
            Window::Skip(next) => start = next,
            Window::Search(shape) => {
                if let Some(found) = pair.search(start, end, &mut points) {
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

/// [`first_deadline_breach`] without skipping: every window is searched, up
/// to `to`. The reference the skipping search is tested against; its cost
/// grows with the length of the range.
#[doc(hidden)]
pub fn first_deadline_breach_unskipped(
    ours: &Calendar,
    our_dur: i64,
    theirs: &Calendar,
    their_dur: i64,
    from: Instant,
    to: Instant,
) -> Option<DeadlineBreach> {
    let (pair, first) = match start(ours, our_dur, theirs, their_dur, from, to) {
        Start::Settled(answer) => return answer,
        Start::Search(pair, first) => (pair, first),
    };
    // Windows of doubling length, so that an early breach is found without
    // listing two years of breakpoints. Splitting is exact: breakpoints of a
    // window depend only on the window, and the windows split the minutes.
    let mut points = Vec::new();
    let (mut start, mut len) = (first, FIRST_WINDOW);
    while start < to.0 {
        let end = start.saturating_add(len).min(to.0);
        if let Some(found) = pair.search(start, end, &mut points) {
            return Some(found);
        }
        start = end;
        len = len.saturating_mul(2).min(MAX_WINDOW);
    }
    None
}

/// How a deadline-breach question begins: settled by one probe, or a search of the
/// pair from the first whole minute.
enum Start<'a> {
    Settled(Option<DeadlineBreach>),
    Search(Pair<'a>, i64),
}

/// The cases one probe settles, shared by the skipping search and its reference.
fn start<'a>(
    ours: &'a Calendar,
    our_dur: i64,
    theirs: &'a Calendar,
    their_dur: i64,
    from: Instant,
    to: Instant,
) -> Start<'a> {
    let pair = Pair {
        ours,
        a: our_dur,
        theirs,
        b: their_dur,
        last: Cell::new(None),
    };
    let Some(first) = ceil_minute(from.0).filter(|&f| f < to.0 && our_dur >= 0) else {
        return Start::Settled(None);
    };
    // Deadlines are `None` from some instant on (or everywhere), never
    // before an instant that has one, so one probe settles these cases.
    if their_dur < 0 || (ours == theirs && their_dur > our_dur) {
        // Same clock, more open time to use up: due strictly later at every
        // instant where ours is due at all.
        return Start::Settled(pair.breach_at(first));
    }
    if ours == theirs || (theirs.is_always() && their_dur <= our_dur) {
        // Real time elapses at least as fast as any calendar's open time.
        return Start::Settled(None);
    }
    Start::Search(pair, first)
}

/// Window lengths for the breach search: whole minutes, so that every
/// window but the last starts and ends on one.
const FIRST_WINDOW: i64 = 7 * 24 * 60 * MINUTE;
const MAX_WINDOW: i64 = 16 * FIRST_WINDOW;

/// The first maximal interval in `[from, to)` in which `ours` is open and
/// `theirs` closed; the first element of [`Calendar::uncovered_by`], found
/// without listing the rest, in windows of a week that skip what repeats
/// (see `shape`).
pub fn first_uncovered(
    ours: &Calendar,
    theirs: &Calendar,
    from: Instant,
    to: Instant,
) -> Option<(Instant, Instant)> {
    if theirs.is_always() || ours == theirs {
        return None;
    }
    let mut shapes = Shapes::new(ours, theirs);
    let mut start = from.0;
    while start < to.0 {
        let end = start.saturating_add(WEEK).min(to.0);
        match shapes.classify(start, end, end, to.0) {
            Window::Skip(next) => start = next,
            Window::Search(shape) => {
                if let Some((a, b)) =
                    first_uncovered_unskipped(ours, theirs, Instant(start), Instant(end))
                {
                    // Nothing before `start` was uncovered, so the gap starts
                    // at `a`; it may go on past the window.
                    return if b.0 < end {
                        Some((a, b))
                    } else {
                        first_uncovered_unskipped(ours, theirs, a, to)
                    };
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

/// [`first_uncovered`] by one walk over both calendars' open runs from
/// `from` on: the reference the skipping search is tested against.
#[doc(hidden)]
pub fn first_uncovered_unskipped(
    ours: &Calendar,
    theirs: &Calendar,
    from: Instant,
    to: Instant,
) -> Option<(Instant, Instant)> {
    if theirs.is_always() || ours == theirs {
        return None;
    }
    let mut cover = theirs.open_runs(from, to).peekable();
    for (mut a, b) in ours.open_runs(from, to) {
        while a < b {
            while cover.peek().is_some_and(|&(_, ce)| ce <= a) {
                cover.next();
            }
            match cover.peek() {
                Some(&(cs, ce)) if cs <= a => a = ce.min(b),
                // Runs come merged, so the gap ends exactly where cover
                // starts or where ours closes: it is maximal.
                Some(&(cs, _)) if cs < b => return Some((a, cs)),
                _ => return Some((a, b)),
            }
        }
    }
    None
}

/// The latest `t <= b` with `open_time(t, b) == dur`: when a ticket must be
/// opened to be due at `b`. `None` if there is not that much open time in
/// `[floor, b)`.
///
/// Binary search over `open_time`, so O(log(b - floor)) engine calls; the
/// breach search itself uses the run-list version, which costs O(1)
/// amortised per change.
pub fn latest_start(cal: &Calendar, b: Instant, dur: i64, floor: Instant) -> Option<Instant> {
    if dur < 0 || cal.open_time(floor, b) < dur {
        return None;
    }
    // Invariant: open_time(lo, b) >= dur > open_time(hi, b), or hi == b + 1.
    let (mut lo, mut hi) = (floor.0, b.0.saturating_add(1));
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if cal.open_time(Instant(mid), b) >= dur {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(Instant(lo))
}

struct Pair<'a> {
    ours: &'a Calendar,
    a: i64,
    theirs: &'a Calendar,
    b: i64,
    /// The last instant whose deadlines were asked for, and those deadlines:
    /// the next ask, a little later, starts from them (see [`Pair::deadlines`]).
    last: Cell<Option<Asked>>,
}

/// An opening instant and its deadlines under ours and theirs.
type Asked = (i64, Option<Instant>, Option<Instant>);

impl Pair<'_> {
    /// The first breaching minute in `[start, end)`, both whole minutes.
    fn search(&self, start: i64, end: i64, points: &mut Vec<i64>) -> Option<DeadlineBreach> {
        points.clear();
        breakpoints(self.ours, self.a, start, end, points);
        breakpoints(self.theirs, self.b, start, end, points);
        points.push(start);
        points.retain(|&p| p >= start && p < end);
        points.sort_unstable();
        points.dedup();
        points.push(end);
        points.windows(2).find_map(|w| self.first_in(w[0], w[1]))
    }

    /// Both deadlines of a ticket opened at `t`. Asked in increasing order of
    /// `t` within a search, so each starts from the previous answer: a long
    /// duration then costs the walk between two nearby deadlines, not the
    /// walk across the years up to them.
    fn deadlines(&self, t: i64) -> (Option<Instant>, Option<Instant>) {
        let last = self.last.get().filter(|&(t0, _, _)| t0 <= t);
        let found = (
            later_deadline(self.ours, self.a, last.map(|(t0, d, _)| (t0, d)), t),
            later_deadline(self.theirs, self.b, last.map(|(t0, _, d)| (t0, d)), t),
        );
        self.last.set(Some((t, found.0, found.1)));
        found
    }

    fn breach_at(&self, t: i64) -> Option<DeadlineBreach> {
        let (ours, theirs) = self.deadlines(t);
        breach(t, ours, theirs)
    }

    /// The first breaching minute in `[p, q)`, where no breakpoint lies
    /// strictly between `p` and `q`.
    fn first_in(&self, p: i64, q: i64) -> Option<DeadlineBreach> {
        if p.rem_euclid(MINUTE) == 0 {
            if let Some(found) = self.breach_at(p) {
                return Some(found);
            }
        }
        // Both deadlines are affine on the open interval (p, q), but `p`
        // itself may sit on a jump, so the line starts at the next minute.
        let m = (p.div_euclid(MINUTE) + 1).checked_mul(MINUTE)?;
        if m >= q {
            return None;
        }
        let (ours_due, theirs_due) = self.deadlines(m);
        if let Some(found) = breach(m, ours_due, theirs_due) {
            return Some(found);
        }
        if m.saturating_add(MINUTE) >= q {
            return None;
        }
        // Inside a segment a deadline moves with its opening instant while
        // that instant is open (its deadline is inside an open run: landing
        // on a closing is a breakpoint) and stands still while it is closed.
        let slope = moves(self.ours, self.a, m) - moves(self.theirs, self.b, m);
        if slope >= 0 {
            return None;
        }
        let (Some(a0), Some(b0)) = (ours_due, theirs_due) else {
            // Which deadlines exist cannot change inside a segment (the
            // threshold is a breakpoint), so the probe at `m` spoke for all.
            return None;
        };
        // f0 >= 0 (no breach at m); f(t) = f0 - (t - m) < 0 first at:
        let t = m + a0.since(b0) + 1;
        let minute = ceil_minute(t)?;
        if minute >= q {
            return None;
        }
        let found = self.breach_at(minute);
        debug_assert!(found.is_some(), "affine solve missed at {minute}");
        found
    }
}

/// `cal.deadline(t, dur)`, from the deadline `d0` of an earlier `t0` when that
/// is cheaper. With `δ` the open time in `[t0, t)`: while `d0 > t`, the open
/// time from `t0` up to any `u >= d0` is `dur` plus that from `d0`, so the
/// deadline of `t` is the earliest `u` with `δ` of open time after `d0`. A
/// deadline that does not exist for `t0` does not for any later instant.
fn later_deadline(
    cal: &Calendar,
    dur: i64,
    last: Option<(i64, Option<Instant>)>,
    t: i64,
) -> Option<Instant> {
    match last {
        Some((_, None)) => None,
        Some((t0, Some(d0))) if dur > 0 && d0.0 > t => {
            cal.deadline(d0, cal.open_time(Instant(t0), Instant(t)))
        }
        _ => cal.deadline(Instant(t), dur),
    }
}

fn breach(t: i64, ours: Option<Instant>, theirs: Option<Instant>) -> Option<DeadlineBreach> {
    match (ours, theirs) {
        (Some(ours), theirs) if theirs.is_none_or(|th| th > ours) => Some(DeadlineBreach {
            opened: Instant(t),
            ours,
            theirs,
        }),
        _ => None,
    }
}

/// The slope of `t -> cal.deadline(t, dur)` inside a segment containing `t`.
fn moves(cal: &Calendar, dur: i64, t: i64) -> i64 {
    // A zero duration is due at once, open or not.
    i64::from(dur == 0 || cal.is_open(Instant(t)))
}

fn ceil_minute(t: i64) -> Option<i64> {
    t.checked_add(MINUTE - 1)
        .map(|u| u.div_euclid(MINUTE) * MINUTE)
}

/// Pushes every instant in `[from, to)` at which `t -> cal.deadline(t, dur)`
/// may bend or jump (a superset is harmless): the calendar's changes of
/// openness, and the opening instants whose deadline lands on one.
///
/// With `D0` the deadline of `from`, the open time from `from` to a change
/// `c >= D0` is `dur` plus the open time from `D0` to `c`, so the back image
/// of `c` is where the open time from `from` reaches the open time from `D0`
/// to `c`. Two short walks, over the window and over `[D0, D(to)]`, find
/// every image: the cost does not grow with the duration.
fn breakpoints(cal: &Calendar, dur: i64, from: i64, to: i64, out: &mut Vec<i64>) {
    if cal.is_always() || dur <= 0 || cal.week_open_minutes() == 0 {
        // `t + dur`, `t` itself, or no deadline at all: one affine piece.
        return;
    }
    let near: Vec<(i64, i64)> = cal
        .open_runs(Instant(from), Instant(to))
        .map(|(a, b)| (a.0, b.0))
        .collect();
    for &(a, b) in &near {
        out.push(a);
        if b < to {
            out.push(b);
        }
    }
    // No deadline from `from` on: none for any later instant either.
    let Some(d0) = cal.deadline(Instant(from), dur) else {
        return;
    };
    // Past the clock's range the threshold where deadlines stop existing is
    // the back image of its end, so the walk ends there.
    let horizon = cal
        .deadline(Instant(to), dur)
        .map_or(Instant::MAX.0, |d| d.0.max(to));
    // Open time from `D0` to each change up to the horizon, and to the
    // horizon: the targets, in order.
    let mut targets = Vec::new();
    let mut total = 0;
    for (a, b) in cal.open_runs(d0, Instant(horizon)) {
        targets.push(total);
        total += b.0 - a.0;
        targets.push(total);
    }
    targets.push(total);
    let mut cursor = 0;
    let mut before = 0; // open time in [from, near[cursor].0)
    for &want in &targets {
        if want <= 0 {
            // At `D0` itself: its back image is `from` or the first opening
            // after it, already a breakpoint.
            continue;
        }
        while let Some(&(a, b)) = near.get(cursor) {
            if before + (b - a) >= want {
                break;
            }
            before += b - a;
            cursor += 1;
        }
        let Some(&(a, _)) = near.get(cursor) else {
            break;
        };
        let t = a + (want - before);
        if t >= to {
            break;
        }
        out.push(t);
    }
}
