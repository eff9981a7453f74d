//! Never a panic: random edits of real portfolios and random synthetic portfolios go
//! through the whole check. (cargo-fuzz targets in fuzz/ explore further; these run in
//! every `cargo test`.)

use crate::common::check_sources;
use proptest::prelude::*;
use slac::source::SourceMap;
use std::path::Path;

fn acme() -> Vec<(String, String)> {
    crate::common::sla_files(Path::new("examples/acme"))
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("readable"),
            )
        })
        .collect()
}

/// Tokens that make edits meaningful to the grammar rather than random noise.
const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    ",",
    "-",
    "\"",
    "#",
    "%",
    ":",
    "\n",
    " ",
    "0",
    "9",
    "24:00",
    "99.999%",
    "100%",
    "0m",
    "1w",
    "2026-02-29",
    "always",
    "any_of(",
    "extends ",
    "region r { ",
    "level ",
    "sla x { ",
    "service ",
    "during ",
    "penalty on availability { below 99% credit 5% }",
    "support { incident p1 { response 1h } }",
    "valid from 2026-01-01 to 2025-01-01",
    "\u{1F600}",
    "\\u{",
    "\"\"\"",
    "99999999999999999999999999999999",
];

#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, usize),
    Duplicate(usize, usize),
}

fn apply(text: &str, edit: &Edit) -> String {
    let clamp = |i: usize| {
        let mut i = i % (text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match *edit {
        Edit::Delete(at, len) => {
            let a = clamp(at);
            let b = clamp(a + len % 40);
            format!("{}{}", &text[..a], &text[b.max(a)..])
        }
        Edit::Insert(at, piece) => {
            let a = clamp(at);
            format!(
                "{}{}{}",
                &text[..a],
                PIECES[piece % PIECES.len()],
                &text[a..]
            )
        }
        Edit::Duplicate(at, len) => {
            let a = clamp(at);
            let b = clamp(a + len % 200).max(a);
            format!("{}{}", &text[..b], &text[a..])
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, p)| Edit::Insert(a, p)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Duplicate(a, l)),
    ]
}

proptest! {
    // SLAC_FUZZ_CASES=20000 cargo test --release robustness: a longer run, same test.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SLAC_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200),
        ..ProptestConfig::default()
    })]

    #[test]
    fn edited_portfolios_never_panic(file in 0usize..7, edits in prop::collection::vec(edit(), 1..6)) {
        let files = acme();
        let mut sources = SourceMap::new();
        for (i, (name, text)) in files.iter().enumerate() {
            let text = if i == file % files.len() {
                edits.iter().fold(text.clone(), |t, e| apply(&t, e))
            } else {
                text.clone()
            };
            sources.add(name.clone(), name, text);
        }
        let result = std::panic::catch_unwind(|| check_sources(&sources));
        prop_assert!(result.is_ok());
        // The formatter sees the same broken text: a layout or a refusal, never a panic.
        for (id, f) in sources.files() {
            let formatted = std::panic::catch_unwind(|| slac::fmt::format_text(id, &f.text));
            prop_assert!(formatted.is_ok(), "fmt panicked on {}", f.name);
        }
    }

}

proptest! {
    // Each case builds every backend: a few sizes are enough to reach every code path.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn synthetic_portfolios_check_build_and_format(services in 4usize..40) {
        let mut sources = SourceMap::new();
        for f in slac::synth::portfolio(services) {
            sources.add(f.name.clone(), &f.name, f.text);
        }
        let checked = slac::compile::check(&sources, &slac::compile::Options { today: crate::common::today() });
        prop_assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics.first());
        let portfolio = checked.portfolio.expect("a clean portfolio");
        let ctx = slac::emit::Context { today: crate::common::today(), templates: None };
        let artifacts = slac::emit::emit(&portfolio, &ctx, &[]);
        prop_assert!(artifacts.is_ok(), "{:?}", artifacts.err());
        prop_assert!(artifacts.map_or(0, |a| a.len()) > 5);
        for (id, f) in sources.files() {
            let once = slac::fmt::format_text(id, &f.text);
            prop_assert!(once.is_ok());
        }
    }
}
