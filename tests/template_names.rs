//! `slac build --templates DIR`: a file that overrides no template (a misspelt name) is
//! not ignored silently but named in a warning, once, with the names that would work.

use crate::common::{Run, Slac};

fn build(templates: &std::path::Path, out: &std::path::Path, emit: &str) -> Run {
    Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            &out.to_string_lossy(),
            "--emit",
            emit,
            "--templates",
            &templates.to_string_lossy(),
            "--today",
            "2026-11-26",
        ])
        .run()
}

#[test]
fn a_misspelt_template_is_named_in_a_warning_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).expect("mkdir");
    std::fs::write(tpl.join("contract.htm.hbs"), "{{title}}").expect("write");
    std::fs::write(tpl.join("contract.mdd.hbs"), "{{title}}").expect("write");
    let out = build(&tpl, &dir.path().join("out"), "html,markdown");
    out.assert_code(0);
    let err = &out.stderr;
    for (file, hint) in [
        ("contract.htm.hbs", "did you mean `contract.html.hbs`?"),
        ("contract.mdd.hbs", "did you mean `contract.md.hbs`?"),
    ] {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
        assert_eq!(lines.len(), 1, "{err}");
        assert!(lines[0].starts_with("warning: "), "{err}");
        assert!(lines[0].contains("does not override any template"), "{err}");
        assert!(lines[0].contains(hint), "{err}");
        assert!(
            lines[0].contains("known: ") && lines[0].contains("index.html.hbs"),
            "{err}"
        );
    }
}

#[test]
fn a_correct_override_warns_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).expect("mkdir");
    std::fs::write(tpl.join("contract.md.hbs"), "# {{title}}\n").expect("write");
    let out = build(&tpl, &dir.path().join("out"), "html,markdown");
    out.assert_code(0);
    assert!(!out.stderr.contains("warning: `"), "{}", out.stderr);
    let md = std::fs::read_dir(dir.path().join("out/internal/markdown"))
        .expect("markdown out")
        .next()
        .expect("one contract")
        .expect("entry")
        .path();
    assert!(std::fs::read_to_string(md).expect("read").starts_with("# "));
}
