//! Skipping stretches of time that look like stretches already searched.
//!
//! Whether a ticket opened at `t` breaches depends only on the two calendars
//! between `t` and its deadline under ours (theirs is due later exactly when
//! their open time up to our deadline falls short), and whether `t` is
//! uncovered depends on the calendars at `t` alone. A calendar there is its
//! weekly pattern seen through its zone's UTC offsets, minus its closures. So
//! two windows of opening instants a whole number of weeks apart have the
//! same answers, shifted, when the offsets at their starts are the same and
//! the offsets change, and closures lie, at the same distances from their
//! starts up to their reach (the deadline of their last instant).
//!
//! The searches run in windows of one week, each a whole number of weeks
//! after the first, remember the shape of every window that held nothing and
//! skip a window whose shape they have seen. Shapes recur: daylight saving
//! rules change clocks on a fixed weekday at a fixed time, so a transition
//! sits at the same place in its window year after year. A run of windows
//! with no offset change and no closure within reach (most weeks, and every
//! week after 2099, when chrono-tz's tables end, but for dated closures) has
//! one shape and is skipped in one step. A search therefore costs a few
//! windows per closure and per offset change in its range, never one per
//! week: `closed 9999-12-25` on a calendar valid from 2026 costs what a
//! closure next year does. A closure that comes back every year (`closed
//! every 12-25`) falls on one of seven weekdays, so its windows have a
//! handful of shapes: after the first years each is looked at, not searched.

use crate::time::calendar::Calendar;
use crate::time::instant::Instant;
use crate::time::units::{DAY, WEEK};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// UTC offsets stay within a day (tzdb: about 15 hours either way), so the
/// local times of real instants in `[a, b)` lie in `[a - MARGIN, b + MARGIN)`.
const MARGIN: i64 = 2 * DAY;

/// What decides the answers over a window: its length, its reach, the
/// calendars' offsets at its start and every later change of either, and their
/// closures near it, all relative to its start. Its place in the week is the same for all windows of a search.
#[derive(PartialEq, Eq, Hash, Debug)]
pub(in crate::time) struct Shape {
    len: i64,
    reach: i64,
    offsets: Vec<i64>,
    /// (instant - start, which calendar, new offset), sorted.
    changes: Vec<(i64, usize, i64)>,
    /// (which calendar, local start - start, local end - start) of the closures
    /// within reach, clipped to it: a holiday that comes back every year looks the
    /// same in every window that holds it on the same weekday.
    closures: Vec<(usize, i64, i64)>,
}

pub(in crate::time) enum Window {
    /// A window of a shape searched before, with nothing in it: the search
    /// goes on at this start (past every window of the same shape in a row).
    Skip(i64),
    /// Search the window; remember its shape, if it has one (no end of the
    /// clock's range nearby), should it hold nothing.
    Search(Option<Shape>),
}

pub(in crate::time) struct Shapes<'a> {
    cals: Vec<&'a Calendar>,
    seen: HashSet<Shape, BuildHasherDefault<Mix>>,
}

/// A quick hash for shapes, which are integers: the standard hasher over a hundred clock
/// changes per window was a quarter of a long search. Shapes come from the
/// portfolio's own calendars, and a collision costs one comparison.
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

impl<'a> Shapes<'a> {
    pub(in crate::time) fn new(ours: &'a Calendar, theirs: &'a Calendar) -> Shapes<'a> {
        Shapes::of(vec![ours, theirs])
    }

    /// For a question about any number of calendars.
    pub(in crate::time) fn of(cals: Vec<&'a Calendar>) -> Shapes<'a> {
        Shapes {
            cals,
            seen: HashSet::default(),
        }
    }

    /// The window `[start, end)` of a search that ends at `to`, whose
    /// answers depend on the calendars in `[start, reach)` alone.
    pub(in crate::time) fn classify(&self, start: i64, end: i64, reach: i64, to: i64) -> Window {
        let (lo, hi) = (start - MARGIN, reach.saturating_add(MARGIN));
        if lo < Instant::MIN.0 || hi >= Instant::MAX.0 {
            return Window::Search(None);
        }
        // Closures are sorted: those that end after `lo` and start before `hi`
        // are all that could touch the window.
        let mut closures = Vec::new();
        for (i, cal) in self.cals.iter().enumerate() {
            for (s, e) in cal.closures_meeting(lo, hi) {
                closures.push((i, s.max(lo) - start, e.min(hi) - start));
            }
        }
        let mut offsets = vec![0; self.cals.len()];
        let mut changes = Vec::new();
        for (i, cal) in self.cals.iter().enumerate() {
            offsets[i] = cal.offset_at(Instant(start));
            let mut t = start;
            while let Some((at, offset)) =
                cal.next_offset_change(Instant(t), Instant(reach.saturating_add(1)))
            {
                changes.push((at - start, i, offset));
                t = at;
            }
        }
        changes.sort_unstable();
        let shape = Shape {
            len: end - start,
            reach: reach - start,
            offsets,
            changes,
            closures,
        };
        if !self.seen.contains(&shape) {
            return Window::Search(Some(shape));
        }
        if !shape.changes.is_empty() || !shape.closures.is_empty() {
            return Window::Skip(end);
        }
        // The window `k` weeks on has this shape too while its reach stays
        // before the next offset change, `MARGIN` before the next closure and
        // before the end of the clock's range, and it ends by `to`.
        let last = reach.saturating_add(to - end).saturating_add(1);
        let mut bound = Instant::MAX.0 - MARGIN;
        for cal in &self.cals {
            if let Some((at, _)) = cal.next_offset_change(Instant(reach), Instant(last)) {
                bound = bound.min(at);
            }
            if let Some(s) = cal.next_closure(hi) {
                bound = bound.min(s - MARGIN + 1);
            }
        }
        // bound > reach: no change up to `reach`, no closure before `hi`.
        let k = ((bound - reach - 1) / WEEK).min((to - end) / WEEK).max(0);
        Window::Skip(end + k * WEEK)
    }

    pub(in crate::time) fn remember(&mut self, shape: Shape) {
        self.seen.insert(shape);
    }
}
