//! The only code that writes files. Backends return [`Artifact`]s; [`write_all`] puts them
//! on disk.
//!
//! An output directory is replaced as a whole, so the writer never replaces one that holds
//! anything slac did not write there: a git clone, a home directory, the templates. Every
//! directory it writes carries a manifest, [`MANIFEST`], listing what it wrote, and `DIR`
//! is replaced only when it does not exist, is empty, or holds the manifest and nothing the
//! manifest does not list (and no symbolic link at all) (`manifest`). Otherwise nothing on
//! disk changes, not even a lock file.
//!
//! Writing is atomic (`place`): a staging directory beside `DIR` receives every file, is
//! synced, and is exchanged with `DIR` in one step. Builds of one `DIR` take a lock beside
//! it and run one after the other; a build first removes what a killed build left beside
//! `DIR`, when it passes the same rule.

mod artifact;
mod error;
mod manifest;
mod place;

pub use artifact::Artifact;
pub use artifact::MANIFEST;
use error::io;
pub use error::WriteError;
use place::beside;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{Seek as _, Write as _};
use std::path::{Component, Path, PathBuf};

/// Writes every artifact, and the manifest, under `out`, replacing what was there before,
/// atomically; refuses (changing nothing) when `out` holds anything slac did not write.
pub fn write_all(out: &Path, artifacts: &[Artifact]) -> Result<(), WriteError> {
    // Every name is checked before anything on disk is touched.
    manifest::check_names(artifacts)?;
    let mut writer = Writer::begin(out)?;
    for a in artifacts {
        writer.put(a)?;
    }
    writer.finish()
}

/// An output directory being written a file at a time, so that a build never holds all
/// its documents in memory: [`Writer::begin`] decides whether `out` may be replaced (every
/// refusal comes before anything is written), takes the lock and makes the staging
/// directory; [`Writer::put`] writes one artifact into it; [`Writer::finish`] writes the
/// manifest in its final order, syncs and swaps the staging directory in. A writer dropped
/// before `finish` removes its staging directory, its lock and the parent directories it
/// created: `out` is as it was.
pub struct Writer {
    /// `None` once finished.
    staging: Option<tempfile::TempDir>,
    /// The manifest, to which each entry's line is appended before the entry is made.
    manifest: std::fs::File,
    /// Every line of the manifest so far (directories end in `/`).
    lines: BTreeSet<String>,
    files: usize,
    target: PathBuf,
    found: manifest::Found,
    parent: PathBuf,
    name: OsString,
    lock: Option<place::Lock>,
    /// The directories `begin` created above `out`, deepest first.
    created: Vec<PathBuf>,
}

impl Writer {
    pub fn begin(out: &Path) -> Result<Writer, WriteError> {
        let name = match out.components().next_back() {
            Some(Component::Normal(name)) => name.to_os_string(),
            _ => return Err(WriteError::NoName(out.to_path_buf())),
        };
        // `site/` and `site/.` are `site`; messages show the path the way the user wrote it.
        let (parent, target) = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => (p.to_path_buf(), p.join(&name)),
            _ => (PathBuf::from("."), PathBuf::from(&name)),
        };
        if out.is_relative() {
            refuse_links(out)?;
        }
        manifest::inspect(&target)?;
        refuse_cwd(&target)?;

        let created: Vec<PathBuf> = parent
            .ancestors()
            .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
            .map(Path::to_path_buf)
            .collect();
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let lock = place::Lock::take(&parent.join(beside(&name, "lock")))?;
        // Decided again under the lock: another build may have written DIR while this one
        // waited, or a user may have put a file there.
        let found = manifest::inspect(&target)?;
        place::remove_leftovers(&parent, &name);
        let (staging, manifest) = place::stage(&parent, &name)?;
        Ok(Writer {
            staging: Some(staging),
            manifest,
            lines: BTreeSet::new(),
            files: 0,
            target,
            found,
            parent,
            name,
            lock: Some(lock),
            created,
        })
    }

    /// Writes one artifact into the staging directory; a later artifact of the same path
    /// replaces it.
    pub fn put(&mut self, artifact: &Artifact) -> Result<(), WriteError> {
        let Some(path) = self.entry(&artifact.path)? else {
            return Ok(());
        };
        std::fs::write(&path, &artifact.contents).map_err(io(&path))
    }

    /// Writes the file at `relative` as `write` makes it, through a buffer: a large page
    /// never exists in memory as a whole. An error of `write` is returned as it is (the
    /// file stays in the staging directory, which goes when the writer is dropped).
    pub fn put_with<E>(
        &mut self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, WriteError> {
        let Some(path) = self.entry(relative)? else {
            return Ok(Ok(()));
        };
        let file = std::fs::File::create(&path).map_err(io(&path))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        if let Err(e) = write(&mut out) {
            return Ok(Err(e));
        }
        out.flush().map_err(io(&path))?;
        Ok(Ok(()))
    }

    /// Records the manifest lines of `relative` and makes its directories; the staged path
    /// to write, `None` once finished.
    fn entry(&mut self, relative: &Path) -> Result<Option<PathBuf>, WriteError> {
        let Some(staging) = &self.staging else {
            return Ok(None);
        };
        let root = staging.path();
        for line in manifest::entries(relative)? {
            if self.lines.contains(&line) {
                continue;
            }
            let manifest = root.join(MANIFEST);
            self.manifest
                .write_all(format!("{line}\n").as_bytes())
                .map_err(io(&manifest))?;
            if let Some(dir) = line.strip_suffix('/') {
                let path = root.join(dir);
                std::fs::create_dir(&path).map_err(io(&path))?;
            } else {
                self.files += 1;
            }
            self.lines.insert(line);
        }
        Ok(Some(root.join(relative)))
    }

    /// How many files have been written.
    pub fn files(&self) -> usize {
        self.files
    }

    /// Puts the output in place of `out`, atomically.
    pub fn finish(mut self) -> Result<(), WriteError> {
        let Some(staging) = self.staging.take() else {
            return Ok(());
        };
        let root = staging.path().to_path_buf();
        let path = root.join(MANIFEST);
        // The same lines as the appended manifest, so the same length: rewritten in place,
        // sorted, the manifest never lists less than the directory holds.
        let text = manifest::text(&self.lines);
        self.manifest
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| self.manifest.write_all(text.as_bytes()))
            .and_then(|()| self.manifest.set_len(text.len() as u64))
            .map_err(io(&path))?;
        if let Err(e) = place::sync_tree(&root, &self.lines) {
            self.staging = Some(staging);
            return Err(io(&root)(e));
        }
        // Swapped in, the output is no longer this writer's to remove; the lock is let go
        // when `self` drops.
        self.created.clear();
        place::swap(staging, &self.target, self.found, &self.parent, &self.name)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // The staging directory goes while the lock is held; the parents created for them
        // once both are gone.
        drop(self.staging.take());
        drop(self.lock.take());
        for dir in &self.created {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
        }
    }
}

/// A repository can commit `public -> ../elsewhere`; a relative `--out public/site` would
/// then write, and replace, outside the checkout.
fn refuse_links(out: &Path) -> Result<(), WriteError> {
    let mut prefix = PathBuf::new();
    let mut components = out.components().peekable();
    while let Some(c) = components.next() {
        prefix.push(c);
        // The last component is judged by `inspect` (a link there is not a directory).
        if components.peek().is_none() {
            break;
        }
        match std::fs::symlink_metadata(&prefix) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(WriteError::LinkInPath {
                    out: out.to_path_buf(),
                    link: prefix,
                })
            }
            Ok(_) => {}
            // Nothing below a missing component exists either.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
            Err(e) => return Err(io(&prefix)(e)),
        }
    }
    Ok(())
}

/// Replacing the directory a user stands in leaves their shell in a deleted directory.
fn refuse_cwd(target: &Path) -> Result<(), WriteError> {
    let (Ok(out), Ok(cwd)) = (std::fs::canonicalize(target), std::env::current_dir()) else {
        return Ok(());
    };
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    if cwd.starts_with(out) {
        return Err(WriteError::HoldsCwd(target.to_path_buf()));
    }
    Ok(())
}

/// Replaces one file atomically: the new contents go into a temporary file beside it,
/// which is renamed over the original. Used by `slac fmt`. The file stays what it was to
/// the rest of the system: through a symbolic link the link's target is rewritten and the
/// link kept; mode and owner are kept (or the rewrite refused); a file with other hard
/// links is refused, because a rename would cut them off.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(io(path))?,
        _ => path.to_path_buf(),
    };
    let meta = std::fs::metadata(&target).ok();
    #[cfg(unix)]
    if let Some(m) = &meta {
        use std::os::unix::fs::MetadataExt as _;
        if m.nlink() > 1 {
            return Err(WriteError::HardLinked {
                path: path.to_path_buf(),
                links: m.nlink(),
            });
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.slac-"))
        .tempfile_in(&dir)
        .map_err(io(&dir))?;
    tmp.write_all(contents).map_err(io(path))?;
    if let Some(m) = &meta {
        // The owner first: changing it may clear set-id bits the mode then restores.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let mine = tmp.as_file().metadata().map_err(io(path))?;
            if (mine.uid(), mine.gid()) != (m.uid(), m.gid()) {
                std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid())).map_err(
                    |error| WriteError::Owner {
                        path: path.to_path_buf(),
                        error,
                    },
                )?;
            }
        }
        std::fs::set_permissions(tmp.path(), m.permissions()).map_err(io(path))?;
    }
    tmp.as_file().sync_all().map_err(io(path))?;
    tmp.persist(&target).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        error: e.error,
    })?;
    Ok(())
}

/// Writes a new file (`slac init`): complete or not at all (a temporary file beside it,
/// synced, then linked into place), and never over anything that exists at `path`, even
/// one that appeared meanwhile.
pub fn create_new(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".slac-new-")
        .tempfile_in(&dir)
        .map_err(io(&dir))?;
    tmp.write_all(contents).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_path_buf())
        } else {
            WriteError::Io {
                path: path.to_path_buf(),
                error: e.error,
            }
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_output_is_swapped_in_with_its_manifest_sorted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let mut w = Writer::begin(&out).expect("begin");
        w.put(&Artifact::text("json/b.json", "b")).expect("put");
        w.put(&Artifact::text("html/a.html", "a")).expect("put");
        w.put(&Artifact::text("html/a.html", "again")).expect("put");
        assert_eq!(w.files(), 2);
        w.finish().expect("finish");
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).expect("manifest");
        assert_eq!(
            manifest,
            "# slac build manifest v1\nhtml/\nhtml/a.html\njson/\njson/b.json\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("html/a.html"))
                .ok()
                .as_deref(),
            Some("again")
        );
        let beside: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(beside.len(), 1, "no staging directory or lock left");
    }

    #[test]
    fn a_writer_dropped_before_finishing_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("a/b/site");
        let mut w = Writer::begin(&out).expect("begin");
        w.put(&Artifact::text("html/a.html", "a")).expect("put");
        assert!(w.put(&Artifact::text("../escape", "x")).is_err());
        drop(w);
        assert!(
            !dir.path().join("a").exists(),
            "parents created for it removed"
        );
    }
}
