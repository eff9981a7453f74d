//! `slac init [DIR]`: a starter portfolio that checks clean, and a slac.toml. Nothing is
//! written when one of the files exists: every file is looked at first.

use super::common::{fail, fail_write, EXIT_OK};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Where to write the starter files (created if need be); default: the current
    /// directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// The starter portfolio: every kind of commitment once (availability, latency, support
/// on a calendar), in one zone, so it checks clean without a warning.
const PORTFOLIO: &str = r#"# A starter portfolio: a provider, a customer, a service and the SLA between them.
# `slac check` proves it consistent; `slac build` renders the contract and the monitoring
# rules (into `out`, set in slac.toml). docs/language.md describes every statement.

provider acme "Acme"

customer globex "Globex" { subscribes api }

calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
}

service api "API"

sla globex_api "API for Globex" {
  provider acme
  customer globex
  services api
  timezone "Europe/Paris"
  availability 99.9% per month
  latency 99% within 300ms per month
  support {
    during office
    incident p1 { response 1h resolve 8h }
  }
}
"#;

const PROJECT: &str = r#"# slac's settings for this portfolio (docs/cli.md, "slac.toml").

[check]
# Warnings allowed in the whole portfolio, e.g. ["W0502"].
allow = []
# The date of the date-based lints: "system", or a date such as "2026-06-01".
today = "system"

[build]
# Where `slac build` writes when no --out is given.
out = "out"
"#;

pub(super) fn run(args: &Args) -> i32 {
    let files = [
        (args.dir.join("portfolio.sla"), PORTFOLIO),
        (args.dir.join(crate::project::FILE_NAME), PROJECT),
    ];
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| format!("`{}`", shown(p)))
        .collect();
    if !existing.is_empty() {
        let code = fail(&format!(
            "{} already {}; slac init writes only new files, and nothing was written",
            existing.join(" and "),
            if existing.len() == 1 {
                "exists"
            } else {
                "exist"
            }
        ));
        eprintln!("  help: run it in an empty directory, e.g. `slac init my-portfolio`");
        return code;
    }
    for (path, text) in &files {
        if let Err(e) = crate::output::create_new(path, text.as_bytes()) {
            return fail_write(&e);
        }
    }
    eprintln!(
        "wrote {} and {}; next: `slac check {}`",
        shown(&files[0].0),
        shown(&files[1].0),
        shown(&args.dir)
    );
    EXIT_OK
}

fn shown(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
