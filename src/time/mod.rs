//! The SLA clock: how much "open" time lies between two instants, and when a
//! given amount of open time runs out.
//!
//! Everything here is independent of the SLA language: plain structs in,
//! plain answers out, so the checker, the renderers and the tests can share
//! one engine.
//!
//! The design follows from the semantics (see `docs/clock.md`): a calendar is
//! a set of *local wall-clock* times, and a real instant is open when its
//! local time is in that set. Mapping real time to local time is a shift by
//! the UTC offset, which is constant between transitions, so every query
//! splits real time into stretches of constant offset (`tz`) and, inside
//! each stretch, works on a cumulative "open time so far" function over local
//! time (`local`) that is evaluated and inverted with binary searches.
//! Nothing ever walks day by day, which is what makes long deadlines cheap.
//!
//! Durations are plain `i64` milliseconds throughout.

mod business;
mod calendar;
mod clock;
mod closure;
pub mod compare;
pub mod compare_days;
mod coverage;
mod instant;
mod local;
pub mod maintenance;
mod tz;
mod units;
mod wall;
mod yearly;

pub use business::Length;
pub use calendar::{Calendar, WeekInterval};
pub use closure::Closure;
pub use coverage::OpenRuns;
pub use instant::Instant;
pub use units::{DAY, HOUR, MINUTE, WEEK};
pub use wall::{WallClock, MONDAY_SHIFT};
pub use yearly::{easter, Recurring, Yearly};
