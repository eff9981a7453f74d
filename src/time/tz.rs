//! UTC offsets as stretches of constant offset.
//!
//! chrono-tz does not expose its transition table, and asking it for the
//! offset of every instant a query touches would be both slow and useless:
//! the clock only needs to know where the offset *changes*. So the timeline is
//! cut into fixed chunks (about a year each); the first time a chunk of a
//! zone is needed, its offset is sampled once a day and each change is
//! bisected down to the second. The result is cached per zone in a
//! process-wide table, because transitions depend on the zone alone and many
//! calendars share a zone.
//!
//! Limitation, accepted: two transitions closer together than the sampling
//! step that cancel out (offset back to where it was) are missed. tzdb has
//! no such pair from 1900 to 2100 (an ignored test checks every zone against
//! sampling every six hours).
//!
//! chrono-tz's tables end in 2099 (the last transition of any zone is on
//! 2099-11-01): from [`SETTLED`] on, every zone keeps one offset for good.
//! Past it a zone is one stretch up to [`Instant::MAX`], so a query about the
//! year 9999 costs what one about next week does, and the clock comparisons
//! (`time::compare`) know that nothing but closures changes after it.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::instant::Instant;
use super::units::DAY;

/// 2100-01-01T00:00Z: no zone changes its offset from then on (a test holds
/// chrono-tz to it, so that an upgrade that extends its tables is noticed).
pub(crate) const SETTLED: i64 = 4_102_444_800_000;

/// The chunk of [`Instant::MIN`], and how many chunks reach [`SETTLED`].
const FIRST_CHUNK: i64 = Instant::MIN.0.div_euclid(CHUNK);
const CHUNKS: usize = (SETTLED.div_euclid(CHUNK) - FIRST_CHUNK + 1) as usize;

/// Length of a cache chunk. A whole number of seconds, because the bisection
/// works in seconds and chunk bounds are sample points.
const CHUNK: i64 = 366 * DAY;
/// Offset sampling step inside a chunk: a day. A test holds it to finding exactly the
/// transitions that sampling every six hours finds, in every zone from 1900 to 2100.
const STEP: i64 = 24 * 3_600_000;

/// The offset in force from some instant up to (excluding) `end`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Segment {
    /// Local minus UTC, in milliseconds.
    pub offset: i64,
    /// The offset may differ from here on (a transition or a chunk border).
    pub end: i64,
}

#[derive(Debug)]
struct Chunk {
    start_offset: i64,
    /// (instant of the transition, offset from then on), sorted.
    changes: Vec<(i64, i64)>,
}

/// The cached transitions of one zone.
#[derive(Debug)]
pub(crate) struct Zone {
    tz: Tz,
    /// The offset in force from [`SETTLED`] on.
    settled: i64,
    /// Chunk `idx` at `idx - FIRST_CHUNK`: the clock's range before
    /// [`SETTLED`] is about 2,100 chunks, so an index beats hashing.
    chunks: RwLock<Vec<Option<Chunk>>>,
}

/// The shared cache entry for a zone.
pub(crate) fn zone(tz: Tz) -> Arc<Zone> {
    static ZONES: OnceLock<RwLock<HashMap<Tz, Arc<Zone>>>> = OnceLock::new();
    let zones = ZONES.get_or_init(RwLock::default);
    if let Some(z) = zones
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&tz)
    {
        return Arc::clone(z);
    }
    let mut w = zones.write().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(w.entry(tz).or_insert_with(|| {
        Arc::new(Zone {
            tz,
            settled: offset_at_second(tz, SETTLED / 1000),
            chunks: RwLock::default(),
        })
    }))
}

/// The offset in force at a whole second, asked of chrono-tz.
fn offset_at_second(tz: Tz, secs: i64) -> i64 {
    DateTime::from_timestamp(secs, 0).map_or(0, |t| {
        i64::from(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        ) * 1000
    })
}

impl Zone {
    /// The offset at `t` and how long it stays in force.
    pub(crate) fn segment(&self, t: i64) -> Segment {
        if t >= SETTLED {
            return Segment {
                offset: self.settled,
                end: Instant::MAX.0.max(t.saturating_add(1)),
            };
        }
        let idx = t.div_euclid(CHUNK);
        let Some(slot) = usize::try_from(idx - FIRST_CHUNK)
            .ok()
            .filter(|&k| k < CHUNKS)
        else {
            // Before the clock's range (callers clamp): not worth caching.
            return self.build(idx).segment(t, idx);
        };
        {
            let chunks = self.chunks.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(Some(c)) = chunks.get(slot) {
                return c.segment(t, idx);
            }
        }
        let c = self.build(idx);
        let seg = c.segment(t, idx);
        let mut chunks = self.chunks.write().unwrap_or_else(PoisonError::into_inner);
        if chunks.len() < CHUNKS {
            chunks.resize_with(CHUNKS, || None);
        }
        chunks[slot].get_or_insert(c);
        seg
    }

    fn build(&self, idx: i64) -> Chunk {
        self.build_step(idx, STEP)
    }

    fn build_step(&self, idx: i64, step_ms: i64) -> Chunk {
        let start = idx * CHUNK / 1000;
        let end = (idx + 1) * CHUNK / 1000;
        let step = step_ms / 1000;
        let start_offset = offset_at_second(self.tz, start);
        let mut changes = Vec::new();
        let mut lo = start;
        let mut lo_off = start_offset;
        while lo < end - 1 {
            // The last sample is the chunk's last second: a transition at
            // `end` itself belongs to the next chunk.
            let hi = (lo + step).min(end - 1);
            let hi_off = offset_at_second(self.tz, hi);
            // Several transitions may sit between two samples; peel them off
            // one by one.
            while lo_off != hi_off {
                let (mut a, mut b) = (lo, hi);
                while b - a > 1 {
                    let mid = a + (b - a) / 2;
                    if offset_at_second(self.tz, mid) == lo_off {
                        a = mid;
                    } else {
                        b = mid;
                    }
                }
                lo = b;
                lo_off = offset_at_second(self.tz, b);
                changes.push((b * 1000, lo_off));
            }
            lo = hi;
        }
        Chunk {
            start_offset,
            changes,
        }
    }
}

impl Zone {
    /// The first instant in `(t, limit)` at which the offset changes, with the
    /// new offset; `None` if it stays the same up to `limit`.
    pub(crate) fn next_transition(&self, t: i64, limit: i64) -> Option<(i64, i64)> {
        let limit = limit.min(Instant::MAX.0);
        let mut seg = self.segment(t);
        while seg.end < limit {
            let next = self.segment(seg.end);
            if next.offset != seg.offset {
                return Some((seg.end, next.offset));
            }
            seg = next;
        }
        None
    }
}

impl Chunk {
    fn segment(&self, t: i64, idx: i64) -> Segment {
        let k = self.changes.partition_point(|&(at, _)| at <= t);
        let offset = if k == 0 {
            self.start_offset
        } else {
            self.changes[k - 1].1
        };
        let end = self.changes.get(k).map_or((idx + 1) * CHUNK, |&(at, _)| at);
        Segment { offset, end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sampling once a day finds the same transitions as sampling every six hours (and
    /// every two days), in every zone from 1900 to 2100: no two transitions that cancel
    /// out lie closer together. Slow (about 15 s in release); run it after upgrading
    /// chrono-tz: `cargo test --release --lib daily_sampling -- --ignored`.
    #[test]
    #[ignore = "slow: every zone, 200 years, three sampling steps"]
    fn daily_sampling_finds_every_transition() {
        for tz in chrono_tz::TZ_VARIANTS {
            let z = Zone {
                tz,
                settled: 0,
                chunks: RwLock::default(),
            };
            for idx in -70..=130 {
                let fine = z.build_step(idx, 6 * 3_600_000);
                for step in [STEP, 2 * STEP] {
                    let coarse = z.build_step(idx, step);
                    assert_eq!(fine.start_offset, coarse.start_offset, "{tz} chunk {idx}");
                    assert_eq!(
                        fine.changes, coarse.changes,
                        "{tz} chunk {idx}, step {step}"
                    );
                }
            }
        }
    }

    /// Every zone keeps one offset from [`SETTLED`] to the end of the clock's
    /// range: daily samples over 2100-2101, then yearly ones up to 9999.
    #[test]
    fn every_zone_is_settled_from_2100() {
        let day = DAY / 1000;
        let samples: Vec<i64> = (0..2 * 366)
            .map(|d| SETTLED / 1000 + d * day)
            .chain((0..79).map(|k| SETTLED / 1000 + k * 100 * 365 * day))
            .chain([Instant::MAX.0 / 1000 - 1])
            .collect();
        for tz in chrono_tz::TZ_VARIANTS {
            let settled = offset_at_second(tz, SETTLED / 1000);
            for &s in &samples {
                assert_eq!(offset_at_second(tz, s), settled, "{tz} at {s}");
            }
        }
    }
}
