//! Rendering many diagnostics, the worst cases of issue 14: ten thousand unused teams in
//! one file (human and JSON), and sixty thousand on one 1.6 MB line. Each must take time
//! in proportion to what is shown, not to file size × diagnostics.
//! `cargo bench --bench diagnostics`; docs/performance.md has numbers.

use slac::compile::{self, Options};
use slac::diag::render::{self, Style};
use slac::source::SourceMap;
use std::fmt::Write as _;

fn main() {
    divan::main();
}

fn options() -> Options {
    Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
    }
}

/// `provider` then `n` teams that nothing uses, one per line or all on one line.
fn unused_teams(n: usize, one_line: bool) -> SourceMap {
    let sep = if one_line { " " } else { "\n" };
    let mut text = String::from("provider acme \"Acme\"");
    for i in 0..n {
        text.push_str(sep);
        let _ = write!(text, "team t{i} \"Équipe {i}\"");
    }
    text.push('\n');
    let mut map = SourceMap::new();
    map.add("teams.sla", "teams.sla", text);
    map
}

fn bench(
    bencher: divan::Bencher,
    map: &SourceMap,
    render: fn(&[slac::diag::Diagnostic], &SourceMap) -> String,
) {
    let diags = compile::check(map, &options()).diagnostics;
    assert!(diags.len() >= 10_000);
    bencher.bench(|| render(&diags, map).len());
}

fn human(d: &[slac::diag::Diagnostic], m: &SourceMap) -> String {
    render::human(
        d,
        m,
        Style {
            color: false,
            width: 100,
        },
    )
}

#[divan::bench(sample_count = 5)]
fn human_10k_unused_teams(bencher: divan::Bencher) {
    bench(bencher, &unused_teams(10_000, false), human);
}

#[divan::bench(sample_count = 5)]
fn json_10k_unused_teams(bencher: divan::Bencher) {
    bench(bencher, &unused_teams(10_000, false), render::json);
}

#[divan::bench(sample_count = 5)]
fn human_60k_on_one_line(bencher: divan::Bencher) {
    bench(bencher, &unused_teams(60_000, true), human);
}

#[divan::bench(sample_count = 5)]
fn json_60k_on_one_line(bencher: divan::Bencher) {
    bench(bencher, &unused_teams(60_000, true), render::json);
}
