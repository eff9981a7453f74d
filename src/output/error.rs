//! Why a write was refused or failed; in every case the output directory is as it was.

use super::artifact::MANIFEST;
use std::fmt;
use std::path::{Path, PathBuf};

/// How many foreign entries a refusal names.
const NAMED: usize = 5;

#[derive(Debug)]
pub enum WriteError {
    /// An artifact path that would leave the output directory (a bug or a hostile name).
    Escapes(PathBuf),
    /// An artifact path the manifest cannot record (not UTF-8, a line break) or the
    /// manifest's own name.
    BadName(PathBuf),
    /// The output path exists and is a symbolic link or a file, not a directory.
    NotADirectory(PathBuf),
    /// The output path names no directory of its own (`.`, `..`, `/`).
    NoName(PathBuf),
    /// A component of a relative output path, as written, is a symbolic link.
    LinkInPath { out: PathBuf, link: PathBuf },
    /// The output directory holds the current directory.
    HoldsCwd(PathBuf),
    /// The output directory holds entries slac did not write there: every one of them,
    /// sorted, relative to it (a directory ends in `/`).
    Foreign { out: PathBuf, entries: Vec<String> },
    /// A file to rewrite in place has other hard links, which a replacement would cut off.
    HardLinked { path: PathBuf, links: u64 },
    /// The replacement of a file could not be given the original's owner.
    Owner {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A new file (`slac init`) would replace one that exists.
    Exists(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl WriteError {
    /// What the user can do about it, when the message alone does not say.
    pub fn help(&self) -> Option<String> {
        match self {
            WriteError::Foreign { out, .. } => Some(format!(
                "slac replaces an output directory only when it is empty or holds nothing but \
                 the files slac wrote there (listed in its `{MANIFEST}`); choose another --out, \
                 or empty `{}` yourself",
                out.display()
            )),
            WriteError::LinkInPath { .. } => Some(
                "a relative --out is resolved as written, and a link there may be committed to \
                 the repository being built; choose another --out, or pass an absolute path"
                    .into(),
            ),
            _ => None,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Escapes(p) => write!(
                f,
                "refusing to write `{}` outside the output directory",
                p.display()
            ),
            WriteError::BadName(p) => write!(
                f,
                "refusing to write `{}`: an output name must be UTF-8 on one line and not \
                 `{MANIFEST}`",
                p.display()
            ),
            WriteError::NotADirectory(p) => write!(
                f,
                "`{}` exists and is not a directory (symbolic links are refused); choose \
                 another --out",
                p.display()
            ),
            WriteError::NoName(p) => write!(
                f,
                "`{}` does not name a directory of its own; choose another --out",
                p.display()
            ),
            WriteError::LinkInPath { out, link } => write!(
                f,
                "refusing to write through `{}`, a symbolic link in `{}`",
                link.display(),
                out.display()
            ),
            WriteError::HardLinked { path, links } => write!(
                f,
                "refusing to rewrite `{}`: it has {links} hard links, and a rewrite would leave \
                 the others with the old text; format a copy, or remove the other links",
                path.display()
            ),
            WriteError::Owner { path, error } => write!(
                f,
                "refusing to rewrite `{}`: its new version could not be given the same owner \
                 ({error})",
                path.display()
            ),
            WriteError::HoldsCwd(p) => write!(
                f,
                "`{}` holds the current directory, and --out is replaced as a whole; choose an \
                 output directory of its own",
                p.display()
            ),
            WriteError::Foreign { out, entries } => {
                let n = entries.len();
                write!(
                    f,
                    "refusing to replace `{}`: it holds {n} {} slac did not write: ",
                    out.display(),
                    if n == 1 { "entry" } else { "entries" }
                )?;
                let named: Vec<String> = entries
                    .iter()
                    .take(NAMED)
                    .map(|e| format!("`{e}`"))
                    .collect();
                f.write_str(&named.join(", "))?;
                if n > NAMED {
                    write!(f, " and {} more", n - NAMED)?;
                }
                Ok(())
            }
            WriteError::Exists(path) => write!(
                f,
                "`{}` exists and slac never overwrites a file it did not write",
                path.display()
            ),
            WriteError::Io { path, error } => {
                write!(f, "cannot write `{}`: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {}

pub(super) fn io(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}
