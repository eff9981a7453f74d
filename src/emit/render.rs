//! Handlebars, the way every document backend uses it: strict mode (a missing field is an
//! error, never an empty cell in a contract), the embedded templates unless `--templates
//! DIR` holds a file of the same name, and errors that name the template file and line.

mod lists;
mod partials;

pub(super) use lists::Lists;

use super::backend::{Context, EmitError};
use super::embedded::Template;
use handlebars::Handlebars;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// The most one document may render to; a template that would write more (partials
/// multiplying each other's output) is stopped there with an error.
pub(super) const MAX_OUTPUT: usize = 64 << 20;

pub(super) struct Renderer {
    backend: &'static str,
    registry: Handlebars<'static>,
    /// Some template reads the index's lists item by item (`{{#list}}`).
    lists: bool,
    /// Internal name → where the text came from (an override's path or the file name).
    origins: Vec<(&'static str, String)>,
}

impl Renderer {
    pub(super) fn new(
        backend: &'static str,
        templates: &[Template],
        escape: fn(&str) -> String,
        ctx: &Context,
    ) -> Result<Renderer, EmitError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape);
        // A file in `--templates DIR` that overrides nothing is most likely misspelt: say
        // so once, from the backend that would read it (markdown for `*.md.hbs`, html for
        // the rest). A warning on stderr, the only one the backends print.
        if let Some(dir) = ctx.templates.as_ref() {
            // The register page shares the house style with the contracts: named once.
            let mut known: Vec<&str> = Vec::new();
            for t in super::embedded::HTML
                .iter()
                .chain(&super::embedded::MARKDOWN)
                .chain(&super::embedded::REGISTER)
            {
                if !known.contains(&t.file) {
                    known.push(t.file);
                }
            }
            let mut stray: Vec<String> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    let reader = if n.ends_with(".md.hbs") {
                        "markdown"
                    } else {
                        "html"
                    };
                    !n.starts_with('.') && !known.contains(&n.as_str()) && backend == reader
                })
                .collect();
            stray.sort();
            for name in stray {
                let mut by_name = known.clone();
                by_name.sort_unstable();
                let closest = crate::suggest::nearest(&name, by_name, |_| 3)
                    .map_or_else(String::new, |k| format!(" (did you mean `{k}`?)"));
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: `{}` does not override any template{closest}; known: {}",
                    dir.join(&name).display(),
                    known.join(", ")
                );
            }
        }
        let mut origins = Vec::new();
        for t in templates {
            let (text, origin) =
                match override_of(ctx, t.file).map_err(|message| EmitError { backend, message })? {
                    Some(path) => {
                        let text = std::fs::read_to_string(&path).map_err(|e| EmitError {
                            backend,
                            message: format!("cannot read template `{}`: {e}", path.display()),
                        })?;
                        (text, path.display().to_string())
                    }
                    None => (t.text.to_string(), format!("{} (embedded)", t.file)),
                };
            if let Err(e) = registry.register_template_string(t.name, text) {
                let at = e
                    .pos()
                    .map_or_else(String::new, |(l, c)| format!(" line {l}, column {c}"));
                return Err(EmitError {
                    backend,
                    message: format!("template `{origin}`{at}: {}", e.reason()),
                });
            }
            origins.push((t.name, origin));
        }
        let lists = partials::check(&registry, &origins)
            .map_err(|message| EmitError { backend, message })?;
        Ok(Renderer {
            backend,
            registry,
            lists,
            origins,
        })
    }

    /// Adds a helper that the templates can call, e.g. `{{code name}}`.
    pub(super) fn register_helper(
        &mut self,
        name: &str,
        helper: Box<dyn handlebars::HelperDef + Send + Sync + 'static>,
    ) {
        self.registry.register_helper(name, helper);
    }

    pub(super) fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, EmitError> {
        let mut text = Vec::new();
        let mut bounded = Bounded {
            out: &mut text,
            written: 0,
            failed: None,
        };
        let rendered = self.registry.render_to_write(name, data, &mut bounded);
        let (written, failed) = (bounded.written, bounded.failed);
        self.outcome(name, rendered, written, failed)?;
        String::from_utf8(text).map_err(|_| EmitError {
            backend: self.backend,
            message: format!("template `{name}` rendered text that is not UTF-8"),
        })
    }

    /// Whether the templates read lists item by item (`{{#list "name"}}`): then a page is
    /// rendered with [`Renderer::render_lists`], else from the whole data at once.
    pub(super) fn reads_lists(&self) -> bool {
        self.lists
    }

    /// Renders `data` into `out` with the helper `{{#list "name"}}…{{/list}}`, which makes
    /// the items of `lists` one at a time, each dropped once its part of the page is
    /// written.
    pub(super) fn render_lists_to<T: Serialize>(
        &self,
        name: &str,
        data: &T,
        lists: &(dyn Lists + Sync),
        out: &mut dyn Write,
    ) -> Result<(), EmitError> {
        // A registry of the page's own lifetime, for a helper that borrows the lists: the
        // templates are cloned, a few kilobytes.
        let mut registry: Handlebars<'_> = self.registry.clone();
        registry.register_helper("list", Box::new(lists::ListHelper { lists }));
        let mut bounded = Bounded {
            out,
            written: 0,
            failed: None,
        };
        let rendered = registry.render_to_write(name, data, &mut bounded);
        self.outcome(name, rendered, bounded.written, bounded.failed)
    }

    /// What a render came to: the size limit, then a failure to write, then the
    /// template's own error with its file and line.
    fn outcome(
        &self,
        name: &str,
        rendered: Result<(), handlebars::RenderError>,
        written: usize,
        failed: Option<std::io::Error>,
    ) -> Result<(), EmitError> {
        if written > MAX_OUTPUT {
            let origin = self
                .origins
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(name, |(_, o)| o.as_str());
            return Err(EmitError {
                backend: self.backend,
                message: format!(
                    "template `{origin}` renders more than {} MiB for one document; stopped there",
                    MAX_OUTPUT >> 20
                ),
            });
        }
        if let Some(e) = failed {
            return Err(EmitError {
                backend: "write",
                message: e.to_string(),
            });
        }
        rendered.map_err(|e| {
            let template = e.template_name.as_deref().unwrap_or(name);
            let origin = self
                .origins
                .iter()
                .find(|(n, _)| *n == template)
                .map_or_else(|| template.to_string(), |(_, o)| o.clone());
            let at = match (e.line_no, e.column_no) {
                (Some(l), Some(c)) => format!(" line {l}, column {c}"),
                (Some(l), None) => format!(" line {l}"),
                _ => String::new(),
            };
            EmitError {
                backend: self.backend,
                message: format!("template `{origin}`{at}: {}", e.reason()),
            }
        })
    }
}

/// Where a document is rendered to, refusing to take more than [`MAX_OUTPUT`] bytes (it
/// takes one byte more, so that the caller can tell a full document from an exact fit).
/// A failure of `out` itself (a full disk) is kept apart from the template's errors.
struct Bounded<'w> {
    out: &'w mut dyn Write,
    written: usize,
    failed: Option<std::io::Error>,
}

impl Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = MAX_OUTPUT + 1 - self.written.min(MAX_OUTPUT + 1);
        let take = buf.len().min(room);
        if let Err(e) = self.out.write_all(&buf[..take]) {
            let kept = std::io::Error::new(e.kind(), e.to_string());
            self.failed = Some(e);
            return Err(kept);
        }
        self.written += take;
        if take < buf.len() {
            return Err(std::io::Error::other("document too large"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Only regular files directly inside the directory count: a template is chosen by its
/// name, never by a path the data could influence, and a symbolic link (which could reach
/// anywhere) is refused.
fn override_of(ctx: &Context, file: &str) -> Result<Option<PathBuf>, String> {
    let Some(dir) = ctx.templates.as_ref() else {
        return Ok(None);
    };
    if !dir.is_dir() {
        return Err(format!(
            "--templates `{}` is not a directory",
            dir.display()
        ));
    }
    let path = dir.join(file);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => Err(format!(
            "template `{}` is a symbolic link; --templates reads only regular files inside its directory",
            path.display()
        )),
        Ok(m) if m.is_file() => Ok(Some(path)),
        // Absent (or a directory of that name): the embedded template applies.
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use handlebars::Handlebars;
    use serde_json::json;

    /// What a partial sees, with the patched handlebars reading its context in place
    /// (vendor/handlebars/README.md): the same as a copy would show.
    #[test]
    fn partials_see_their_context_as_before() {
        let data = json!({
            "title": "T",
            "items": [{"name": "a"}, {"name": "b"}],
            "obj": {"name": "o", "deep": {"name": "d"}},
        });
        let cases = [
            ("{{> p}}", "{{title}}", "T"),
            (
                "{{#each items}}{{> p}}{{/each}}",
                "{{name}}:{{../../title}}:{{@index}};",
                "a:T:0;b:T:1;",
            ),
            ("{{> p items.[1]}}", "{{name}}", "b"),
            ("{{> p obj.deep}}", "{{name}}", "d"),
            (
                "{{#with obj}}{{> p}}{{/with}}",
                "{{name}}{{deep.name}}",
                "od",
            ),
            ("{{> p extra=\"x\"}}", "{{title}}{{extra}}", "Tx"),
            ("{{> p \"lit\"}}", "{{this}}", "lit"),
            (
                "{{#each items}}{{#with this}}{{> p}}{{/with}}{{/each}}",
                "{{name}}",
                "ab",
            ),
        ];
        for (template, partial, want) in cases {
            let mut r = Handlebars::new();
            r.set_strict_mode(true);
            r.register_template_string("t", template).expect("template");
            r.register_template_string("p", partial).expect("partial");
            let got = r.render("t", &data).expect("renders");
            assert_eq!(got, want, "{template} with p = {partial}");
        }
    }
}
