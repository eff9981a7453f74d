//! The only code that writes files. Backends return [`Artifact`]s; [`write_all`] puts them
//! on disk atomically: everything goes into a fresh temporary directory beside the output
//! directory, which is renamed into place at the end, so a failed build leaves the
//! previous output untouched and never a half-written one.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// One file to write, relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

impl Artifact {
    pub fn text(path: impl Into<PathBuf>, contents: impl Into<String>) -> Artifact {
        Artifact {
            path: path.into(),
            contents: contents.into().into_bytes(),
        }
    }
}

#[derive(Debug)]
pub enum WriteError {
    /// An artifact path that would leave the output directory (a bug or a hostile name).
    Escapes(PathBuf),
    /// The output path exists and is a symbolic link or a file, not a directory.
    NotADirectory(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Escapes(p) => write!(f, "refusing to write `{}` outside the output directory", p.display()),
            WriteError::NotADirectory(p) => write!(
                f,
                "`{}` exists and is not a directory (symbolic links are refused); choose another --out",
                p.display()
            ),
            WriteError::Io { path, error } => write!(f, "cannot write `{}`: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Only plain relative paths: no `..`, no root, no prefix.
fn safe(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes every artifact under `out`, replacing what was there before, atomically.
pub fn write_all(out: &Path, artifacts: &[Artifact]) -> Result<(), WriteError> {
    if let Some(a) = artifacts.iter().find(|a| !safe(&a.path)) {
        return Err(WriteError::Escapes(a.path.clone()));
    }
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if !meta.is_dir() {
            return Err(WriteError::NotADirectory(out.to_path_buf()));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.slac-"))
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for a in artifacts {
        let path = staging.path().join(&a.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, &a.contents).map_err(io(&path))?;
    }
    // Swap: move the old output aside, move the new one in, then delete the old one.
    let staged = staging.keep();
    let old = if out.exists() {
        let aside = parent.join(format!(".{name}.slac-old-{}", std::process::id()));
        std::fs::rename(out, &aside).map_err(io(out))?;
        Some(aside)
    } else {
        None
    };
    if let Err(error) = std::fs::rename(&staged, out) {
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside, out);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(WriteError::Io {
            path: out.to_path_buf(),
            error,
        });
    }
    if let Some(aside) = old {
        let _ = std::fs::remove_dir_all(aside);
    }
    Ok(())
}

/// Replaces one file atomically: the new contents go into a temporary file beside it,
/// which is renamed over the original (keeping its permissions). Used by `slac fmt`.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.slac-"))
        .tempfile_in(&dir)
        .map_err(io(&dir))?;
    tmp.write_all(contents).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        error: e.error,
    })?;
    Ok(())
}
