//! Any text that parses: formatting never panics, is idempotent, keeps every comment and
//! gives text that parses again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slac::source::FileId;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(once) = slac::fmt::format_text(FileId(0), text) else {
        return;
    };
    let twice = slac::fmt::format_text(FileId(0), &once).expect("formatted text parses again");
    assert_eq!(once, twice, "formatting is idempotent");
    let comments = |t: &str| {
        let mut diags = Vec::new();
        slac::syntax::parse_file(FileId(0), t, &mut diags).map(|tree| {
            slac::fmt::comment_texts(&tree)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        comments(text),
        comments(&once),
        "every comment is kept, in order"
    );
});
