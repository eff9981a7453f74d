//! The audience split (docs/documents.md, "Audience"): `customers/<customer>/` holds
//! exactly that customer's SLAs and the terms they build on, with no internal name, no
//! exposure and no link out of the folder; `internal/` holds everything.

use crate::common::{human, load, today};
use slac::model::{AgreementKind, Portfolio};
use slac::syntax::ast::PartyKind;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Every artifact of every backend for `example` (path, text), and the portfolio's
/// internal names: the names and titles of OLAs, UCs, teams and suppliers, and of the
/// services no SLA covers (what the covered services depend on).
fn build(example: &str, check: impl Fn(&Portfolio, &[(String, String)])) {
    let sources = load(&[PathBuf::from(example)]);
    let checked = slac::compile::check(&sources, &slac::compile::Options { today: today() });
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        human(&checked.diagnostics, &sources)
    );
    let p = checked.portfolio.as_ref().expect("a checked portfolio");
    let ctx = slac::emit::Context {
        today: today(),
        templates: None,
    };
    let artifacts: Vec<(String, String)> = slac::emit::emit(p, &ctx, &[])
        .expect("every backend emits")
        .into_iter()
        .map(|a| {
            (
                a.path.to_string_lossy().replace('\\', "/"),
                String::from_utf8(a.contents).expect("UTF-8"),
            )
        })
        .collect();
    check(p, &artifacts);
}

/// (identifiers, titles) a customer may not read.
fn internal_names(p: &Portfolio) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut ids = BTreeSet::new();
    let mut titles = BTreeSet::new();
    for a in &p.agreements {
        if matches!(a.kind, AgreementKind::Ola | AgreementKind::Uc) {
            ids.insert(a.name.clone());
            titles.insert(a.title.clone());
        }
    }
    for party in &p.parties {
        if matches!(party.kind, PartyKind::Team | PartyKind::Supplier) {
            ids.insert(party.name.clone());
            titles.insert(party.title.clone());
        }
    }
    let covered: BTreeSet<usize> = p
        .agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::Sla)
        .flat_map(|a| a.variants().map(|(_, t)| t))
        .flat_map(|t| t.service_refs().into_iter().map(|r| r.index))
        .collect();
    for (i, s) in p.services.iter().enumerate() {
        if !covered.contains(&i) {
            ids.insert(s.name.clone());
            titles.insert(s.title.clone());
        }
    }
    (ids, titles)
}

/// Whether `text` holds identifier `id` as a whole word (an identifier such as `db` is
/// also a syllable of ordinary words, a title is matched as it is).
fn has_identifier(text: &str, id: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(id).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(word)
            && !text[at + id.len()..].chars().next().is_some_and(word)
    })
}

/// Every relative link target of an HTML (`href="…"`) or Markdown (`](…)`) file.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [("href=\"", '"'), ("](", ')')] {
        for (at, _) in text.match_indices(open) {
            let rest = &text[at + open.len()..];
            if let Some(end) = rest.find(close) {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

fn customer_files(artifacts: &[(String, String)]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut by: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (path, text) in artifacts {
        if let Some(rest) = path.strip_prefix("customers/") {
            let (customer, file) = rest.split_once('/').expect("customers/<c>/<file>");
            by.entry(customer.to_string())
                .or_default()
                .push((file.to_string(), text.clone()));
        }
    }
    by
}

#[test]
fn no_customer_file_names_anything_internal() {
    for example in ["examples/acme", "examples/initech"] {
        build(example, |p, artifacts| {
            let (ids, titles) = internal_names(p);
            assert!(!ids.is_empty() && !titles.is_empty(), "{example}");
            let customers = customer_files(artifacts);
            assert!(!customers.is_empty(), "{example}: no customer folder");
            // The check means something: the provider's copies of the same documents
            // do name internal parties and agreements.
            let internal_copies_name_them = customers
                .values()
                .flatten()
                .filter_map(|(file, _)| {
                    let path = format!("internal/{file}");
                    artifacts.iter().find(|(p, _)| *p == path)
                })
                .filter(|(_, text)| titles.iter().any(|t| text.contains(t.as_str())))
                .count();
            assert!(internal_copies_name_them > 0, "{example}");
            for (customer, files) in &customers {
                for (file, text) in files {
                    for t in &titles {
                        assert!(
                            !text.contains(t.as_str()),
                            "{example}: customers/{customer}/{file} shows the internal “{t}”"
                        );
                    }
                    for id in &ids {
                        assert!(
                            !has_identifier(text, id),
                            "{example}: customers/{customer}/{file} names the internal `{id}`"
                        );
                    }
                    for word in [
                        "Underpinning",
                        "exposure",
                        "Service dependencies",
                        "Depends on",
                        "depends on",
                    ] {
                        assert!(
                            !text.contains(word),
                            "{example}: customers/{customer}/{file} has “{word}”"
                        );
                    }
                }
            }
        });
    }
}

#[test]
fn every_customer_link_stays_in_its_folder() {
    for example in ["examples/acme", "examples/initech"] {
        build(example, |_, artifacts| {
            for (customer, files) in customer_files(artifacts) {
                let names: BTreeSet<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
                for (file, text) in &files {
                    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
                    for link in links(text) {
                        let target = link.split('#').next().unwrap_or_default();
                        if target.is_empty() {
                            continue; // an anchor in the same document
                        }
                        assert!(
                            !target.contains(':') && !target.starts_with('/'),
                            "{example}: customers/{customer}/{file} links out: {link}"
                        );
                        assert!(
                            !target.contains(".."),
                            "{example}: customers/{customer}/{file} leaves its folder: {link}"
                        );
                        let resolved = format!("{dir}/{target}");
                        assert!(
                            names.contains(resolved.as_str()),
                            "{example}: customers/{customer}/{file} links to missing {resolved}"
                        );
                    }
                }
            }
        });
    }
}

#[test]
fn each_customer_folder_holds_its_slas_and_what_they_extend() {
    for example in ["examples/acme", "examples/initech"] {
        build(example, |p, artifacts| {
            let customers = customer_files(artifacts);
            let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for a in &p.agreements {
                let Some(c) = a.terms.customer.as_ref() else {
                    continue;
                };
                if a.kind != AgreementKind::Sla
                    || p.parties[c.value.index].kind != PartyKind::Customer
                {
                    continue;
                }
                let set = expected
                    .entry(p.parties[c.value.index].name.clone())
                    .or_default();
                let mut at = Some(a);
                while let Some(x) = at {
                    for (v, _) in x.variants() {
                        let stem =
                            v.map_or_else(|| x.name.clone(), |v| format!("{}.{}", x.name, v.name));
                        set.insert(format!("html/{stem}.html"));
                        set.insert(format!("markdown/{stem}.md"));
                    }
                    at = x.extends.as_ref().map(|e| &p.agreements[e.value.index]);
                }
                set.insert("html/index.html".into());
                // The catalogue is what is on offer: every customer may read it.
                if !p.catalogues.is_empty() {
                    set.insert("html/catalogue.html".into());
                    set.insert("markdown/catalogue.md".into());
                }
            }
            let got: BTreeMap<String, BTreeSet<String>> = customers
                .into_iter()
                .map(|(c, files)| (c, files.into_iter().map(|(f, _)| f).collect()))
                .collect();
            assert_eq!(got, expected, "{example}");
            // The internal folder still has everything, the index with its exposure.
            let index = &artifacts
                .iter()
                .find(|(path, _)| path == "internal/html/index.html")
                .expect("internal index")
                .1;
            assert!(index.contains("Service dependencies"), "{example}");
        });
    }
}
