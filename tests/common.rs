//! Helpers shared by the test modules.

use slac::compile::{self, Options};
use slac::diag::render::{self, Style};
use slac::diag::Diagnostic;
use slac::source::SourceMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

/// Checks in-memory sources the way `slac check --today 2026-11-26` does.
pub fn check_sources(sources: &SourceMap) -> Vec<Diagnostic> {
    compile::check(sources, &Options { today: today() }).diagnostics
}

pub fn load(paths: &[PathBuf]) -> SourceMap {
    slac::load::load(paths).expect("test inputs load")
}

/// The human report exactly as a user sees it without colours, 80 columns wide.
pub fn human(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == slac::diag::Severity::Error)
        .count();
    let mut out = render::human(
        diags,
        sources,
        Style {
            color: false,
            width: 80,
        },
    );
    out.push_str(&render::summary(
        errors,
        diags.len() - errors,
        sources.len(),
    ));
    out.push('\n');
    out
}

/// All `*.sla` files below `dir`, sorted.
pub fn sla_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable test dir") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "sla") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs the real binary.
pub fn slac(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slac"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("slac runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
