//! One code's explanation, as every family file lists them.

use crate::diag::Code;

/// The explanation of one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub code: Code,
    /// What the code means, why it matters and how to fix it (Markdown inline syntax).
    pub explanation: &'static str,
    /// A complete portfolio that reports exactly this code, once.
    pub wrong: &'static str,
    /// The nearest fixed portfolio: it reports nothing.
    pub right: &'static str,
}
