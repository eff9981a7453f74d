//! The acme portfolio checks clean. The UI cases (tests/ui/**.sla) run as tests of their own
//! in the `ui` test target (`tests/ui_harness.rs`), one test per file.

use crate::common::{check_sources, human, load};
use std::path::Path;

#[test]
fn the_acme_portfolio_checks_clean() {
    let sources = load(&[Path::new("examples/acme").to_path_buf()]);
    assert_eq!(sources.len(), 8);
    let diags = check_sources(&sources);
    assert!(diags.is_empty(), "{}", human(&diags, &sources));
}
