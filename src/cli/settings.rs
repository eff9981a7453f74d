//! What a command takes from slac.toml (`crate::project`) and `--allow`: found from the
//! first path, read after the portfolio (slac.toml's diagnostics point into it, so it
//! takes the next file id of the portfolio's source map), the command line winning.

use crate::allow::{Allow, Origin};
use crate::diag::{Code, Diagnostic};
use crate::project::{Project, Today};
use crate::source::{FileId, SourceMap};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The project file of a run, if there is one.
pub(super) struct Settings {
    pub(super) project: Project,
    /// slac.toml's path and text, added to the source map only when a diagnostic points
    /// into it (so `in N files` counts the portfolio's files).
    file: Option<(PathBuf, String)>,
    id: FileId,
}

/// How a command prints diagnostics (its `--format`).
pub(super) type Report<'a> = &'a dyn Fn(&[Diagnostic], &SourceMap);

impl Settings {
    /// Finds and reads the slac.toml governing `paths` (the first one, `.` by default).
    /// A bad one is reported through `report` (`Err(None)`); one that cannot be read is
    /// `Err(Some(why))`. Either is exit code 2 (`common::settings`).
    pub(super) fn read(
        paths: &[PathBuf],
        sources: &mut SourceMap,
        report: Report<'_>,
    ) -> Result<Settings, Option<String>> {
        let id = FileId(u32::try_from(sources.len()).unwrap_or(u32::MAX));
        let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
        let Some(path) = crate::project::find(first) else {
            return Ok(Settings {
                project: Project::default(),
                file: None,
                id,
            });
        };
        let text = crate::load::read_one(&path).map_err(|e| Some(e.to_string()))?;
        match crate::project::parse(id, &text) {
            Ok(project) => Ok(Settings {
                project,
                file: Some((path, text)),
                id,
            }),
            Err(diags) => {
                sources.add(shown(&path), &path, text);
                report(&diags, sources);
                Err(None)
            }
        }
    }

    /// `--today`, else slac.toml's `today`, else the system's date in UTC.
    pub(super) fn today(&self, arg: Option<NaiveDate>) -> NaiveDate {
        match (arg, self.project.today) {
            (Some(day), _) | (None, Some(Today::Date(day))) => day,
            _ => chrono::Utc::now().date_naive(),
        }
    }

    /// slac.toml's `[build] out`, relative to the directory that holds slac.toml.
    pub(super) fn out(&self) -> Option<PathBuf> {
        let out = self.project.out.as_ref()?;
        let dir = self.file.as_ref()?.0.parent()?;
        Some(dir.join(out))
    }

    /// Applies slac.toml's `allow` and `--allow` to the diagnostics of a check (`complete`:
    /// every phase ran); adds slac.toml to `sources` when a diagnostic points into it.
    pub(super) fn allow(
        &self,
        cli: &[Code],
        sources: &mut SourceMap,
        diags: &mut Vec<Diagnostic>,
        complete: bool,
    ) {
        let mut allows: Vec<Allow> = self.project.allow.clone();
        allows.extend(cli.iter().map(|&code| Allow {
            code,
            within: None,
            origin: Origin::CommandLine,
        }));
        crate::allow::apply(diags, &allows, complete);
        let points_here = diags
            .iter()
            .flat_map(|d| &d.labels)
            .any(|l| l.span.file == self.id);
        if let (true, Some((path, text))) = (points_here, &self.file) {
            sources.add(shown(path), path, text.clone());
        }
    }
}

/// slac.toml's path as diagnostics show it: relative to the current directory when it is
/// below it.
fn shown(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// `--allow CODE`: a warning's code (an error, or no code, is a usage error).
pub(super) fn parse_allow(s: &str) -> Result<Code, String> {
    crate::allow::warning_code(s).map_err(|why| {
        format!("{why}; --allow takes a warning's code such as W0502 (`slac explain --list` lists them)")
    })
}
