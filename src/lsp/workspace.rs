//! The portfolio an editor sees: the `.sla` files below the workspace root as the loader
//! reads them, with the unsaved text of open buffers in place of what is on disk, checked
//! as `slac check` checks them.

use crate::compile::{self, Options};
use crate::diag::Diagnostic;
use crate::model::{Portfolio, Use};
use crate::source::{FileId, SourceMap};
use crate::syntax::ast;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The open buffers and the portfolio's root.
#[derive(Default)]
pub(crate) struct Workspace {
    /// Canonical; `None` when the client opened single files only.
    root: Option<PathBuf>,
    /// Open buffers by path (canonical when the file exists).
    open: BTreeMap<PathBuf, String>,
    /// The last portfolio that checked without errors: hover still answers while the
    /// buffer being typed in is half-written.
    last_good: Option<Arc<Portfolio>>,
}

/// One check of the whole portfolio.
pub(crate) struct Analysis {
    pub(crate) sources: SourceMap,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Each file's syntax tree, when it parses (by `FileId`).
    pub(crate) trees: Vec<Option<ast::File>>,
    /// Every reference the resolver bound (none when a syntax error stopped the check).
    pub(crate) uses: Vec<Use>,
    /// This text's portfolio, else the last one without errors, and whether it is stale.
    pub(crate) portfolio: Option<(Arc<Portfolio>, bool)>,
    /// Why the root's files could not be read (then only the open buffers are checked).
    pub(crate) refused: Option<String>,
}

/// The canonical spelling of a path, or the path itself when it does not exist (a new
/// buffer not saved yet).
pub(crate) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Workspace {
    pub(crate) fn set_root(&mut self, root: Option<PathBuf>) {
        self.root = root.map(|r| canonical(&r));
    }

    pub(crate) fn open(&mut self, path: &Path, text: String) {
        self.open.insert(canonical(path), text);
    }

    pub(crate) fn close(&mut self, path: &Path) {
        self.open.remove(&canonical(path));
    }

    pub(crate) fn text(&self, path: &Path) -> Option<&str> {
        self.open.get(&canonical(path)).map(String::as_str)
    }

    pub(crate) fn open_paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.open.keys()
    }

    /// The files to check: the root's files as the loader finds them (nothing when it
    /// refuses them, and why: the open buffers are still checked), each open buffer's
    /// text in place of its file's, then the open buffers outside the root, by path.
    fn sources(&self) -> (SourceMap, Option<String>) {
        let (disk, refused) = match &self.root {
            Some(r) => match crate::load::load(std::slice::from_ref(r)) {
                Ok(map) => (map, None),
                // A root without .sla files yet is no news; anything else the user must know.
                Err(crate::load::LoadError::NoSlaFiles { .. }) => (SourceMap::new(), None),
                Err(e) => (SourceMap::new(), Some(e.to_string())),
            },
            None => (SourceMap::new(), None),
        };
        let mut map = SourceMap::new();
        let mut seen = Vec::new();
        for (_, f) in disk.files() {
            let text = self
                .open
                .get(&f.path)
                .cloned()
                .unwrap_or_else(|| f.text.clone());
            map.add(f.name.clone(), &f.path, text);
            seen.push(f.path.clone());
        }
        for (path, text) in &self.open {
            if !seen.contains(path) && path.extension().is_some_and(|e| e == "sla") {
                map.add(path.display().to_string(), path, text.clone());
            }
        }
        (map, refused)
    }

    /// Checks the portfolio as it stands in the editor.
    pub(crate) fn analyse(&mut self) -> Analysis {
        let (sources, refused) = self.sources();
        let today = chrono::Utc::now().date_naive();
        let mut uses = Some(Vec::new());
        let checked = compile::check_noting(&sources, &Options { today }, &mut uses);
        let fresh = checked.portfolio.or(checked.unbacked).map(Arc::new);
        if let Some(p) = &fresh {
            self.last_good = Some(Arc::clone(p));
        }
        let portfolio = match fresh {
            Some(p) => Some((p, false)),
            None => self.last_good.clone().map(|p| (p, true)),
        };
        let trees = sources.files().map(|(id, f)| parse(id, &f.text)).collect();
        Analysis {
            refused,
            trees,
            diagnostics: checked.diagnostics,
            uses: uses.unwrap_or_default(),
            portfolio,
            sources,
        }
    }
}

fn parse(id: FileId, text: &str) -> Option<ast::File> {
    crate::syntax::parse_file(id, text, &mut Vec::new())
}

impl Analysis {
    /// The file at a path.
    pub(crate) fn file(&self, path: &Path) -> Option<FileId> {
        let path = canonical(path);
        self.sources
            .files()
            .find(|(_, f)| f.path == path)
            .map(|(id, _)| id)
    }
}
