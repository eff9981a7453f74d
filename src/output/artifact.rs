//! What a backend hands the writer: a relative path and its bytes.

use std::path::{Component, Path, PathBuf};

/// The manifest's file name, at the top of every directory the writer writes: the one name
/// no artifact may take.
pub const MANIFEST: &str = ".slac-build";

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

/// Only plain relative paths: no `..`, no root, no prefix.
pub(super) fn safe(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}
