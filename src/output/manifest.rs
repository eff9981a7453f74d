//! The rule for replacing a directory: it is slac's when it is empty, or when its manifest
//! lists every entry in it.
//!
//! The manifest, `DIR/.slac-build`, is a text file: the line [`HEADER`], then one path per
//! line relative to `DIR`, sorted, with `/` between components; a directory slac created
//! ends in `/`. It lists every file and directory written, not itself.

use super::artifact::{safe, Artifact, MANIFEST};
use super::error::{io, WriteError};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Read as _;
use std::path::Path;

/// The manifest's first line; a file without it is not slac's manifest.
const HEADER: &str = "# slac build manifest v1";

/// A manifest larger than this is not slac's (10,000 services write a few megabytes).
const LIMIT: u64 = 64 << 20;

/// What is at the output path, when slac may replace it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Found {
    Nothing,
    Ours,
}

/// Whether slac may replace `target`, and why not.
pub(super) fn inspect(target: &Path) -> Result<Found, WriteError> {
    // The first inspection runs before the lock, while another build may exchange `DIR`
    // for its new output: a walk that straddles the exchange reads one tree's listing
    // against the other's manifest. The exchange gives `DIR` a new inode, so a walk during
    // which the inode stayed the same saw one tree; otherwise it is done again.
    let mut tries = 0;
    loop {
        let before = identity(target);
        let found = inspect_once(target);
        tries += 1;
        if tries >= 100 || identity(target) == before {
            return found;
        }
    }
}

/// The device and inode of `path` itself (not followed), when it exists.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::symlink_metadata(path)
            .ok()
            .map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::symlink_metadata(path).ok().map(|_| (0, 0))
    }
}

fn inspect_once(target: &Path) -> Result<Found, WriteError> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Nothing),
        Err(e) => Err(io(target)(e)),
        Ok(m) if !m.is_dir() => Err(WriteError::NotADirectory(target.to_path_buf())),
        Ok(_) => {
            let entries = foreign(target).map_err(io(target))?;
            if entries.is_empty() {
                Ok(Found::Ours)
            } else {
                Err(WriteError::Foreign {
                    out: target.to_path_buf(),
                    entries,
                })
            }
        }
    }
}

/// The entries of `dir` its manifest does not list, sorted, without following symbolic
/// links (a symbolic link is never slac's). An unlisted directory is named once, not
/// walked: all of it is foreign.
fn foreign(dir: &Path) -> std::io::Result<Vec<String>> {
    let listed = read(dir);
    let is_listed = |p: &str| listed.as_ref().is_some_and(|l| l.contains(p));
    let mut found = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((abs, rel)) = stack.pop() {
        for entry in std::fs::read_dir(&abs)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let file_name = entry.file_name();
            let Some(name) = file_name.to_str() else {
                found.push(format!("{rel}{}", file_name.to_string_lossy()));
                continue;
            };
            let path = format!("{rel}{name}");
            if kind.is_symlink() {
                found.push(format!("{path} (a symbolic link)"));
            } else if kind.is_dir() {
                let key = format!("{path}/");
                if is_listed(&key) {
                    stack.push((entry.path(), key));
                } else {
                    found.push(key);
                }
            } else {
                let manifest = rel.is_empty() && name == MANIFEST && listed.is_some();
                if !(kind.is_file() && (manifest || is_listed(&path))) {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The paths `dir/.slac-build` lists, or `None` when there is no manifest of slac's.
fn read(dir: &Path) -> Option<BTreeSet<String>> {
    let path = dir.join(MANIFEST);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > LIMIT {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(&path)
        .ok()?
        .take(LIMIT)
        .read_to_string(&mut text)
        .ok()?;
    let mut lines = text.lines();
    (lines.next() == Some(HEADER))
        .then(|| lines.filter(|l| !l.is_empty()).map(str::to_owned).collect())
}

/// Removes `dir` only when it passes the rule on its own: never delete what slac did not
/// write, whatever its name.
pub(super) fn remove_if_ours(dir: &Path) {
    let is_dir = std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    if is_dir && foreign(dir).is_ok_and(|f| f.is_empty()) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The manifest's lines for one artifact path: each directory it needs, parents first,
/// ending in `/`, then the file; or why the path cannot be written.
pub(super) fn entries(path: &Path) -> Result<Vec<String>, WriteError> {
    if !safe(path) {
        return Err(WriteError::Escapes(path.to_path_buf()));
    }
    let names: Option<Vec<&str>> = path.iter().map(OsStr::to_str).collect();
    let one_line = |n: &Vec<&str>| n.iter().all(|c| !c.contains(['\n', '\r']));
    let Some(names) = names.filter(|n| one_line(n) && n != &[MANIFEST]) else {
        return Err(WriteError::BadName(path.to_path_buf()));
    };
    let mut lines: Vec<String> = (1..names.len())
        .map(|depth| format!("{}/", names[..depth].join("/")))
        .collect();
    lines.push(names.join("/"));
    Ok(lines)
}

/// Checks every artifact's path before anything is written.
pub(super) fn check_names(artifacts: &[Artifact]) -> Result<(), WriteError> {
    artifacts
        .iter()
        .try_for_each(|a| entries(&a.path).map(drop))
}

/// The manifest listing `lines`: the header, then the lines in sorted order.
pub(super) fn text(lines: &BTreeSet<String>) -> String {
    let mut manifest = String::from(HEADER);
    manifest.push('\n');
    for line in lines {
        manifest.push_str(line);
        manifest.push('\n');
    }
    manifest
}

/// The manifest's first line, with which a staging directory begins.
pub(super) fn header() -> String {
    format!("{HEADER}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lists_files_and_their_directories_sorted() {
        let artifacts = [
            Artifact::text("json/portfolio.json", "{}"),
            Artifact::text("html/a/b.html", ""),
            Artifact::text("top.txt", ""),
        ];
        let lines: BTreeSet<String> = artifacts
            .iter()
            .flat_map(|a| entries(&a.path).expect("valid names"))
            .collect();
        assert_eq!(
            text(&lines),
            "# slac build manifest v1\nhtml/\nhtml/a/\nhtml/a/b.html\njson/\njson/portfolio.json\ntop.txt\n"
        );
        assert_eq!(
            entries(Path::new("html/a/b.html")).expect("valid"),
            ["html/", "html/a/", "html/a/b.html"]
        );
    }

    #[test]
    fn names_the_manifest_cannot_hold_are_refused() {
        for bad in ["a\nb.txt", ".slac-build"] {
            let artifacts = [Artifact::text(bad, "")];
            let r = check_names(&artifacts);
            assert!(matches!(r, Err(WriteError::BadName(_))), "{bad:?}");
        }
        assert!(check_names(&[Artifact::text("html/.slac-build", "")]).is_ok());
    }
}
