//! Any bytes: the parser gives a tree or diagnostics, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut diags = Vec::new();
        let _ = slac::syntax::parse_file(slac::source::FileId(0), text, &mut diags);
    }
});
