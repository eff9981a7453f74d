//! `slac build --templates DIR` with hostile templates (issue 14): how long slac takes to
//! refuse them. `cargo bench --bench templates`; docs/performance.md has numbers.
//!
//! Each case renders the acme example's HTML with the overrides written to a temporary
//! directory, and expects the error: partials that include each other (a stack overflow
//! before), a million partials through includes, 100,000 nested blocks, and a document
//! that grows past 64 MiB (rendered up to the limit, then stopped).

use slac::compile::{self, Options};
use slac::emit::{emit, Context};
use slac::source::SourceMap;
use std::hint::black_box;

fn main() {
    divan::main();
}

fn refuse(bencher: divan::Bencher, overrides: &[(&str, String)], expect: &str) {
    let mut sources = SourceMap::new();
    for entry in std::fs::read_dir("examples/acme").expect("examples/acme") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "sla") {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).expect("read");
            sources.add(name.clone(), &name, text);
        }
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let checked = compile::check(&sources, &Options { today });
    let portfolio = checked.portfolio.expect("acme checks");
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in overrides {
        std::fs::write(dir.path().join(name), text).expect("template");
    }
    let ctx = Context {
        today,
        templates: Some(dir.path().to_path_buf()),
    };
    let only = ["html".to_string()];
    bencher.bench_local(|| {
        let err = emit(black_box(&portfolio), &ctx, &only).expect_err("refused");
        assert!(err.message.contains(expect), "{}", err.message);
    });
}

#[divan::bench(sample_count = 10)]
fn partials_in_a_cycle(bencher: divan::Bencher) {
    refuse(
        bencher,
        &[
            ("party_card.html.hbs", "{{> signature}}".to_string()),
            ("signature.html.hbs", "<p>{{> party_card}}</p>".to_string()),
        ],
        "cycle",
    );
}

#[divan::bench(sample_count = 10)]
fn a_million_partials(bencher: divan::Bencher) {
    refuse(
        bencher,
        &[
            ("contract.html.hbs", "{{> party_card}}".repeat(100)),
            ("party_card.html.hbs", "{{> signature}}".repeat(100)),
            ("signature.html.hbs", "{{> style}}".repeat(100)),
            ("style.css.hbs", "line\n".to_string()),
        ],
        "partials",
    );
}

#[divan::bench(sample_count = 10)]
fn blocks_nested_100000_deep(bencher: divan::Bencher) {
    let n = 100_000;
    let text = format!("{}x{}", "{{#if true}}".repeat(n), "{{/if}}".repeat(n));
    refuse(bencher, &[("contract.html.hbs", text)], "contract.html.hbs");
}

#[divan::bench(sample_count = 10)]
fn a_document_past_64_mib(bencher: divan::Bencher) {
    refuse(
        bencher,
        &[
            ("contract.html.hbs", "{{> party_card}}".repeat(30)),
            ("party_card.html.hbs", "x".repeat(3 << 20)),
        ],
        "64 MiB",
    );
}
