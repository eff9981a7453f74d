//! The `.sla` files of a git revision, read with `git ls-tree` and `git show`.

use crate::source::SourceMap;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let msg = String::from_utf8_lossy(&out.stderr);
        Err(format!("git {}: {}", args.join(" "), msg.trim()))
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by name.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Loads the `.sla` files of revision `rev` that lie under `paths` (as the working tree
/// would have them). Files are named `REV:path`.
pub fn load_revision(rev: &str, paths: &[PathBuf]) -> Result<SourceMap, String> {
    let top = String::from_utf8_lossy(&git(&["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_string();
    let top = std::fs::canonicalize(&top).unwrap_or_else(|_| PathBuf::from(&top));
    let commit = format!("{rev}^{{commit}}");
    git(&["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| format!("`{rev}` is not a git revision"))?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let mut prefixes = Vec::new();
    for p in paths {
        let abs = absolute(&cwd, p);
        let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
        let rel = abs
            .strip_prefix(&top)
            .map_err(|_| format!("`{}` is outside the git repository", p.display()))?;
        prefixes.push(rel.to_string_lossy().replace('\\', "/"));
    }
    let listing = git(&["ls-tree", "-r", "-z", "--full-tree", "--name-only", rev])?;
    let mut files: Vec<String> = listing
        .split(|b| *b == 0)
        .filter(|f| !f.is_empty())
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .filter(|f| {
            Path::new(f).extension().is_some_and(|e| e == "sla")
                && prefixes
                    .iter()
                    .any(|p| p.is_empty() || f == p || f.starts_with(&format!("{p}/")))
        })
        .collect();
    files.sort();
    let mut map = SourceMap::new();
    for f in files {
        let bytes = git(&["show", &format!("{rev}:{f}")])?;
        let text =
            String::from_utf8(bytes).map_err(|_| format!("`{rev}:{f}` is not UTF-8 text"))?;
        map.add(format!("{rev}:{f}"), top.join(&f), text);
    }
    Ok(map)
}
