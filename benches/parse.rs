//! Parse + value checks (phase E01) of a generated portfolio of more than 10 MB.
//! `cargo bench --bench parse`; docs/performance.md records the numbers.

use slac::source::SourceMap;

fn main() {
    divan::main();
}

fn sources(services: usize) -> SourceMap {
    let mut map = SourceMap::new();
    for f in slac::synth::portfolio(services) {
        map.add(f.name.clone(), &f.name, f.text);
    }
    map
}

/// About 10.7 MB of .sla text.
const SERVICES: usize = 10_000;

#[divan::bench(sample_count = 10)]
fn parse_and_value_checks(bencher: divan::Bencher) {
    let map = sources(SERVICES);
    let bytes: usize = map.files().map(|(_, f)| f.text.len()).sum();
    assert!(bytes > 10_000_000, "portfolio is only {bytes} bytes");
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            let mut diags = Vec::new();
            let files = slac::syntax::parse_all(&map, &mut diags);
            assert!(diags.is_empty());
            files.len()
        });
}
