//! Checks.

pub mod clock;
