//! `slac fmt`: the canonical layout, comments kept, idempotence, and meaning preserved
//! (the resolved model is the same before and after formatting).

use crate::common::{sla_files, Slac};
use slac::diag::Severity;
use slac::source::{FileId, SourceMap};
use std::path::Path;

fn fmt(text: &str) -> String {
    match slac::fmt::format_text(FileId(0), text) {
        Ok(t) => t,
        Err(d) => panic!(
            "does not parse: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        ),
    }
}

/// The resolved portfolio as JSON, or `None` when the files have E01/E02 errors.
fn model(files: &[(String, String)]) -> Option<String> {
    let mut map = SourceMap::new();
    for (name, text) in files {
        map.add(name.clone(), name, text.clone());
    }
    let mut diags = Vec::new();
    let trees = slac::syntax::parse_all(&map, &mut diags);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    let portfolio = slac::model::resolve(trees, &mut diags)?;
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    Some(serde_json::to_string(&portfolio).expect("the portfolio serialises"))
}

fn comments(text: &str) -> Vec<String> {
    let mut diags = Vec::new();
    let tree = slac::syntax::parse_file(FileId(0), text, &mut diags).expect("parses");
    slac::fmt::comment_texts(&tree)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Formatting `files` keeps the model, every comment, and is idempotent. Returns whether
/// the model could be compared (no E01/E02 error).
fn assert_preserved(files: &[(String, String)]) -> bool {
    let formatted: Vec<(String, String)> = files.iter().map(|(n, t)| (n.clone(), fmt(t))).collect();
    for ((name, before), (_, after)) in files.iter().zip(&formatted) {
        assert_eq!(&fmt(after), after, "{name}: formatting is not idempotent");
        assert_eq!(
            comments(before),
            comments(after),
            "{name}: comments changed"
        );
        assert!(
            after.ends_with('\n') || after.is_empty(),
            "{name}: no final newline"
        );
    }
    let (before, after) = (model(files), model(&formatted));
    assert_eq!(
        before,
        after,
        "formatting changed the meaning of {:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    before.is_some()
}

/// The same file with its layout scrambled (lines re-indented, spaces doubled, code
/// lines joined with the next one; blank lines, which are kept inside blocks, stay): formatting it gives the same text as formatting the
/// original. Lines with strings or comments are only re-indented.
fn scramble(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_start();
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        out.push_str(&" ".repeat(i % 5));
        if line.contains(['"', '#']) || line.is_empty() || next_blank {
            out.push_str(line);
            out.push('\n');
        } else {
            out.push_str(&line.replace(' ', "  ").replace(", ", " ,"));
            // Statements need no separator: join every third code line with the next.
            out.push(if i % 3 == 0 { ' ' } else { '\n' });
        }
    }
    out
}

const MESSY: &str = r#"# header comment

# about acme
provider   acme "Acme"{contact "a@b.example"   # trailing
}
customer globex
calendar office { timezone "Europe/Paris"
  mon-fri 08:00 -12:00,13:00- 17:00
  closed 2026-12-24 13:00-24:00 "Eve"


  # own line in block
}
service api "API" { depends_on db,any_of( a , b ) # deps
}
service db
service a
service b
sla s "S" { provider acme customer globex services api
  valid from 2026-01-01 # from
  availability 99.90% per month
  support { during office incident p1 { response 15m # fast
   resolve 4h } request x { fulfil 8h } }
  penalty on availability { below 99.90% credit 10%   at   or below 99.0% credit 25% }
  fee 1000.50   EUR per month
  note """multi
   line"""
  cap 50%
} # end
# tail
"#;

const MESSY_FORMATTED: &str = r#"# header comment

# about acme
provider acme "Acme" {
  contact "a@b.example" # trailing
}

customer globex

calendar office {
  timezone "Europe/Paris"
  mon-fri 08:00-12:00, 13:00-17:00
  closed 2026-12-24 13:00-24:00 "Eve"

  # own line in block
}

service api "API" {
  depends_on db, any_of(a, b) # deps
}

service db

service a

service b

sla s "S" {
  provider acme
  customer globex
  services api
  valid from 2026-01-01 # from
  availability 99.90% per month
  support {
    during office
    incident p1 {
      response 15m # fast
      resolve 4h
    }
    request x { fulfil 8h }
  }
  penalty on availability {
    below 99.90% credit 10%
    at or below 99.0% credit 25%
  }
  fee 1000.50 EUR per month
  note """multi
   line"""
  cap 50%
} # end

# tail
"#;

#[test]
fn a_messy_file_gets_the_canonical_layout() {
    assert_eq!(fmt(MESSY), MESSY_FORMATTED);
    assert_eq!(fmt(MESSY_FORMATTED), MESSY_FORMATTED);
    assert!(assert_preserved(&[("messy.sla".into(), MESSY.into())]));
}

#[test]
fn comments_are_kept_where_they_were() {
    let src = "# a\nsla x { # after brace\n  # own line\n  provider acme # trailing\n  services # inside\n    api\n\n  # last\n}\n# end\n";
    let out = fmt(src);
    assert_eq!(
        out,
        "# a\nsla x { # after brace\n  # own line\n  provider acme # trailing\n  services # inside\n    api\n\n  # last\n}\n\n# end\n"
    );
    assert_eq!(comments(src), comments(&out));
    // A comment between a header and its block, and one inside a support target.
    let src = "sla x \"T\" # why\n{ support { incident p1 { # note\n response 1h } } }\n";
    let out = fmt(src);
    assert_eq!(fmt(&out), out);
    assert_eq!(comments(src), comments(&out));
    assert!(out.contains("incident p1 { # note\n"), "{out}");
}

#[test]
fn empty_blocks_and_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("# only\n"), "# only\n");
    assert_eq!(fmt("calendar c {   }"), "calendar c {}\n");
    assert_eq!(fmt("team a team b"), "team a\n\nteam b\n");
}

#[test]
fn formatting_preserves_meaning_on_every_example_and_ui_case() {
    let acme: Vec<(String, String)> = sla_files(Path::new("examples/acme"))
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("readable"),
            )
        })
        .collect();
    assert!(assert_preserved(&acme), "examples/acme must resolve");
    let scrambled: Vec<(String, String)> =
        acme.iter().map(|(n, t)| (n.clone(), scramble(t))).collect();
    assert!(assert_preserved(&scrambled));
    for ((n, a), (_, b)) in acme.iter().zip(&scrambled) {
        assert_eq!(fmt(a), fmt(b), "{n}: layout depends on the input's layout");
    }
    let mut compared = 0;
    for path in sla_files(Path::new("tests/ui")) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut diags = Vec::new();
        if slac::syntax::parse_file(FileId(0), &text, &mut diags).is_none() {
            continue; // a syntax error: nothing to format
        }
        let files = [(path.display().to_string(), text)];
        compared += usize::from(assert_preserved(&files));
    }
    assert!(compared > 30, "only {compared} UI cases resolved");
}

#[test]
fn formatting_preserves_meaning_on_synthetic_portfolios_of_many_sizes() {
    for size in (4..60).step_by(3).chain([150]) {
        let files: Vec<(String, String)> = slac::synth::portfolio(size)
            .into_iter()
            .map(|f| (f.name, f.text))
            .collect();
        assert!(assert_preserved(&files), "size {size} must resolve");
        let scrambled: Vec<(String, String)> = files
            .iter()
            .map(|(n, t)| (n.clone(), scramble(t)))
            .collect();
        assert!(assert_preserved(&scrambled));
        for ((n, a), (_, b)) in files.iter().zip(&scrambled) {
            assert_eq!(fmt(a), fmt(b), "size {size}, {n}");
        }
    }
}

#[test]
fn fmt_check_lists_files_that_would_change_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let messy = dir.path().join("messy.sla");
    let clean = dir.path().join("clean.sla");
    std::fs::write(&messy, MESSY).expect("write");
    std::fs::write(&clean, MESSY_FORMATTED).expect("write");
    let d = dir.path().to_str().expect("utf-8 path");
    let out = Slac::new().args(["fmt", d, "--check"]).run();
    out.assert_code(1);
    let listed = &out.stdout;
    assert!(
        listed.contains("messy.sla") && !listed.contains("clean.sla"),
        "{listed}"
    );
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        MESSY,
        "--check wrote"
    );

    let out = Slac::new().args(["fmt", d]).run();
    out.assert_code(0);
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        MESSY_FORMATTED
    );
    let out = Slac::new().args(["fmt", d, "--check"]).run();
    assert_eq!(out.status.code(), Some(0), "{}", out.stdout);
    assert_eq!(out.stdout, "");
    // No temporary file is left beside the rewritten one.
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(names.len(), 2);
}

#[test]
fn files_with_syntax_errors_are_not_formatted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.sla");
    let good = dir.path().join("good.sla");
    std::fs::write(&bad, "sla x {  provider\n").expect("write");
    std::fs::write(&good, "team   a").expect("write");
    let out = Slac::new()
        .args(["fmt", dir.path().to_str().expect("utf-8")])
        .run();
    assert_eq!(out.status.code(), Some(1));
    out.assert_stderr_contains("E0100");
    assert_eq!(
        std::fs::read_to_string(&bad).expect("read"),
        "sla x {  provider\n"
    );
    assert_eq!(std::fs::read_to_string(&good).expect("read"), "team a\n");
    let out = Slac::new().args(["fmt", "/nonexistent/x.sla"]).run();
    assert_eq!(out.status.code(), Some(2));
}

/// A portfolio file that `slac fmt` will change.
const UNTIDY: &str = "provider acme \"Acme\"   \n\n\n\nservice api \"API\"\n";

#[cfg(unix)]
#[test]
fn fmt_writes_through_a_symbolic_link_and_keeps_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.sla");
    std::fs::write(&real, UNTIDY).expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    // As root, give the file to another owner: a rewrite must keep it.
    let root = std::fs::metadata(&real).expect("meta").uid() == 0;
    if root {
        std::os::unix::fs::chown(&real, Some(4321), Some(4321)).expect("chown");
    }
    let link = dir.path().join("link.sla");
    std::os::unix::fs::symlink("real.sla", &link).expect("symlink");
    let r = Slac::new()
        .args(["fmt", link.to_str().expect("utf-8")])
        .run();
    r.assert_code(0);
    assert!(std::fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).expect("read");
    assert_ne!(text, UNTIDY, "the target was formatted");
    let meta = std::fs::metadata(&real).expect("meta");
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    }
}

#[cfg(unix)]
#[test]
fn fmt_refuses_a_hard_linked_file_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.sla");
    std::fs::write(&a, UNTIDY).expect("write");
    let b = dir.path().join("b.txt");
    std::fs::hard_link(&a, &b).expect("hard link");
    let r = Slac::new().args(["fmt", a.to_str().expect("utf-8")]).run();
    r.assert_code(2);
    r.assert_stderr_contains("hard links");
    assert_eq!(std::fs::read_to_string(&b).expect("read"), UNTIDY);
    assert_eq!(std::fs::read_to_string(&a).expect("read"), UNTIDY);
}

#[test]
fn a_comment_or_a_line_break_may_sit_inside_at_or_below() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("p.sla");
    let text = "provider acme \"Acme\"\n\ncustomer globex \"Globex\" {\n  subscribes api\n}\n\n\
                service api \"API\"\n\nsla s \"S\" {\n  provider acme\n  customer globex\n  \
                services api\n  availability 99.9% per month\n  latency 99% within 1s per month\n  \
                penalty on availability {\n    at # boundary\n      or\n      below 99% credit 10%\n  }\n}\n";
    std::fs::write(&file, text).expect("write");
    let r = Slac::new()
        .args(["check", file.to_str().expect("utf-8"), "--format", "json"])
        .run();
    assert_eq!(r.status.code(), Some(0), "{}", r.stdout);
    let r = Slac::new()
        .args(["fmt", file.to_str().expect("utf-8")])
        .run();
    r.assert_code(0);
    let formatted = std::fs::read_to_string(&file).expect("read");
    assert!(
        formatted.contains("at # boundary\n      or below 99%"),
        "{formatted}"
    );
    let r = Slac::new()
        .args(["fmt", "--check", file.to_str().expect("utf-8")])
        .run();
    assert_eq!(r.status.code(), Some(0), "idempotent: {}", r.stdout);
    let out = dir.path().join("out");
    let r = Slac::new()
        .args([
            "build",
            file.to_str().expect("utf-8"),
            "--emit",
            "json",
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .run();
    r.assert_code(0);
    let json = std::fs::read_to_string(out.join("json/portfolio.json")).expect("portfolio");
    assert!(json.contains("\"at_or_below\""), "{json}");
}

#[test]
fn fmt_check_prints_a_unified_diff() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("messy.sla"), MESSY).expect("write");
    let out = Slac::new()
        .args(["fmt", "messy.sla", "--check"])
        .current_dir(dir.path())
        .run();
    out.assert_code(1);
    let diff = &out.stdout;
    assert!(
        diff.starts_with("--- messy.sla\n+++ messy.sla (formatted)\n@@ -"),
        "{diff}"
    );
    // Every line of the hunks is context, removed or added; the messy file changes from
    // its first line to its last, so one hunk holds it all and its new side is the
    // formatted file.
    assert_eq!(diff.lines().filter(|l| l.starts_with("@@")).count(), 1);
    let mut new = String::new();
    for line in diff.lines().skip(2) {
        match line.chars().next() {
            Some('@' | '-') => {}
            Some(' ' | '+') => {
                new.push_str(&line[1..]);
                new.push('\n');
            }
            _ if line.starts_with('\\') => {}
            _ => panic!("not a diff line: {line:?}"),
        }
    }
    assert_eq!(new, MESSY_FORMATTED);
}

#[test]
fn fmt_keeps_each_files_line_endings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let crlf = dir.path().join("crlf.sla");
    let lf = dir.path().join("lf.sla");
    std::fs::write(&crlf, MESSY.replace('\n', "\r\n")).expect("write");
    std::fs::write(&lf, MESSY).expect("write");
    Slac::new()
        .args(["fmt"])
        .current_dir(dir.path())
        .run()
        .assert_code(0);
    assert_eq!(
        std::fs::read_to_string(&crlf).expect("read"),
        MESSY_FORMATTED.replace('\n', "\r\n")
    );
    assert_eq!(std::fs::read_to_string(&lf).expect("read"), MESSY_FORMATTED);
    // Formatted CRLF is a fixed point.
    let out = Slac::new()
        .args(["fmt", "--check"])
        .current_dir(dir.path())
        .run();
    out.assert_code(0);
}
