//! The synthetic portfolios used by the benchmarks are valid and check clean, so the
//! benchmarks measure the real path, not an early exit on errors.

use crate::common::{check_sources, human};
use slac::source::SourceMap;

fn sources(services: usize) -> SourceMap {
    let mut map = SourceMap::new();
    for f in slac::synth::portfolio(services) {
        map.add(f.name.clone(), &f.name, f.text);
    }
    map
}

#[test]
fn a_synthetic_portfolio_checks_clean() {
    let map = sources(250);
    let diags = check_sources(&map);
    assert!(diags.is_empty(), "{}", human(&diags, &map));
}

#[test]
fn the_consistency_benchmark_portfolio_checks_clean() {
    let mut map = SourceMap::new();
    for f in slac::synth::supported_portfolio(120) {
        map.add(f.name.clone(), &f.name, f.text);
    }
    let diags = check_sources(&map);
    assert!(diags.is_empty(), "{}", human(&diags, &map));
}

#[test]
fn synthetic_portfolios_are_deterministic_and_scale() {
    let a = slac::synth::portfolio(120);
    let b = slac::synth::portfolio(120);
    assert_eq!(
        a.iter().map(|f| &f.text).collect::<Vec<_>>(),
        b.iter().map(|f| &f.text).collect::<Vec<_>>()
    );
    let small = slac::synth::size(&slac::synth::portfolio(100));
    let large = slac::synth::size(&slac::synth::portfolio(1000));
    assert!(large > 8 * small && large < 12 * small, "{small} → {large}");
}
