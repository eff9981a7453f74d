//! The portfolio index's lists (docs/documents.md, "The index's lists"): a template that
//! reads them item by item with `{{#list "name"}}` and one that reads the whole arrays
//! (`{{#each agreements}}`, as before) write the same page; `list` sets `@index`,
//! `@first` and `@last`, renders `{{else}}` for an empty list, reaches the page's fields
//! with `../`, and refuses a name the page does not have.

use crate::common::build_acme_html;
use std::fs;
use std::path::{Path, PathBuf};

const EMBEDDED: &str = include_str!("../src/emit/templates/index.html.hbs");

/// Builds the acme portfolio's HTML with the given template overrides: the exit code,
/// stderr and the output directory (kept while the returned temp dir lives).
fn build_with(templates: &[(&str, String)]) -> (Option<i32>, String, PathBuf, tempfile::TempDir) {
    let (r, out, dir) = build_acme_html(templates);
    (r.status.code(), r.stderr, out, dir)
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every index page of a build: its path under `out` and its text.
fn indexes(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n == "index.html") {
                let rel = p
                    .strip_prefix(out)
                    .expect("under out")
                    .display()
                    .to_string();
                found.push((rel, read(&p)));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_index_read_item_by_item_is_the_index_read_whole() {
    // The embedded template with every `{{#list "x"}}` written as `{{#each x}}`: the
    // whole arrays, the index as it was read before lists.
    let mut whole = EMBEDDED.to_string();
    for name in [
        "agreements",
        "graph.edges",
        "graph.nodes",
        "graph.text",
        "exposure",
    ] {
        whole = whole.replace(
            &format!("{{{{#list \"{name}\"}}}}"),
            &format!("{{{{#each {name}}}}}"),
        );
    }
    whole = whole.replace("{{/list}}", "{{/each}}");
    assert!(
        !whole.contains("{{#list") && !whole.contains("{{/list"),
        "every list rewritten"
    );
    assert_ne!(whole, EMBEDDED);
    let (code, err, by_items, _a) = build_with(&[]);
    assert_eq!(code, Some(0), "{err}");
    let (code, err, by_arrays, _b) = build_with(&[("index.html.hbs", whole)]);
    assert_eq!(code, Some(0), "{err}");
    let (items, arrays) = (indexes(&by_items), indexes(&by_arrays));
    let names: Vec<&String> = items.iter().map(|(p, _)| p).collect();
    assert!(
        names.iter().any(|p| p.starts_with("internal"))
            && names.iter().any(|p| p.starts_with("customers")),
        "the internal index and a customer's: {names:?}"
    );
    assert!(
        items.iter().any(|(_, t)| t.contains("<polyline")),
        "the internal index draws the graph"
    );
    assert_eq!(items.len(), arrays.len());
    for (a, b) in items.iter().zip(&arrays) {
        assert_eq!(a.0, b.0);
        assert!(
            a.1 == b.1,
            "{} differs between the two ways of reading the lists",
            a.0
        );
    }
}

#[test]
fn list_sets_index_first_last_reaches_the_page_and_renders_else_when_empty() {
    let page = concat!(
        "[{{agreements}}]",
        "{{#list \"agreements\"}}{{#if @first}}<{{/if}}{{@index}}:{{name}}@{{../heading}}",
        "{{#unless @last}},{{/unless}}{{#if @last}}>{{/if}}{{/list}}",
        "|{{#list \"exposure\"}}{{name}};{{else}}no exposure{{/list}}|",
        "{{#if graph}}{{#list \"graph.text\"}}{{#if @first}}{{this}}{{/if}}{{/list}}{{/if}}"
    );
    let (code, err, out, _d) = build_with(&[("index.html.hbs", page.to_string())]);
    assert_eq!(code, Some(0), "{err}");
    let pages = indexes(&out);
    let internal = &pages
        .iter()
        .find(|(p, _)| p.starts_with("internal"))
        .expect("the internal index")
        .1;
    // The count, then the rows in order, numbered from 0, marked first and last.
    let count: usize = internal[1..internal.find(']').expect("count")]
        .parse()
        .expect("a number");
    assert!(count > 3, "{internal}");
    assert!(
        internal.starts_with('[') && internal.contains("]<0:"),
        "{internal}"
    );
    assert!(
        internal.contains(&format!("{}:", count - 1)) && internal.contains(">|"),
        "{internal}"
    );
    assert_eq!(internal.matches("@Service level portfolio").count(), count);
    assert!(!internal.contains("no exposure"), "{internal}");
    assert!(internal.contains(" depends on "), "{internal}");
    // A customer's index has no exposure table: the else branch.
    let customer = &pages
        .iter()
        .find(|(p, _)| p.starts_with("customers"))
        .expect("a customer index")
        .1;
    assert!(customer.contains("|no exposure|"), "{customer}");
    assert!(
        customer.contains("@Service level agreements for "),
        "{customer}"
    );
}

#[test]
fn list_refuses_a_list_the_page_does_not_have() {
    for (page, says) in [
        ("{{#list \"agreement\"}}x{{/list}}", "no list `agreement`"),
        (
            "{{#list agreements}}x{{/list}}",
            "needs the name of a list in quotes",
        ),
    ] {
        let (code, err, out, _d) = build_with(&[("index.html.hbs", page.to_string())]);
        assert_eq!(code, Some(2), "{page}: {err}");
        assert!(
            err.contains(says) && err.contains("index.html.hbs"),
            "{page}: {err}"
        );
        assert!(
            err.contains("`graph.edges`"),
            "the known lists are named: {err}"
        );
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn text_from_the_sources_reaches_the_listed_items_escaped() {
    // Titles that try to be markup, in every list: agreement rows, graph nodes and the
    // dependency sentences (internal index), and the customer's index.
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p");
    fs::create_dir(&src).expect("portfolio dir");
    fs::write(
        src.join("a.sla"),
        r#"provider acme "Acme <script>alert(1)</script>" { }
customer cust "Cust \"&<b>" { }
service db "DB <img src=x onerror=alert(1)>" { }
service web "Web </title><script>x()</script>" { depends_on db }
sla web_sla "Web SLA <i>& co</i>" {
  level service
  provider acme
  customer cust
  services web
  valid from 2026-01-01 to 2026-12-31
  availability { target 99.9% window month }
}
"#,
    )
    .expect("portfolio");
    let out = dir.path().join("out");
    let r = crate::common::Slac::new()
        .arg("build")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .args(["--emit", "html", "--today", "2026-11-26"])
        .run();
    assert_eq!(r.status.code(), Some(0), "{}", r.stderr);
    let pages = indexes(&out);
    assert_eq!(pages.len(), 2, "the internal index and the customer's");
    for (path, text) in &pages {
        for raw in ["<script>", "<img", "<i>", "<b>"] {
            assert!(
                !text.contains(raw),
                "{path}: `{raw}` reached the page as markup"
            );
        }
        assert!(
            text.contains("Web SLA &lt;i&gt;&amp; co&lt;/i&gt;"),
            "{path}"
        );
    }
    let internal = &pages[1].1;
    assert!(pages[1].0.starts_with("internal"), "{:?}", pages[1].0);
    assert!(
        internal.contains("<title>DB &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; (db)"),
        "the node, escaped: {internal}"
    );
    assert!(
        internal
            .contains("Web &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; depends on DB &lt;img"),
        "the dependency sentence, escaped: {internal}"
    );
}
