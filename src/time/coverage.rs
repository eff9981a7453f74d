//! Open time as explicit intervals, and what one calendar leaves uncovered by
//! another. These are output-sized walks: they cost O(intervals produced +
//! stretches + closures skipped), never O(days).

use super::calendar::Calendar;
use super::instant::Instant;
use super::tz::Segment;

/// Maximal open intervals of a calendar in `[from, to)`, in order, merged
/// (also across midnight and across UTC offset changes). Made by
/// [`Calendar::open_runs`].
#[derive(Debug)]
pub struct OpenRuns<'a> {
    cal: &'a Calendar,
    cur: i64,
    to: i64,
    seg: Option<Segment>,
    /// Set when the whole range is open (always-open calendars).
    whole: Option<(i64, i64)>,
    /// A piece read ahead while looking for one to glue on.
    pending: Option<(i64, i64)>,
}

impl Calendar {
    /// Iterates the open intervals in `[from, to)`; see [`OpenRuns`].
    pub fn open_runs(&self, from: Instant, to: Instant) -> OpenRuns<'_> {
        let (cur, end) = if self.always {
            (from.0, to.0)
        } else {
            (
                from.0.clamp(Instant::MIN.0, Instant::MAX.0),
                to.0.clamp(Instant::MIN.0, Instant::MAX.0),
            )
        };
        let whole = (self.always && cur < end).then_some((cur, end));
        OpenRuns {
            cal: self,
            // Nothing is left to walk once the whole range is one run.
            cur: if whole.is_some() { end } else { cur },
            to: end,
            seg: None,
            whole,
            pending: None,
        }
    }

    /// The maximal open intervals in `[from, to)`, sorted and merged.
    pub fn open_intervals(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        self.open_runs(from, to).collect()
    }

    /// The parts of `self`'s open time in `[from, to)` during which `other`
    /// is closed, sorted and merged.
    pub fn uncovered_by(
        &self,
        other: &Calendar,
        from: Instant,
        to: Instant,
    ) -> Vec<(Instant, Instant)> {
        let mut out: Vec<(Instant, Instant)> = Vec::new();
        let mut cover = other.open_runs(from, to).peekable();
        for (mut a, b) in self.open_runs(from, to) {
            while a < b {
                // Drop cover intervals that end before `a`.
                while cover.peek().is_some_and(|&(_, ce)| ce <= a) {
                    cover.next();
                }
                match cover.peek() {
                    Some(&(cs, ce)) if cs <= a => a = ce.min(b),
                    Some(&(cs, _)) if cs < b => {
                        out.push((a, cs));
                        a = cs;
                    }
                    _ => {
                        out.push((a, b));
                        a = b;
                    }
                }
            }
        }
        out
    }
}

impl OpenRuns<'_> {
    /// The next open piece, not merged across stretches.
    fn next_piece(&mut self) -> Option<(i64, i64)> {
        while self.cur < self.to {
            let seg = match self.seg {
                Some(s) if self.cur < s.end => s,
                _ => {
                    let s = self.cal.zone.segment(self.cur);
                    self.seg = Some(s);
                    s
                }
            };
            let end = seg.end.min(self.to);
            let o = seg.offset;
            match self.cal.local.next_open(self.cur + o, end + o) {
                Some((p, q)) => {
                    let piece = (p - o, (q - o).min(end));
                    self.cur = piece.1;
                    return Some(piece);
                }
                None => self.cur = end,
            }
        }
        None
    }
}

impl Iterator for OpenRuns<'_> {
    type Item = (Instant, Instant);

    fn next(&mut self) -> Option<(Instant, Instant)> {
        if let Some((a, b)) = self.whole.take() {
            return Some((Instant(a), Instant(b)));
        }
        let (a, mut b) = self.pending.take().or_else(|| self.next_piece())?;
        // Pieces split only at stretch borders; glue those back together.
        while let Some((c, d)) = self.next_piece() {
            if c == b {
                b = d;
            } else {
                self.pending = Some((c, d));
                break;
            }
        }
        Some((Instant(a), Instant(b)))
    }
}
