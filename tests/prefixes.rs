//! Truncated input never panics: every prefix of every example file, cut at each line
//! end, is checked (inside its portfolio, the other files whole) and gives diagnostics or
//! success.

use crate::common::{check_sources, sla_files};
use slac::source::SourceMap;
use std::path::{Path, PathBuf};

fn portfolios() -> Vec<Vec<PathBuf>> {
    let mut out = vec![
        sla_files(Path::new("examples/acme")),
        sla_files(Path::new("examples/initech")),
    ];
    out.extend(
        sla_files(Path::new("tests/ui"))
            .into_iter()
            .map(|f| vec![f]),
    );
    out
}

#[test]
fn every_prefix_of_every_example_gives_diagnostics_or_success() {
    let mut checked = 0;
    for files in portfolios() {
        let texts: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("readable example"))
            .collect();
        for (i, text) in texts.iter().enumerate() {
            let cuts = text.match_indices('\n').map(|(at, _)| at + 1);
            for cut in std::iter::once(0).chain(cuts) {
                let mut sources = SourceMap::new();
                for (j, (path, whole)) in files.iter().zip(&texts).enumerate() {
                    let t = if i == j {
                        text[..cut].to_string()
                    } else {
                        whole.clone()
                    };
                    sources.add(path.display().to_string(), path, t);
                }
                let result = std::panic::catch_unwind(|| check_sources(&sources));
                assert!(
                    result.is_ok(),
                    "panic on {} cut after byte {cut}",
                    files[i].display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} prefixes checked");
}

#[test]
fn truncating_a_block_is_a_syntax_error_with_a_span() {
    let text = "provider acme \"Acme\"\nsla x \"X\" {\n  provider acme\n";
    let mut sources = SourceMap::new();
    sources.add("cut.sla", "cut.sla", text.to_string());
    let diags = check_sources(&sources);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code.as_str(), "E0100");
    let span = diags[0].labels[0].span;
    assert_eq!(&text[span.range()], "{", "points at the unclosed brace");
}
