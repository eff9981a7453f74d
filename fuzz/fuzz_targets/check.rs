//! Any text through every phase of `slac check`: diagnostics or a clean portfolio, never a
//! panic, a hang or a blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slac::compile::{check, Options};
use slac::source::SourceMap;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut sources = SourceMap::new();
        sources.add("fuzz.sla", "fuzz.sla", text.to_string());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
        let _ = check(&sources, &Options { today });
    }
});
