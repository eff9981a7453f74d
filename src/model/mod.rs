//! The resolved portfolio: every reference bound to its item, `extends` applied and every
//! region expanded into a variant. This is what checks, documents, `due` and `eval` read;
//! no syntax tree node leaves the resolver. Spans point at the statement where each value
//! is written, which may be in a parent agreement's file.

pub mod actions;
mod build;
mod cycles;
mod inherit;
pub mod lifecycle;
pub mod periods;
mod portfolio;
pub mod register;
mod resolver;
pub use resolver::Use;
pub mod strictness;
pub mod support;
pub mod supporters;
mod terms;

pub use build::{resolve, resolve_outlined, resolve_with, Outline};
pub use lifecycle::years_in_force;
pub use portfolio::*;
pub use terms::histogram_parts;
