//! Catalogues of priced packages: the catalogue page of every folder, and an SLA that
//! adopts a package reading the package's terms the same way in every backend.

use crate::common::Slac;
use std::fs;
use std::path::Path;

fn build(src: &Path, out: &Path, emit: &str) {
    Slac::new()
        .args(["build"])
        .arg(src)
        .arg("--out")
        .arg(out)
        .args(["--emit", emit, "--today", "2026-12-01"])
        .run()
        .assert_code(0);
}

/// The acme catalogue page lists bronze, silver and gold in that order, with every fee,
/// in HTML and Markdown, for the provider and for each customer.
#[test]
fn the_catalogue_page_compares_the_packages_side_by_side_in_every_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    build(Path::new("examples/acme"), &out, "html,markdown");
    for folder in ["internal", "customers/globex"] {
        for (file, fees) in [
            (
                "html/catalogue.html",
                ["4,000 EUR", "8,000 EUR", "12,000 EUR"],
            ),
            (
                "markdown/catalogue.md",
                ["4,000 EUR", "8,000 EUR", "12,000 EUR"],
            ),
        ] {
            let path = out.join(folder).join(file);
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            let at = |s: &str| {
                text.find(s)
                    .unwrap_or_else(|| panic!("{path:?} lacks {s:?}"))
            };
            assert!(
                at("Bronze") < at("Silver") && at("Silver") < at("Gold"),
                "{path:?}"
            );
            let fee_row = &text[at("Fee")..];
            let pos: Vec<usize> = fees
                .iter()
                .map(|f| {
                    fee_row
                        .find(f)
                        .unwrap_or_else(|| panic!("{path:?} lacks {f}"))
                })
                .collect();
            assert!(
                pos.windows(2).all(|w| w[0] < w[1]),
                "{path:?}: fees out of order"
            );
        }
        let index = fs::read_to_string(out.join(folder).join("html/index.html")).expect("index");
        assert!(
            index.contains("href=\"catalogue.html\""),
            "{folder}: index links the catalogue"
        );
    }
}

/// A portfolio without a catalogue writes no catalogue page.
#[test]
fn no_catalogue_no_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    build(Path::new("examples/initech"), &out, "html,markdown");
    assert!(!out.join("internal/html/catalogue.html").exists());
    assert!(!out.join("internal/markdown/catalogue.md").exists());
    let index = fs::read_to_string(out.join("internal/html/index.html")).expect("index");
    assert!(!index.contains("catalogue.html"));
}

const ADOPTED: &str = r#"
provider acme "Acme"
customer globex "Globex" { subscribes web }
service web "Web"
catalogue levels "Levels" {
  package silver "Silver" {
    fee 4000 EUR per month
    availability 99.9% per month
    support { incident p1 { response 30m resolve 6h } }
  }
  package gold "Gold" {
    fee 8000 EUR per month
    availability {
      target 99.95%
      window month
      indicator prometheus {
        errors "sum(rate(http_requests_total{code=~\"5..\"}[{{window}}]))"
        total "sum(rate(http_requests_total[{{window}}]))"
      }
    }
    support { incident p1 { response 15m resolve 4h } }
  }
}
sla web_globex "Web for Globex" {
  provider acme
  customer globex
  services web
  package gold
  support { incident p1 { response 10m } }
}
"#;

/// An SLA that adopts `gold` inherits its fee, its objective and its support; its own
/// statement overrides the package's. The resolved portfolio, the contract and the
/// monitoring rules all read the same terms.
#[test]
fn an_adopted_package_reads_the_same_in_the_model_the_contract_and_the_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(&src, ADOPTED).expect("write");
    let out = dir.path().join("out");
    build(&src, &out, "json,html,prometheus");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("json/portfolio.json")).expect("json"))
            .expect("valid json");
    let a = json["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .find(|a| a["name"] == "web_globex")
        .expect("web_globex");
    assert_eq!(a["package"], "gold");
    assert_eq!(a["terms"]["fee"]["amount"], "8000");
    let obj = &a["terms"]["objectives"][0];
    assert_eq!(obj["target"], "99.95");
    let p1 = &a["terms"]["support"]["targets"][0];
    assert_eq!(p1["response"]["duration_ms"], 600_000, "own response wins");
    assert_eq!(
        p1["resolve"]["duration_ms"], 14_400_000,
        "package resolve inherited"
    );

    let html = fs::read_to_string(out.join("internal/html/web_globex.html")).expect("html");
    assert!(html.contains("99.95%"), "the contract states gold's target");
    assert!(html.contains("8,000"), "the contract states gold's fee");
    let rules = fs::read_dir(out.join("prometheus"))
        .expect("rules dir")
        .map(|e| fs::read_to_string(e.expect("entry").path()).expect("rules"))
        .collect::<String>();
    assert!(
        rules.contains("0.9995"),
        "the rules alert on gold's target:\n{rules}"
    );
}
