//! The question behind W0407: where a supporter's maintenance falls in hours that
//! count against us, asked in the same skipping windows as E0402/E0403 (see `shape`),
//! so a closure in 9999 does not make it list every maintenance window until then.

use super::compare::first_uncovered_unskipped;
use super::compare::shape::{Shapes, Window};
use crate::time::calendar::Calendar;
use crate::time::instant::Instant;
use crate::time::units::WEEK;

/// The first maximal interval of `[from, to)` in which `maint` is open and `own` (if
/// any) closed, and during which one of `counted` is open for some time: its start and
/// the first such calendar of `counted`. The same answer as listing every such
/// interval with [`Calendar::uncovered_by`] (or [`Calendar::open_intervals`]) and
/// testing them in order, at the cost of a few windows per closure and clock change.
pub fn first_counted_maintenance(
    maint: &Calendar,
    own: Option<&Calendar>,
    counted: &[&Calendar],
    from: Instant,
    to: Instant,
) -> Option<(Instant, usize)> {
    let mut cals = vec![maint];
    cals.extend(own);
    cals.extend(counted);
    let mut shapes = Shapes::of(cals);
    let pieces = Pieces { maint, own, to };
    let mut start = from.0;
    while start < to.0 {
        let end = start.saturating_add(WEEK).min(to.0);
        match shapes.classify(start, end, end, to.0) {
            Window::Skip(next) => start = next,
            Window::Search(shape) => {
                let mut at = Instant(start);
                while let Some((x0, x1)) = pieces.first(at, Instant(end)) {
                    if counted.iter().any(|c| c.open_time(x0, x1) > 0) {
                        // The first interval with counted time has its counted time
                        // here: nothing before this window had any. It is the whole
                        // interval this piece belongs to.
                        let whole = pieces.around(x0, from);
                        let d = counted
                            .iter()
                            .position(|c| c.open_time(whole.0, whole.1) > 0)?;
                        return Some((whole.0, d));
                    }
                    at = x1;
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

struct Pieces<'a> {
    maint: &'a Calendar,
    own: Option<&'a Calendar>,
    to: Instant,
}

impl Pieces<'_> {
    /// The first interval in `[at, until)`, clipped to it.
    fn first(&self, at: Instant, until: Instant) -> Option<(Instant, Instant)> {
        match self.own {
            Some(own) => first_uncovered_unskipped(self.maint, own, at, until),
            None => self.maint.open_runs(at, until).next(),
        }
    }

    /// The whole interval (from `from` on) that contains `x`, an instant of one.
    fn around(&self, x: Instant, from: Instant) -> (Instant, Instant) {
        let mut lo = x;
        loop {
            let a = Instant(lo.0.saturating_sub(WEEK).max(from.0));
            let mut piece = self.first(a, self.to);
            while let Some(p) = piece.filter(|p| p.1 <= x) {
                piece = self.first(p.1, self.to);
            }
            match piece {
                // Still clipped at `a`: the interval may begin earlier.
                Some(p) if p.0 == a && a > from => lo = a,
                Some(p) => return p,
                None => return (x, x),
            }
        }
    }
}
