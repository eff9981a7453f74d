//! `slac fmt`.

use super::common::{fail, paths_or_dot, EXIT_FAILED, EXIT_OK};
use crate::diag::render::{self, Style};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories (searched recursively for *.sla); default: the current directory.
    paths: Vec<PathBuf>,

    /// Change nothing: print a unified diff of each file that would change (on stdout)
    /// and exit 1 if there is one.
    #[arg(long)]
    check: bool,
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    let sources = match crate::load::load(&paths_or_dot(&args.paths)) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let mut diags = Vec::new();
    let mut changed = Vec::new();
    for (id, file) in sources.files() {
        let formatted = crate::fmt::format_text(id, &file.text);
        // Standard input is answered on standard output, changed or not.
        if file.name == crate::load::STDIN_NAME && !args.check {
            if let Ok(text) = &formatted {
                super::common::print_stdout(text);
            }
        }
        match formatted {
            Ok(text) if text != file.text => changed.push((file, text)),
            Ok(_) => {}
            Err(d) => diags.extend(d),
        }
    }
    let errors = crate::diag::count_errors(&diags);
    if errors > 0 {
        eprint!("{}", render::human_report(&diags, &sources, style));
    }
    if args.check {
        let mut diff = String::new();
        for (f, text) in &changed {
            diff.push_str(&unified_diff(&f.name, &f.text, text));
        }
        super::common::print_stdout(&diff);
        return if errors > 0 || !changed.is_empty() {
            EXIT_FAILED
        } else {
            EXIT_OK
        };
    }
    for (file, text) in &changed {
        if file.name == crate::load::STDIN_NAME {
            continue;
        }
        if let Err(e) = crate::output::write_file(&file.path, text.as_bytes()) {
            return fail(&e.to_string());
        }
    }
    if errors > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

/// `--- NAME` / `+++ NAME (formatted)` and the hunks, three lines of context, as `diff -u`
/// and `git apply` read them.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}
