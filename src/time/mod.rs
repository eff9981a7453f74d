//! The SLA clock.
