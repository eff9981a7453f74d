//! Every backend's output for every example portfolio, as insta snapshots in
//! tests/snapshots/ (one per artifact, named `EXAMPLE__ARTIFACT_PATH`): a change to any
//! byte of any output shows up in review. Built in-process with the fixed `--today` of
//! the other tests, so the output does not depend on the day the tests run. In CI
//! (`.ci/run` sets `INSTA_UPDATE=no`) a mismatch fails; locally, `INSTA_UPDATE=always
//! cargo test snapshots` rewrites them for review.

use crate::common::{human, load, today};
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        // The published SLAs (examples/published/) have tests of their own.
        .filter(|p| p.is_dir() && !p.ends_with("published"))
        .collect();
    out.sort();
    out
}

/// Every artifact of every backend for `example`, as (path, text), sorted by path.
fn build(example: &Path) -> Vec<(String, String)> {
    let sources = load(&[example.to_path_buf()]);
    let checked = slac::compile::check(&sources, &slac::compile::Options { today: today() });
    let diags = &checked.diagnostics;
    assert!(diags.is_empty(), "{}", human(diags, &sources));
    let portfolio = checked.portfolio.as_ref().expect("a checked portfolio");
    let ctx = slac::emit::Context {
        today: today(),
        templates: None,
    };
    slac::emit::emit(portfolio, &ctx, &[])
        .expect("every backend emits")
        .into_iter()
        .map(|a| {
            let path = a.path.to_string_lossy().replace('\\', "/");
            let text = String::from_utf8(a.contents).expect("UTF-8 output");
            (path, text)
        })
        .collect()
}

#[test]
fn snapshots_of_every_backend_for_every_example() {
    let examples = examples();
    assert!(!examples.is_empty());
    for example in examples {
        let name = example
            .file_name()
            .expect("a directory name")
            .to_string_lossy()
            .into_owned();
        let artifacts = build(&example);
        // Every backend contributes to every example.
        for backend in slac::emit::names() {
            assert!(
                artifacts
                    .iter()
                    // Contracts sit under `internal/` and `customers/<customer>/`; the
                    // register is `internal/register.{csv,json,html}`.
                    .any(|(p, _)| p
                        .split('/')
                        .any(|c| c == backend || c.split('.').next() == Some(backend))),
                "{name}: nothing from {backend}"
            );
        }
        // Same input, same bytes.
        assert_eq!(
            artifacts,
            build(&example),
            "{name}: output is not deterministic"
        );
        for (path, text) in artifacts {
            insta::with_settings!({
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("slac build examples/{name} --today 2026-11-26: {path}"),
            }, {
                insta::assert_snapshot!(format!("{name}__{}", path.replace('/', "__")), text);
            });
        }
    }
}
