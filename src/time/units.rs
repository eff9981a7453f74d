//! Lengths of time in milliseconds, the unit of every duration in the clock.

/// One minute, in milliseconds.
pub const MINUTE: i64 = 60_000;
/// One hour, in milliseconds.
pub const HOUR: i64 = 60 * MINUTE;
/// One day of 24 hours, in milliseconds.
pub const DAY: i64 = 24 * HOUR;
/// One week of 7 days of 24 hours, in milliseconds.
pub const WEEK: i64 = 7 * DAY;
