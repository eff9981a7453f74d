//! The whole check (parse, names, each agreement, between agreements, lints) of the
//! consistency benchmark's portfolio: 2,000 services, 2,000 SLAs and 4,000 OLAs and UCs
//! with two-year validities. `cargo bench --bench check`; docs/performance.md has numbers.

use slac::compile::{self, Options};
use slac::source::SourceMap;

fn main() {
    divan::main();
}

fn sources(services: usize) -> SourceMap {
    let mut map = SourceMap::new();
    for f in slac::synth::supported_portfolio(services) {
        map.add(f.name.clone(), &f.name, f.text);
    }
    map
}

fn options() -> Options {
    Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
    }
}

#[divan::bench(sample_count = 5)]
fn check_2000_services(bencher: divan::Bencher) {
    let map = sources(2_000);
    bencher.bench(|| {
        let checked = compile::check(&map, &options());
        assert!(
            checked.diagnostics.is_empty(),
            "{:?}",
            checked.diagnostics.first()
        );
        checked.portfolio.map(|p| p.agreements.len())
    });
}
