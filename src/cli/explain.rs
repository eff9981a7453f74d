//! `slac explain CODE`.

use super::common::{EXIT_OK, EXIT_USAGE};
use crate::diag::explain::{closest_code, explain_text};
use crate::diag::Code;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// A diagnostic code such as E0401 (any case).
    code: String,
}

pub(super) fn run(args: &Args) -> i32 {
    if let Some(code) = Code::parse(args.code.trim()) {
        super::common::print_stdout(&explain_text(code));
        return EXIT_OK;
    }
    let hint = match closest_code(&args.code) {
        Some(c) => format!("; did you mean `{c}` ({})?", c.title()),
        None => format!(
            "; codes run from {} to {}",
            Code::ALL[0],
            Code::ALL[Code::ALL.len() - 1]
        ),
    };
    eprintln!("error: unknown diagnostic code `{}`{hint}", args.code);
    EXIT_USAGE
}
