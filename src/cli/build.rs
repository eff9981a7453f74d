//! `slac build`: check, then write every output atomically.

use super::common::{fail, fail_write, paths_or_dot, EXIT_FAILED, EXIT_OK};
use super::settings::parse_allow;
use crate::compile::{self, Options};
use crate::diag::render::{self, Style};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files and directories of the portfolio; default: the current directory.
    paths: Vec<PathBuf>,

    /// The output directory; replaced as a whole, atomically, and only when it is empty or
    /// holds nothing but slac's last output (its manifest, `DIR/.slac-build`, lists it).
    /// Default: slac.toml's `[build] out`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Which outputs, comma-separated (default: slac.toml's `[build] emit`, else all).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    emit: Vec<String>,

    /// A directory of handlebars templates that override the embedded ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,

    /// The date the documents and lints use (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE", value_parser = super::common::parse_today)]
    today: Option<chrono::NaiveDate>,

    /// Allow a warning in the whole portfolio (repeatable; errors cannot be allowed).
    #[arg(long = "allow", value_name = "CODE", value_parser = parse_allow)]
    allow: Vec<crate::diag::Code>,
}

pub(super) fn run(args: &Args, style: Style) -> i32 {
    // The second before progress shows counts from the start: the check is part of a build.
    let mut progress = super::progress::Progress::start();
    let known = crate::emit::names();
    if let Some(bad) = args.emit.iter().find(|e| !known.contains(&e.as_str())) {
        return fail(&format!(
            "unknown output `{bad}` for --emit (known: {})",
            known.join(", ")
        ));
    }
    let paths = paths_or_dot(&args.paths);
    let mut sources = match crate::load::load(&paths) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let report = |diags: &[crate::diag::Diagnostic], sources: &crate::source::SourceMap| {
        eprint!("{}", render::human_report(diags, sources, style));
    };
    let settings = match super::common::settings(&paths, &mut sources, &report) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let Some(out) = args.out.clone().or_else(|| settings.out()) else {
        return fail("no output directory: give --out DIR, or `out` under `[build]` in slac.toml");
    };
    let emit = if args.emit.is_empty() {
        settings.project.emit.clone().unwrap_or_default()
    } else {
        args.emit.clone()
    };
    let day = settings.today(args.today);
    let mut checked = compile::check(&sources, &Options { today: day });
    let complete = checked.portfolio.is_some();
    settings.allow(
        &args.allow,
        &mut sources,
        &mut checked.diagnostics,
        complete,
    );
    let diags = &checked.diagnostics;
    let errors = crate::diag::count_errors(diags);
    if !diags.is_empty() {
        eprint!("{}", render::human_report(diags, &sources, style));
    }
    let Some(portfolio) = checked.portfolio.as_ref().filter(|_| errors == 0) else {
        eprintln!("error: nothing was written");
        return EXIT_FAILED;
    };
    let ctx = crate::emit::Context {
        today: day,
        templates: args.templates.clone(),
    };
    if let Some(problem) = dangerous_out(&out, &sources, args.templates.as_deref()) {
        return fail(&problem);
    }
    // Every diagnostic has been printed and no document quotes the sources: their text (as
    // large as the input) makes room for the documents being rendered.
    sources.release_texts();
    // Every refusal comes before anything is written; then each document goes to the
    // staging directory as soon as it is rendered, and the output is swapped in at the end.
    let mut writer = match crate::output::Writer::begin(&out) {
        Ok(w) => w,
        Err(e) => return fail_write(&e),
    };
    let mut sink = ToDisk {
        writer: &mut writer,
        progress: &mut progress,
        refused: None,
    };
    let emitted = crate::emit::emit_each(portfolio, &ctx, &emit, &mut sink);
    let refused = sink.refused.take();
    progress.finish();
    if let Some(e) = refused {
        return fail_write(&e);
    }
    if let Err(e) = emitted {
        return fail(&format!("{e}; nothing was written"));
    }
    let files = writer.files();
    if let Err(e) = writer.finish() {
        return fail_write(&e);
    }
    eprintln!(
        "wrote {} to {}",
        render::plural(files, "file", "files"),
        out.display()
    );
    EXIT_OK
}

/// `slac build`'s sink: each artifact goes to the staging directory as it is made. A
/// refusal of the writer is kept whole, for its own message.
struct ToDisk<'a> {
    writer: &'a mut crate::output::Writer,
    progress: &'a mut super::progress::Progress,
    refused: Option<crate::output::WriteError>,
}

impl ToDisk<'_> {
    fn refuse(&mut self, e: crate::output::WriteError) -> crate::emit::EmitError {
        let message = e.to_string();
        self.refused = Some(e);
        crate::emit::EmitError {
            backend: "write",
            message,
        }
    }
}

impl crate::emit::Sink for ToDisk<'_> {
    fn put(&mut self, a: crate::output::Artifact) -> Result<(), crate::emit::EmitError> {
        self.progress.file();
        self.writer.put(&a).map_err(|e| self.refuse(e))
    }

    fn put_with(
        &mut self,
        path: std::path::PathBuf,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), crate::emit::EmitError>,
    ) -> Result<(), crate::emit::EmitError> {
        self.progress.file();
        match self.writer.put_with(&path, |out| write(out)) {
            Ok(written) => written,
            Err(e) => Err(self.refuse(e)),
        }
    }
}

/// `--out` is replaced as a whole: refuse a directory that holds the inputs, the templates
/// or the current directory, which a user never means to lose. The writer's own rule
/// (nothing slac did not write) refuses most of these too; this says why in their words.
fn dangerous_out(
    out: &std::path::Path,
    sources: &crate::source::SourceMap,
    templates: Option<&std::path::Path>,
) -> Option<String> {
    let out_abs = std::fs::canonicalize(out).ok()?;
    let cwd = std::env::current_dir().ok()?;
    let holds_input = sources
        .files()
        .filter_map(|(_, f)| std::fs::canonicalize(&f.path).ok())
        .chain(templates.and_then(|t| std::fs::canonicalize(t).ok()))
        .any(|p| p.starts_with(&out_abs));
    (cwd.starts_with(&out_abs) || holds_input).then(|| {
        format!(
            "`{}` holds the portfolio, the templates or the current directory, and --out is replaced as a whole; choose an output directory of its own",
            out.display()
        )
    })
}
