//! The grammar (`grammar/sla.pest`) as pest's parser and its `Rule`s: a file of its own
//! so that the lowering (`mod.rs`) and the error texts (`errors.rs`) both import it
//! from a sibling, not from each other.

#[derive(pest_derive::Parser)]
#[grammar = "grammar/sla.pest"]
pub(crate) struct SlaParser;
