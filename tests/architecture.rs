//! The module graph: no two source files import each other (docs/architecture.md). A file
//! imports another when it names a path into it: `use crate::a::b`, `super::x`, or, in a
//! module with children, a child by its bare name (`child::f`). A parent that only
//! declares a child (`mod child;`) does not import it. `scripts/imports.py` prints the same
//! pairs for a quick look.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` → `[a, b]`; `src/a/mod.rs` → `[a]`; `src/lib.rs` → `[]`.
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file
        .strip_prefix(root)
        .expect("under src")
        .with_extension("");
    let mut parts: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The text before the unit tests, without comments: paths in tests and docs are not
/// imports.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path of identifiers joined by `::` in `code`, with `use` groups expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    collect(code, false)
}

/// `single`: a lone identifier counts too (a member of a `use` group: `{a::X, b}`).
fn collect(code: &str, single: bool) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let mut path = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && ident(bytes[j]) {
                j += 1;
            }
            path.push(bytes[start..j].iter().collect::<String>());
            if bytes.get(j) == Some(&':') && bytes.get(j + 1) == Some(&':') {
                j += 2;
                if bytes.get(j) == Some(&'{') {
                    // A group: each member continues the path.
                    let end = group_end(&bytes, j);
                    let inner: String = bytes[j + 1..end].iter().collect();
                    for member in collect(&inner, true) {
                        let mut p = path.clone();
                        p.extend(member);
                        out.push(p);
                    }
                    j = end + 1;
                    break;
                }
                if j < bytes.len() && ident(bytes[j]) {
                    continue;
                }
            }
            break;
        }
        if path.len() > 1 || (single && path[0] != "self" && path[0] != "as") {
            out.push(path);
        }
        i = j.max(i + 1);
    }
    out
}

fn group_end(chars: &[char], open: usize) -> usize {
    let mut depth = 0;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    chars.len() - 1
}

/// The file module a path lands in: its longest prefix that is a file.
fn target(
    modules: &BTreeSet<Module>,
    here: &Module,
    has_children: bool,
    path: &[String],
) -> Option<Module> {
    let (mut abs, mut rest): (Module, &[String]) = match path[0].as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "super" => (here[..here.len().saturating_sub(1)].to_vec(), &path[1..]),
        "self" => (here.clone(), &path[1..]),
        child if has_children => {
            let mut m = here.clone();
            m.push(child.to_string());
            if !modules.contains(&m) {
                return None;
            }
            (here.clone(), path)
        }
        _ => return None,
    };
    if path[0] == "super" {
        while rest.first().is_some_and(|s| s == "super") {
            abs.pop();
            rest = &rest[1..];
        }
    }
    abs.extend(rest.iter().cloned());
    (1..=abs.len())
        .rev()
        .map(|n| abs[..n].to_vec())
        .find(|m| modules.contains(m))
}

#[test]
fn no_two_source_files_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let modules: BTreeMap<Module, PathBuf> = files
        .iter()
        .map(|f| (module_of(&root, f), f.clone()))
        .collect();
    let names: BTreeSet<Module> = modules.keys().cloned().collect();
    let mut edges: BTreeMap<&Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("readable");
        let is_mod_file = file.ends_with("mod.rs") || file.ends_with("lib.rs");
        let has_children = is_mod_file || file.with_extension("").is_dir();
        let here = module.clone();
        for p in paths(&code(&text)) {
            if let Some(t) = target(&names, &here, has_children, &p) {
                if &t != module {
                    edges.entry(module).or_default().insert(t);
                }
            }
        }
    }
    let mut pairs = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if a < &b && edges.get(b).is_some_and(|t| t.contains(*a)) {
                let shown = |m: &Module| {
                    let f = &modules[m];
                    f.strip_prefix(root.parent().unwrap_or(&root))
                        .unwrap_or(f)
                        .display()
                        .to_string()
                };
                pairs.push(format!("{} <-> {}", shown(a), shown(b)));
            }
        }
    }
    assert!(
        pairs.is_empty(),
        "files that import each other (move what both need into a file of its own):\n{}",
        pairs.join("\n")
    );
}

/// The checker finds what it is for: a parent and a child naming each other, siblings
/// through `super`, and members of a `use` group.
#[test]
fn the_import_finder_sees_groups_super_and_children() {
    let found = paths("use super::{a::X, b};\nfn f() { child::g(); crate::c::d(); }");
    let shown: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    for want in ["super::a::X", "super::b", "child::g", "crate::c::d"] {
        assert!(shown.contains(&want.to_string()), "{want} in {shown:?}");
    }
    let names: BTreeSet<Module> = [vec![], vec!["a".into()], vec!["a".into(), "b".into()]]
        .into_iter()
        .collect();
    let child = vec!["b".to_string(), "f".to_string()];
    assert_eq!(
        target(&names, &vec!["a".into()], true, &child),
        Some(vec!["a".to_string(), "b".to_string()])
    );
    let up = vec!["super".to_string(), "X".to_string()];
    assert_eq!(
        target(&names, &vec!["a".into(), "b".into()], false, &up),
        Some(vec!["a".to_string()])
    );
}
