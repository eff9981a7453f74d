//! `slac explain CODE`.

use super::common::{EXIT_OK, EXIT_USAGE};
use crate::diag::explain::{closest_code, explain_text};
use crate::diag::Code;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// A diagnostic code such as E0401 (any case).
    #[arg(required_unless_present = "list")]
    code: Option<String>,

    /// List every code with its severity and title instead.
    #[arg(long, conflicts_with = "code")]
    list: bool,
}

pub(super) fn run(args: &Args) -> i32 {
    let Some(code) = &args.code else {
        return list();
    };
    let code_arg = code;
    if let Some(code) = Code::parse(code_arg.trim()) {
        super::common::print_stdout(&explain_text(code));
        return EXIT_OK;
    }
    let hint = match closest_code(code_arg) {
        Some(c) => format!("; did you mean `{c}` ({})?", c.title()),
        None => format!(
            "; codes run from {} to {}",
            Code::ALL[0],
            Code::ALL[Code::ALL.len() - 1]
        ),
    };
    eprintln!(
        "error: unknown diagnostic code `{}`{hint}",
        crate::diag::render::visible(code_arg)
    );
    EXIT_USAGE
}

/// `CODE  severity  title`, one line per code, in registry order (docs/checks.md's).
fn list() -> i32 {
    use std::fmt::Write as _;
    let mut out = String::new();
    for e in crate::diag::explain::all() {
        let c = e.code;
        let _ = writeln!(out, "{c}  {:<7}  {}", c.severity().as_str(), c.title());
    }
    super::common::print_stdout(&out);
    EXIT_OK
}
