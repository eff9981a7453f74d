//! `slac import`: Sloth (`prometheus/v1` and the `PrometheusServiceLevel` resource) and
//! `OpenSLO` (`v1alpha`, `v1`) files as a starting portfolio (docs/cli.md, `slac import`).
//! Every SLO becomes an objective of an SLA for its service, its queries an `indicator
//! prometheus`; what `.sla` cannot carry is kept as a note and said on stderr, never
//! dropped. The parties are placeholders to replace.

mod openslo;
mod slo;
mod sloth;

use serde_norway::Value;
pub(crate) use slo::Imported;
use slo::Slo;
use std::fmt::Write as _;

/// Reads one file (one or more YAML documents) into `into`.
pub(crate) fn read(name: &str, text: &str, into: &mut Imported) -> Result<(), String> {
    let mut any = false;
    for doc in serde_norway::Deserializer::from_str(text) {
        let v = <Value as serde::Deserialize>::deserialize(doc)
            .map_err(|e| format!("{name}: not YAML: {e}"))?;
        if v.is_null() {
            continue;
        }
        any = true;
        let api = v["apiVersion"].as_str().unwrap_or_default();
        if v["version"].as_str() == Some("prometheus/v1") {
            sloth::read(name, &v, into)?;
        } else if api.starts_with("sloth.slok.dev/") {
            if v["kind"].as_str() == Some("PrometheusServiceLevel") {
                sloth::read(name, &v["spec"], into)?;
            } else {
                into.warnings.push(format!(
                    "{name}: a Sloth `{}` is not an SLO; skipped",
                    v["kind"].as_str().unwrap_or("?")
                ));
            }
        } else if api.starts_with("openslo/") {
            openslo::read(name, &v, into)?;
        } else {
            return Err(format!(
                "{name}: neither a Sloth file (`version: prometheus/v1`, `apiVersion: sloth.slok.dev/v1`) nor OpenSLO (`apiVersion: openslo/…`)"
            ));
        }
    }
    if any {
        Ok(())
    } else {
        Err(format!("{name}: no document"))
    }
}

/// An id the language accepts: letters, digits, `_`, single `-` between parts, not
/// starting with a digit or `-`.
fn ident(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '_'
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if out == "always" {
        out.push('_');
    }
    out
}

/// A `.sla` string literal.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The portfolio: placeholder parties, one service and one SLA per imported service.
/// SLOs that refer to an `SLI` of another file are matched here, after every file.
pub(crate) fn render(imported: &mut Imported, sources: &[String]) -> String {
    openslo::resolve_refs(imported);
    let imported = &*imported;
    let mut taken: Vec<String> = ["imported_provider", "imported_customer"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut unique = |raw: &str| {
        let base = ident(raw);
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        taken.push(id.clone());
        id
    };
    let services: Vec<(String, &String, &Vec<Slo>)> = imported
        .services
        .iter()
        .map(|(s, slos)| (unique(s), s, slos))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported by `slac import` from {}.\n# The parties are placeholders: name the real provider and customer before this is a contract.\n",
        // A file name is text in a comment: a line break in it must not end the comment.
        crate::diag::render::visible(&sources.join(", ").replace(['\n', '\r'], " "))
    );
    out.push_str("provider imported_provider \"Provider (replace)\"\n\n");
    let subs: Vec<&str> = services.iter().map(|(id, _, _)| id.as_str()).collect();
    let _ = writeln!(
        out,
        "customer imported_customer \"Customer (replace)\" {{\n  subscribes {}\n}}\n",
        subs.join(", ")
    );
    for (id, name, _) in &services {
        let _ = writeln!(out, "service {id} {}\n", string(name));
    }
    for (id, name, slos) in &services {
        let sla = unique(&format!("{id}_slos"));
        let _ = writeln!(out, "sla {sla} {} {{", string(&format!("SLOs of {name}")));
        out.push_str("  provider imported_provider\n  customer imported_customer\n");
        let _ = writeln!(out, "  services {id}");
        let mut objective_ids: Vec<String> = Vec::new();
        for slo in *slos {
            let mut oid = ident(&slo.name);
            let mut n = 2;
            while objective_ids.contains(&oid) {
                oid = format!("{}_{n}", ident(&slo.name));
                n += 1;
            }
            objective_ids.push(oid.clone());
            out.push('\n');
            for note in &slo.notes {
                let _ = writeln!(out, "  note {}", string(&format!("{}: {note}", slo.name)));
            }
            let title = slo.title.as_deref().unwrap_or(&slo.name);
            let _ = writeln!(out, "  outcome {oid} {} {{", string(title));
            let _ = writeln!(out, "    target {}%", slo.target);
            let _ = writeln!(out, "    window {}", slo.window);
            if let Some(total) = &slo.total {
                out.push_str("    indicator prometheus {\n");
                if let Some(e) = &slo.errors {
                    let _ = writeln!(out, "      errors {}", string(e));
                } else if let Some(g) = &slo.good {
                    let _ = writeln!(out, "      good {}", string(g));
                }
                let _ = writeln!(out, "      total {}", string(total));
                out.push_str("    }\n");
            }
            out.push_str("  }\n");
        }
        out.push_str("}\n\n");
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::{ident, string};

    #[test]
    fn ids_and_strings_are_valid_sla() {
        assert_eq!(ident("requests-availability"), "requests-availability");
        assert_eq!(ident("99th"), "_99th");
        assert_eq!(ident("a.b c"), "a_b_c");
        assert_eq!(ident("-x--y-"), "x-y");
        assert_eq!(ident(""), "_");
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }

    #[test]
    fn a_file_name_cannot_end_the_comment_it_is_in() {
        let mut imported = super::Imported::default();
        let text = super::render(&mut imported, &["a.yml\nsla evil \"E\" {}".to_string()]);
        assert!(text.lines().all(|l| !l.starts_with("sla evil")), "{text}");
    }
}
