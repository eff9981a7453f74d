//! The loader: the only code that reads the user's files. Paths become a [`SourceMap`].
//!
//! `slac check` runs in pull-request CI on anyone's files, so what is read is bounded
//! (docs/cli.md, "What slac reads"): only regular files, a symbolic link only when it
//! leads to a regular file inside the portfolio root, every file once however it is
//! spelled, and at most [`MAX_FILE_BYTES`] per file and [`MAX_TOTAL_BYTES`] in all,
//! counted on the bytes actually read.

use crate::source::SourceMap;
use std::collections::HashMap;
use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Files larger than this are refused: no real portfolio file comes close, and the limit
/// keeps spans in `u32` and memory bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// All the files of one portfolio together may hold at most this many bytes.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Why nothing could be checked (exit code 2). Every variant names the path as it was
/// spelled (or found in a directory) and never anything read from it.
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
    /// Over [`MAX_FILE_BYTES`], counted while reading.
    TooLarge {
        path: PathBuf,
    },
    /// The files read so far and this one are over [`MAX_TOTAL_BYTES`].
    TotalTooLarge {
        path: PathBuf,
    },
    /// Not a regular file, or a symbolic link that leads outside the root or to something
    /// that is not a regular file.
    Refused {
        path: PathBuf,
        reason: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { path, reason } => {
                write!(f, "cannot read `{}`: {reason}", path.display())
            }
            LoadError::NoSlaFiles { path } => {
                write!(
                    f,
                    "no .sla files found in `{}` (files ignored by .gitignore, hidden ones, build folders and editor backups are skipped; name a file to read it anyway)",
                    path.display()
                )
            }
            LoadError::NotUtf8 { path, line, column } => write!(
                f,
                "`{}` is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8",
                path.display()
            ),
            LoadError::TooLarge { path } => write!(
                f,
                "`{}` is larger than the limit of {} per file",
                path.display(),
                mib(MAX_FILE_BYTES)
            ),
            LoadError::TotalTooLarge { path } => write!(
                f,
                "the portfolio is larger than the limit of {} for all files together (reached at `{}`)",
                mib(MAX_TOTAL_BYTES),
                path.display()
            ),
            LoadError::Refused { path, reason } => {
                write!(f, "refusing to read `{}`: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for LoadError {}

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}

/// A file to read: the path as given or found (what diagnostics show) and the canonical
/// path of the regular file it is (what is opened, and what makes two spellings one).
struct Found {
    shown: PathBuf,
    real: PathBuf,
    /// `shown` is a symbolic link: another spelling of the same file is preferred.
    link: bool,
}

/// The path argument that means standard input.
pub const STDIN_ARG: &str = "-";

/// How a file read from standard input is named in diagnostics (and its path: `slac fmt`
/// prints it instead of writing it).
pub const STDIN_NAME: &str = "<stdin>";

/// Loads the given files and directories (searched recursively for `*.sla`). Files are
/// sorted by path and read once, whatever order the arguments and directories had and
/// however a path was spelled (the first spelling is the one shown).
pub fn load(paths: &[PathBuf]) -> Result<SourceMap, LoadError> {
    let mut found = Vec::new();
    let mut stdin = None;
    let mut budget = MAX_TOTAL_BYTES;
    for path in paths {
        if path.as_os_str() == STDIN_ARG {
            // One file from standard input; a second `-` is the same file.
            if stdin.is_none() {
                stdin = Some(read_stdin(&mut budget)?);
            }
            continue;
        }
        let unreadable = |e: std::io::Error| LoadError::Unreadable {
            path: path.clone(),
            reason: io_reason(&e),
        };
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        if meta.is_dir() {
            let root = std::fs::canonicalize(path).map_err(unreadable)?;
            let before = found.len();
            walk(path, &root, &mut found)?;
            if found.len() == before {
                return Err(LoadError::NoSlaFiles { path: path.clone() });
            }
        } else {
            // A file argument's root is the directory that holds it.
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let root = std::fs::canonicalize(parent).map_err(unreadable)?;
            found.push(admit(path, &root)?);
        }
    }
    let mut found = once_each(found);
    found.sort_by(|a, b| a.shown.cmp(&b.shown));
    let mut map = SourceMap::new();
    if let Some(text) = stdin {
        map.add(STDIN_NAME, STDIN_NAME, text);
    }
    for f in found {
        let text = read(&f, &mut budget)?;
        // Named as spelled; the path is the file itself, so `slac fmt` rewrites a link's
        // target and keeps the link.
        map.add(display_name(&f.shown), &f.real, text);
    }
    Ok(map)
}

/// One entry per canonical path: the first spelling, unless that is a symbolic link and a
/// later one is the file itself (`alias.sla -> main.sla` shows as `main.sla`).
fn once_each(found: Vec<Found>) -> Vec<Found> {
    let mut at: HashMap<PathBuf, usize> = HashMap::new();
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if let Some(&i) = at.get(&f.real) {
            if out[i].link && !f.link {
                out[i] = f;
            }
        } else {
            at.insert(f.real.clone(), out.len());
            out.push(f);
        }
    }
    out
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Recursive, sorted, through the `ignore` crate: `.gitignore` (and `.git/info/exclude`)
/// are respected inside and outside a git repository, hidden files and directories,
/// build folders ([`is_build_dir`]) and editor lock and backup files ([`is_editor_file`])
/// are skipped. Symbolic links to directories are not followed (no loops, nothing outside
/// the root); entries not named `*.sla` are not looked at.
fn walk(dir: &Path, root: &Path, out: &mut Vec<Found>) -> Result<(), LoadError> {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .filter_entry(|e| e.depth() == 0 || !is_build_dir(e.path()))
        .build();
    for entry in walker {
        // A line of a .gitignore that is not a pattern is skipped, not a reason to stop.
        if let Err(e) = &entry {
            if e.io_error().is_none() {
                continue;
            }
        }
        let entry = entry.map_err(|e| LoadError::Unreadable {
            path: error_path(&e).unwrap_or_else(|| dir.to_path_buf()),
            reason: walk_reason(&e),
        })?;
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_dir()) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if path.extension().is_some_and(|e| e == "sla") && !is_editor_file(&name) {
            out.push(admit(path, root)?);
        }
    }
    Ok(())
}

/// The path an error of the walk is about, if it names one.
fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn walk_reason(e: &ignore::Error) -> String {
    match e.io_error() {
        Some(io) => io_reason(io),
        None => e.to_string(),
    }
}

/// A build folder below the root: `target/` (cargo), `node_modules/`, or any directory
/// that marks itself as a cache (`CACHEDIR.TAG`) or as slac's own output (`.slac-build`).
fn is_build_dir(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    let name = path.file_name().unwrap_or_default();
    name == "target"
        || name == "node_modules"
        || path.join("CACHEDIR.TAG").exists()
        || path.join(".slac-build").exists()
}

/// An editor's lock or backup file: `.#name.sla` (Emacs lock), `#name.sla#` (Emacs
/// auto-save), `name.sla~` (backup). Only the first ends in `.sla`; all are skipped in
/// directories, and read when named on the command line.
pub fn is_editor_file(name: &str) -> bool {
    name.starts_with(".#") || (name.starts_with('#') && name.ends_with('#')) || name.ends_with('~')
}

/// What kind of thing a non-regular file is, for a message.
fn kind(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Decides, from metadata only (nothing is opened), whether `path` may be read: a regular
/// file, or a symbolic link whose target is a regular file inside `root`.
fn admit(path: &Path, root: &Path) -> Result<Found, LoadError> {
    let refused = |reason: String| LoadError::Refused {
        path: path.to_path_buf(),
        reason,
    };
    let unreadable = |e: std::io::Error| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let link = std::fs::symlink_metadata(path).map_err(unreadable)?;
    if link.file_type().is_symlink() {
        let Ok(real) = std::fs::canonicalize(path) else {
            return Err(refused(
                "it is a symbolic link to nothing that can be read".into(),
            ));
        };
        if !real.starts_with(root) {
            return Err(refused(format!(
                "it is a symbolic link that leads outside `{}`; slac follows a link only to a regular file inside the portfolio",
                root.display()
            )));
        }
        let meta = std::fs::metadata(&real).map_err(unreadable)?;
        if !meta.is_file() {
            return Err(refused(format!(
                "it is a symbolic link to {}; slac reads only regular files",
                kind(meta.file_type())
            )));
        }
        return Ok(Found {
            shown: path.to_path_buf(),
            real,
            link: true,
        });
    }
    if !link.is_file() {
        return Err(refused(format!(
            "it is {}; slac reads only regular files",
            kind(link.file_type())
        )));
    }
    let real = std::fs::canonicalize(path).map_err(unreadable)?;
    Ok(Found {
        shown: path.to_path_buf(),
        real,
        link: false,
    })
}

/// Opens the canonical path without following a link that appeared since [`admit`], and
/// without waiting on a FIFO that appeared since.
fn open(real: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
    }
    options.open(real)
}

/// Reads at most the limit (and what is left of `budget`) plus one byte: the limit holds
/// for what a file yields, whatever size it reported.
fn read(found: &Found, budget: &mut u64) -> Result<String, LoadError> {
    let path = &found.shown;
    let unreadable = |e: std::io::Error| LoadError::Unreadable {
        path: path.clone(),
        reason: io_reason(&e),
    };
    let file = open(&found.real).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(LoadError::Refused {
            path: path.clone(),
            reason: format!(
                "it is {}; slac reads only regular files",
                kind(meta.file_type())
            ),
        });
    }
    let limit = MAX_FILE_BYTES.min(*budget);
    // Room for the size the file says it has (and one byte to see it did not grow), not
    // a doubling buffer twice as large.
    let expected = meta.len().min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let n = bytes.len() as u64;
    if n > limit {
        return Err(if limit < MAX_FILE_BYTES {
            LoadError::TotalTooLarge { path: path.clone() }
        } else {
            LoadError::TooLarge { path: path.clone() }
        });
    }
    *budget -= n;
    text(bytes, path)
}

/// The bytes as UTF-8 text, or where the first invalid byte is.
fn text(bytes: Vec<u8>, path: &Path) -> Result<String, LoadError> {
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

/// Standard input, within the same limits as a file.
fn read_stdin(budget: &mut u64) -> Result<String, LoadError> {
    let path = PathBuf::from(STDIN_NAME);
    let limit = MAX_FILE_BYTES.min(*budget);
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Unreadable {
            path: path.clone(),
            reason: io_reason(&e),
        })?;
    let n = bytes.len() as u64;
    if n > limit {
        return Err(LoadError::TooLarge { path });
    }
    *budget -= n;
    text(bytes, &path)
}

/// One small file other than a `.sla` (slac.toml), by the same rules: a regular file, or a
/// link to one in its own directory, at most [`MAX_FILE_BYTES`], UTF-8.
pub fn read_one(path: &Path) -> Result<String, LoadError> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let root = std::fs::canonicalize(parent).map_err(|e| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    let found = admit(path, &root)?;
    let mut budget = MAX_FILE_BYTES;
    read(&found, &mut budget)
}

fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
