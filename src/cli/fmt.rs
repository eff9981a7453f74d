//! `slac fmt`.

use super::common::{fail, paths_or_dot, EXIT_FAILED, EXIT_OK};
use crate::diag::render::{self, Style};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories (searched recursively for *.sla); default: the current directory.
    paths: Vec<PathBuf>,

    /// Change nothing: list the files that would change and exit 1 if there is one.
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
        match crate::fmt::format_text(id, &file.text) {
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
        let mut list = String::new();
        for (f, _) in &changed {
            list.push_str(&f.name);
            list.push('\n');
        }
        super::common::print_stdout(&list);
        return if errors > 0 || !changed.is_empty() {
            EXIT_FAILED
        } else {
            EXIT_OK
        };
    }
    for (file, text) in &changed {
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
