//! `slac lsp`: a Language Server over stdio (docs/editors.md). Each change of a buffer
//! checks the whole portfolio as `slac check` does, with open buffers' unsaved text in
//! place of the files on disk.

mod complete;
mod diagnostics;
#[cfg(test)]
mod half_typed;
mod hover;
mod index;
mod position;
mod server;
mod symbols;
mod workspace;

pub(crate) use server::run;
