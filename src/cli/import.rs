//! `slac import`: Sloth and `OpenSLO` files as a starting portfolio (docs/cli.md).

use super::common::{fail, print_stdout, EXIT_OK};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Sloth (`prometheus/v1`, `PrometheusServiceLevel`) or `OpenSLO` YAML files.
    #[arg(required = true)]
    files: Vec<PathBuf>,

    /// Write the portfolio to this file (which must not exist) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub(super) fn run(args: &Args) -> i32 {
    let mut imported = crate::import::Imported::default();
    let mut names = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return fail(&format!("{name}: {e}")),
        };
        if let Err(e) = crate::import::read(&name, &text, &mut imported) {
            return fail(&e);
        }
        names.push(name);
    }
    let text = crate::import::render(&mut imported, &names);
    for w in &imported.warnings {
        eprintln!("warning: {}", crate::diag::render::visible(w));
    }
    match &args.out {
        None => print_stdout(&text),
        Some(out) => {
            // Never over what slac did not write: the file must be new.
            let dir = out.parent().filter(|p| !p.as_os_str().is_empty());
            let tmp =
                match tempfile::NamedTempFile::new_in(dir.unwrap_or(std::path::Path::new("."))) {
                    Ok(t) => t,
                    Err(e) => return fail(&format!("{}: {e}", out.display())),
                };
            if let Err(e) = std::fs::write(tmp.path(), &text) {
                return fail(&format!("{}: {e}", out.display()));
            }
            if let Err(e) = tmp.persist_noclobber(out) {
                return fail(&format!(
                    "{}: {} (slac import writes a new file and never replaces one)",
                    out.display(),
                    e.error
                ));
            }
            eprintln!("wrote {}", out.display());
        }
    }
    EXIT_OK
}
