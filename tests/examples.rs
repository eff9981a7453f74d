//! Every example portfolio checks clean and goes through every backend (DESIGN §9).

use crate::common::Slac;
use std::path::Path;

#[test]
fn every_example_checks_clean_and_builds_through_every_backend() {
    let mut examples: Vec<_> = std::fs::read_dir("examples")
        .expect("examples/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        // The published SLAs (examples/published/<name>/) are checked by their own tests.
        .filter(|p| !p.ends_with("published"))
        .collect();
    examples.sort();
    assert!(!examples.is_empty());
    for example in examples {
        let path = example.to_str().expect("utf-8 path");
        let r = Slac::new().args(["fmt", "--check", path]).run();
        assert_eq!(
            r.status.code(),
            Some(0),
            "{path} is not in canonical layout: {}",
            r.stdout
        );
        let r = Slac::new()
            .args(["check", path, "--today", "2026-11-26", "--deny-warnings"])
            .run();
        assert_eq!(r.status.code(), Some(0), "{path}: {}", r.stderr);
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out");
        let r = Slac::new()
            .args([
                "build",
                path,
                "--out",
                out.to_str().expect("utf-8"),
                "--today",
                "2026-11-26",
            ])
            .run();
        assert_eq!(r.status.code(), Some(0), "{path}: {}", r.stderr);
        for backend in [
            "html",
            "markdown",
            "prometheus",
            "alertmanager",
            "openslo",
            "json",
        ] {
            let d = if backend == "html" || backend == "markdown" {
                out.join("internal").join(backend)
            } else {
                out.join(backend)
            };
            let files: Vec<_> = std::fs::read_dir(&d)
                .unwrap_or_else(|e| panic!("{path}: no {backend} output: {e}"))
                .filter_map(Result::ok)
                .collect();
            assert!(!files.is_empty(), "{path}: empty {backend} output");
            for f in files {
                let len = f.metadata().expect("metadata").len();
                assert!(len > 0, "{path}: {} is empty", f.path().display());
            }
        }
        assert!(Path::new(&out.join("internal/html/index.html")).exists());
    }
}
