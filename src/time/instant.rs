//! Instants are bare milliseconds so that the clock's arithmetic is integer
//! arithmetic; chrono types appear only at the edges.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// A real instant: milliseconds since 1970-01-01T00:00:00Z.
///
/// Durations that go with it are plain `i64` milliseconds. Arithmetic on
/// instants is checked or saturating and never panics.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
#[serde(transparent)]
pub struct Instant(pub i64);

impl Instant {
    /// The earliest instant the calendars answer for: 0001-01-01T00:00Z.
    /// Calendars (other than always-open ones) treat time before it as closed.
    pub const MIN: Instant = Instant(-62_135_596_800_000);
    /// The end of the range the calendars answer for: 10000-01-01T00:00Z.
    /// Calendars (other than always-open ones) treat time from it on as
    /// closed, so a deadline past it is `None`.
    pub const MAX: Instant = Instant(253_402_300_800_000);

    pub const fn from_millis(ms: i64) -> Instant {
        Instant(ms)
    }

    pub const fn millis(self) -> i64 {
        self.0
    }

    /// `None` only beyond chrono's range (about ±262,000 years).
    pub fn to_utc(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.0)
    }

    /// The instant seen in a time zone; `None` beyond chrono's range.
    pub fn in_tz(self, tz: Tz) -> Option<DateTime<Tz>> {
        self.to_utc().map(|t| tz.from_utc_datetime(&t.naive_utc()))
    }

    pub fn checked_add(self, ms: i64) -> Option<Instant> {
        self.0.checked_add(ms).map(Instant)
    }

    #[must_use]
    pub fn saturating_add(self, ms: i64) -> Instant {
        Instant(self.0.saturating_add(ms))
    }

    #[must_use]
    pub fn saturating_sub(self, ms: i64) -> Instant {
        Instant(self.0.saturating_sub(ms))
    }

    /// `self - earlier` in milliseconds, saturating (negative if `earlier`
    /// is later).
    pub fn since(self, earlier: Instant) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl From<DateTime<Utc>> for Instant {
    fn from(t: DateTime<Utc>) -> Instant {
        Instant(t.timestamp_millis())
    }
}

impl From<DateTime<Tz>> for Instant {
    fn from(t: DateTime<Tz>) -> Instant {
        Instant(t.timestamp_millis())
    }
}
