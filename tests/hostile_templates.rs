//! `slac build --templates DIR` with templates written to hurt (issue 14): partials that
//! include each other, blocks nested thousands deep, partials that multiply each other's
//! output, computed partial names. Each is an error with exit 2 that says what is wrong,
//! never a crash (a stack overflow aborts with 134) or a hang, and nothing is written.

use crate::common::build_acme_html;

/// Builds the acme portfolio's HTML with the given template overrides.
fn build_with(templates: &[(&str, String)]) -> (Option<i32>, String, bool) {
    let (r, out, _dir) = build_acme_html(templates);
    (r.status.code(), r.stderr, out.exists())
}

#[test]
fn partials_that_include_each_other_are_a_cycle_error() {
    let (code, err, wrote) = build_with(&[
        ("party_card.html.hbs", "{{> signature}}".to_string()),
        ("signature.html.hbs", "<p>{{> party_card}}</p>".to_string()),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cycle"), "{err}");
    assert!(
        err.contains("party_card.html.hbs") && err.contains("signature.html.hbs"),
        "{err}"
    );
    assert!(!wrote);
}

#[test]
fn a_cycle_through_inline_partials_and_partial_blocks_is_found() {
    let (code, err, _) = build_with(&[(
        "index.html.hbs",
        "{{#*inline \"a\"}}{{#> b}}x{{/b}}{{/inline}}{{#*inline \"b\"}}{{> a}}{{/inline}}{{> a}}"
            .to_string(),
    )]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("cycle") && err.contains("inline partial `a`"),
        "{err}"
    );
}

#[test]
fn blocks_nested_thousands_deep_are_refused() {
    for n in [100, 3_000, 100_000] {
        let text = format!("{}x{}", "{{#if true}}".repeat(n), "{{/if}}".repeat(n));
        let (code, err, wrote) = build_with(&[("contract.html.hbs", text)]);
        assert_eq!(code, Some(2), "{n}: {err}");
        assert!(err.contains("contract.html.hbs"), "{err}");
        assert!(!wrote);
    }
}

#[test]
fn partials_multiplying_their_output_are_refused() {
    // 100 × 100 × 100 includes of one line: a million partials, refused before rendering.
    let (code, err, _) = build_with(&[
        ("contract.html.hbs", "{{> party_card}}".repeat(100)),
        ("party_card.html.hbs", "{{> signature}}".repeat(100)),
        ("signature.html.hbs", "{{> style}}".repeat(100)),
        ("style.css.hbs", "line\n".to_string()),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("partials"), "{err}");
}

#[test]
fn a_document_over_64_mib_is_stopped() {
    // 30 includes of 3 MiB: within the include limit, over the size limit.
    let (code, err, wrote) = build_with(&[
        ("contract.html.hbs", "{{> party_card}}".repeat(30)),
        ("party_card.html.hbs", "x".repeat(3 << 20)),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("64 MiB"), "{err}");
    assert!(!wrote);
}

#[test]
fn computed_partial_names_are_refused() {
    let (code, err, _) = build_with(&[(
        "contract.html.hbs",
        "{{> (lookup this \"name\")}}".to_string(),
    )]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("computed"), "{err}");
}

#[test]
fn ordinary_overrides_with_partials_still_build() {
    let (code, err, wrote) = build_with(&[
        (
            "signature.html.hbs",
            "<footer>{{> party_card}}</footer>".to_string(),
        ),
        ("party_card.html.hbs", "<p>party</p>".to_string()),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(wrote);
}
