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

/// A file's text, read no further than the loader's limit for one `.sla` file: a YAML
/// file is no larger than a portfolio file.
fn read_bounded(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read as _;
    let limit = crate::load::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("larger than {} MiB", limit / (1024 * 1024)));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())
}

pub(super) fn run(args: &Args) -> i32 {
    let mut imported = crate::import::Imported::default();
    let mut names = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let text = match read_bounded(path) {
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
