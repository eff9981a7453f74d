//! Reporting periods: a calendar month, quarter or year, placed in an agreement's time
//! zone and measured in real time. Defined once in the model ([`crate::model::periods`]),
//! which the contract and the monitoring rules read too.

pub use crate::model::periods::{local_midnight, Period, PeriodKind};
