//! The UI cases, one test per file: every `.sla` file under tests/ui/ is a test named
//! `ui::<path below tests/ui without .sla>` (`ui::e01/money_mixed_currencies`), found when
//! the binary runs, so a file dropped into tests/ui/ is a test without touching any code.
//! A small libtest-compatible harness (`harness = false`), so that every case passes or
//! fails on its own and `cargo test` reports each by name: `cargo test --test ui e04/`
//! runs the cases whose name contains `e04/`, `-- --list` lists them, and the flags CI
//! passes to every test binary (`--include-ignored`, `--nocapture`, `--test-threads N`,
//! `-q`) are accepted.

#[allow(dead_code)]
#[path = "common.rs"]
mod common;
#[path = "ui_case.rs"]
mod ui_case;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of libtest that take a value, so the value is not read as a filter.
const WITH_VALUE: [&str; 6] = [
    "--test-threads",
    "--color",
    "--format",
    "--skip",
    "--logfile",
    "-Z",
];

struct Args {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    /// `--ignored`: only ignored tests, and no case is ignored.
    ignored_only: bool,
}

fn args() -> Args {
    let mut a = Args {
        filters: Vec::new(),
        skip: Vec::new(),
        exact: false,
        list: false,
        ignored_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--exact" => a.exact = true,
            "--list" => a.list = true,
            "--ignored" => a.ignored_only = true,
            "--skip" => a.skip.extend(it.next()),
            s if WITH_VALUE.contains(&s) => {
                it.next();
            }
            s if s.starts_with('-') => {}
            s => a.filters.push(s.to_string()),
        }
    }
    a
}

fn name(path: &Path) -> String {
    let rel = path
        .strip_prefix("tests/ui")
        .unwrap_or(path)
        .with_extension("");
    format!("ui::{}", rel.to_string_lossy().replace('\\', "/"))
}

fn main() -> ExitCode {
    // Paths below are relative to the package, as in the other test binaries.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("package directory");
    let args = args();
    let cases: Vec<(String, PathBuf)> = common::sla_files(Path::new("tests/ui"))
        .into_iter()
        .map(|p| (name(&p), p))
        .filter(|(n, _)| {
            let hit = |f: &String| {
                if args.exact {
                    n == f
                } else {
                    n.contains(f.as_str())
                }
            };
            (args.filters.is_empty() || args.filters.iter().any(hit))
                && !args.skip.iter().any(|s| n.contains(s.as_str()))
        })
        .collect();
    if args.list {
        for (n, _) in &cases {
            println!("{n}: test");
        }
        return ExitCode::SUCCESS;
    }
    if args.ignored_only {
        println!("\nrunning 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored\n");
        return ExitCode::SUCCESS;
    }
    // The corpus itself must be there (a filter may match nothing, as with libtest).
    assert!(
        !args.filters.is_empty() || cases.len() > 10,
        "the UI corpus tests/ui/ is missing"
    );
    println!("\nrunning {} tests", cases.len());
    let mut failed = Vec::new();
    for (n, path) in &cases {
        let problems = ui_case::run_case(path);
        if problems.is_empty() {
            println!("test {n} ... ok");
        } else {
            println!("test {n} ... FAILED");
            failed.push((n, problems));
        }
    }
    if !failed.is_empty() {
        println!("\nfailures:\n");
        for (n, problems) in &failed {
            println!("---- {n} ----\n{}\n", problems.join("\n\n"));
        }
        println!("failures:");
        for (n, _) in &failed {
            println!("    {n}");
        }
    }
    let result = if failed.is_empty() { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {result}. {} passed; {} failed; 0 ignored; 0 measured; 0 filtered out\n",
        cases.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
