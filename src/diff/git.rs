//! The `.sla` files of a git revision, read with `git ls-tree` and `git cat-file`, under
//! the rules of the loader (docs/cli.md, "What slac reads"): blobs only, a symbolic link
//! only to a regular file inside the compared paths, each file once, and the size limits
//! of [`crate::load`] counted on the bytes git hands over.

use crate::load::{MAX_FILE_BYTES, MAX_TOTAL_BYTES};
use crate::source::SourceMap;
use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// A link target longer than this is no path to a `.sla` file.
const MAX_LINK_BYTES: u64 = 4096;

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

/// At most `limit` bytes of blob `oid`; `Ok(None)` when it holds more (git is stopped
/// then, not read to the end).
fn blob(oid: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let mut child = Command::new("git")
        .args(["cat-file", "blob", oid])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut bytes = Vec::new();
    let read = match child.stdout.take() {
        Some(out) => out.take(limit + 1).read_to_end(&mut bytes),
        None => Ok(0),
    };
    if read.is_err() || bytes.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return match read {
            Ok(_) => Ok(None),
            Err(e) => Err(format!("cannot read git object {oid}: {e}")),
        };
    }
    let status = child.wait().map_err(|e| format!("git cat-file: {e}"))?;
    if status.success() {
        Ok(Some(bytes))
    } else {
        Err(format!("git cat-file blob {oid} failed"))
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

/// One line of `git ls-tree -r -l -z`.
struct Entry {
    mode: String,
    kind: String,
    oid: String,
    size: Option<u64>,
}

impl Entry {
    fn is_regular(&self) -> bool {
        self.kind == "blob" && (self.mode == "100644" || self.mode == "100755")
    }

    fn is_link(&self) -> bool {
        self.kind == "blob" && self.mode == "120000"
    }
}

/// `<mode> SP <type> SP <object> SP+ <size> TAB <path>`, NUL-terminated.
fn parse_listing(listing: &[u8]) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let Some(tab) = record.iter().position(|b| *b == b'\t') else {
            continue;
        };
        let head = String::from_utf8_lossy(&record[..tab]);
        let path = String::from_utf8_lossy(&record[tab + 1..]).into_owned();
        let mut fields = head.split_whitespace();
        let (Some(mode), Some(kind), Some(oid), Some(size)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        out.insert(
            path,
            Entry {
                mode: mode.to_string(),
                kind: kind.to_string(),
                oid: oid.to_string(),
                size: size.parse().ok(),
            },
        );
    }
    out
}

/// The link at `link` with target `target`, resolved by name inside the tree; `None`
/// when it climbs above the top or is absolute.
fn resolve_link(link: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains('\\') || target.contains('\0') {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Is `path` inside `root` (`""` is the whole tree)?
fn inside(path: &str, root: &str) -> bool {
    root.is_empty() || path == root || path.starts_with(&format!("{root}/"))
}

/// A file of the revision to read: its name in the tree, the regular file it is, and
/// whether the name is a link.
struct Found<'a> {
    shown: String,
    real: String,
    entry: &'a Entry,
    link: bool,
}

/// Loads the `.sla` files of revision `rev` that lie under `paths` (as the working tree
/// would have them). Files are named `REV:path`.
pub(crate) fn load_revision(rev: &str, paths: &[PathBuf]) -> Result<SourceMap, String> {
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
    let listing = parse_listing(&git(&["ls-tree", "-r", "-l", "-z", "--full-tree", rev])?);
    let refused = |f: &str, why: &str| format!("refusing to read `{rev}:{f}`: {why}");
    let mut found: Vec<Found<'_>> = Vec::new();
    for (f, entry) in &listing {
        if Path::new(f).extension().is_none_or(|e| e != "sla") {
            continue;
        }
        // The root a link must stay in: the path given, or a file's directory.
        let Some(root) = prefixes.iter().find(|p| inside(f, p)) else {
            continue;
        };
        let root = if f == root {
            root.rsplit_once('/').map_or("", |(dir, _)| dir)
        } else {
            root.as_str()
        };
        if entry.is_regular() {
            found.push(Found {
                shown: f.clone(),
                real: f.clone(),
                entry,
                link: false,
            });
        } else if entry.is_link() {
            let target = blob(&entry.oid, MAX_LINK_BYTES)?
                .ok_or_else(|| refused(f, "it is a symbolic link with an overlong target"))?;
            let target = String::from_utf8_lossy(&target);
            let real = resolve_link(f, &target)
                .filter(|r| inside(r, root))
                .ok_or_else(|| {
                    refused(f, &format!(
                        "it is a symbolic link that leads outside `{}`; slac follows a link only to a regular file inside the compared paths",
                        if root.is_empty() { "." } else { root }
                    ))
                })?;
            let Some(to) = listing.get(&real).filter(|e| e.is_regular()) else {
                return Err(refused(
                    f,
                    "it is a symbolic link to something that is not a regular file of the revision",
                ));
            };
            found.push(Found {
                shown: f.clone(),
                real,
                entry: to,
                link: true,
            });
        }
        // Submodules (commits) and other entries are not files of this repository.
    }
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut once: Vec<Found<'_>> = Vec::new();
    for f in found {
        if let Some(&i) = at.get(&f.real) {
            if once[i].link && !f.link {
                once[i] = f;
            }
        } else {
            at.insert(f.real.clone(), once.len());
            once.push(f);
        }
    }
    once.sort_by(|a, b| a.shown.cmp(&b.shown));
    let mut map = SourceMap::new();
    let mut budget = MAX_TOTAL_BYTES;
    for f in once {
        let limit = MAX_FILE_BYTES.min(budget);
        let too_large = || {
            if limit < MAX_FILE_BYTES {
                format!(
                    "the revision's portfolio is larger than the limit of {} MiB for all files together (reached at `{rev}:{}`)",
                    MAX_TOTAL_BYTES >> 20,
                    f.shown
                )
            } else {
                format!(
                    "`{rev}:{}` is larger than the limit of {} MiB per file",
                    f.shown,
                    MAX_FILE_BYTES >> 20
                )
            }
        };
        if f.entry.size.is_some_and(|s| s > limit) {
            return Err(too_large());
        }
        let bytes = blob(&f.entry.oid, limit)?.ok_or_else(too_large)?;
        budget -= bytes.len() as u64;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("`{rev}:{}` is not UTF-8 text", f.shown))?;
        map.add(format!("{rev}:{}", f.shown), top.join(&f.shown), text);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::{inside, resolve_link};

    #[test]
    fn links_resolve_by_name_and_never_above_the_top() {
        assert_eq!(resolve_link("c/a.sla", "b.sla").as_deref(), Some("c/b.sla"));
        assert_eq!(
            resolve_link("c/a.sla", "../d/./b.sla").as_deref(),
            Some("d/b.sla")
        );
        assert_eq!(resolve_link("a.sla", "../secret"), None);
        assert_eq!(resolve_link("c/a.sla", "/etc/passwd"), None);
        assert!(inside("c/b.sla", "c") && inside("c/b.sla", "") && !inside("cd/b.sla", "c"));
    }
}
