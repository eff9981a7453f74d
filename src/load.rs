//! The loader: the only code that reads the user's files. Paths become a [`SourceMap`].

use crate::source::SourceMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Files larger than this are refused: no real portfolio file comes close, and the limit
/// keeps spans in `u32` and memory bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why nothing could be checked (exit code 2).
#[derive(Debug)]
pub enum LoadError {
    Unreadable {
        path: PathBuf,
        reason: String,
    },
    NoSlaFiles {
        path: PathBuf,
    },
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { path, reason } => {
                write!(f, "cannot read `{}`: {reason}", path.display())
            }
            LoadError::NoSlaFiles { path } => {
                write!(f, "no .sla files found in `{}`", path.display())
            }
            LoadError::NotUtf8 { path, line, column } => write!(
                f,
                "`{}` is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8",
                path.display()
            ),
            LoadError::TooLarge { path, bytes } => write!(
                f,
                "`{}` is {bytes} bytes, over the limit of {MAX_FILE_BYTES} bytes per file",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the given files and directories (searched recursively for `*.sla`). Files are
/// sorted by path and given once, whatever order the arguments and directories had.
pub fn load(paths: &[PathBuf]) -> Result<SourceMap, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| LoadError::Unreadable {
            path: path.clone(),
            reason: io_reason(&e),
        })?;
        if meta.is_dir() {
            let before = found.len();
            walk(path, &mut found)?;
            if found.len() == before {
                return Err(LoadError::NoSlaFiles { path: path.clone() });
            }
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    let mut map = SourceMap::new();
    for path in found {
        let text = read(&path)?;
        map.add(display_name(&path), &path, text);
    }
    Ok(map)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Recursive, sorted; symbolic links to directories are not followed (no loops).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let unreadable = |e: std::io::Error| LoadError::Unreadable {
        path: dir.to_path_buf(),
        reason: io_reason(&e),
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    entries.sort();
    for path in entries {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "sla") {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, LoadError> {
    let unreadable = |e: std::io::Error| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or("");
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })
}

fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
