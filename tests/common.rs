//! Helpers shared by the test modules.

use slac::compile::{self, Options};
use slac::diag::render::{self, Style};
use slac::diag::Diagnostic;
use slac::source::SourceMap;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

/// Checks in-memory sources the way `slac check --today 2026-11-26` does.
pub fn check_sources(sources: &SourceMap) -> Vec<Diagnostic> {
    compile::check(sources, &Options { today: today() }).diagnostics
}

pub fn load(paths: &[PathBuf]) -> SourceMap {
    slac::load::load(paths).expect("test inputs load")
}

/// The human report exactly as a user sees it without colours, 80 columns wide.
pub fn human(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == slac::diag::Severity::Error)
        .count();
    let mut out = render::human(
        diags,
        sources,
        Style {
            color: false,
            width: 80,
        },
    );
    out.push_str(&render::summary(
        errors,
        diags.len() - errors,
        sources.len(),
    ));
    out.push('\n');
    out
}

/// All `*.sla` files below `dir`, sorted.
/// `slac build examples/acme --emit html` on the fixed day, with `templates` (file name,
/// text) in a `--templates` folder of their own (none when the list is empty), all in a
/// temporary directory: the run, the output directory and the directory that holds both.
pub fn build_acme_html(templates: &[(&str, String)]) -> (Run, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let mut cmd = Slac::new()
        .arg("build")
        .arg("examples/acme")
        .arg("--out")
        .arg(&out)
        .args(["--emit", "html", "--today", "2026-11-26"]);
    if !templates.is_empty() {
        let tpl = dir.path().join("templates");
        std::fs::create_dir(&tpl).expect("templates dir");
        for (name, text) in templates {
            std::fs::write(tpl.join(name), text).expect("template");
        }
        cmd = cmd.arg("--templates").arg(&tpl);
    }
    (cmd.run(), out, dir)
}

pub fn sla_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable test dir") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "sla") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The real binary, built up like a `Command` and run once: every CLI test goes
/// through it, so each run has `NO_COLOR=1`, nothing on stdin unless `stdin` gives it (`slac check -`) and
/// both outputs captured, read on threads of their own.
///
/// ```ignore
/// let r = Slac::new().args(["check", "examples/acme"]).current_dir(dir).run();
/// r.assert_code(0).assert_stdout_contains("0 errors");
/// ```
pub struct Slac {
    cmd: Command,
    shown: Vec<String>,
    limit: Option<Duration>,
    /// What standard input holds (`slac check -`); nothing otherwise.
    input: Option<Vec<u8>>,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    pub status: ExitStatus,
    /// Standard output and error as text (invalid UTF-8 replaced).
    pub stdout: String,
    pub stderr: String,
    /// Standard output byte for byte.
    pub stdout_bytes: Vec<u8>,
}

impl Slac {
    pub fn new() -> Slac {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_slac"));
        cmd.env("NO_COLOR", "1");
        Slac {
            cmd,
            shown: Vec::new(),
            limit: None,
            input: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Slac {
        self.shown.push(arg.as_ref().to_string_lossy().into_owned());
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Slac
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Slac {
        self.cmd.current_dir(dir);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Slac {
        self.cmd.env(key, value);
        self
    }

    /// A run that takes longer (blocked on a FIFO, say) is killed and fails the test
    /// instead of hanging it.
    pub fn timeout(mut self, limit: Duration) -> Slac {
        self.limit = Some(limit);
        self
    }

    /// Standard input holds `bytes` (written on a thread of its own, then closed).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Slac {
        self.input = Some(bytes.into());
        self
    }

    pub fn run(mut self) -> Run {
        let command = format!("slac {}", self.shown.join(" "));
        let mut child = self
            .cmd
            .stdin(if self.input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("slac runs");
        if let (Some(bytes), Some(mut stdin)) = (self.input.take(), child.stdin.take()) {
            std::thread::spawn(move || {
                use std::io::Write as _;
                // slac may stop reading early (an error): a broken pipe is its answer.
                let _ = stdin.write_all(&bytes);
            });
        }
        // Each output on its own thread: neither pipe can fill and block the run.
        let out = reader(child.stdout.take().expect("piped stdout"));
        let err = reader(child.stderr.take().expect("piped stderr"));
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if self.limit.is_some_and(|limit| start.elapsed() > limit) {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`{command}` still ran after {:?}",
                    self.limit.unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let stdout_bytes = out.join().expect("stdout read");
        let stderr_bytes = err.join().expect("stderr read");
        Run {
            command,
            status,
            stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(),
            stderr: String::from_utf8_lossy(&stderr_bytes).into_owned(),
            stdout_bytes,
        }
    }
}

impl Default for Slac {
    fn default() -> Slac {
        Slac::new()
    }
}

fn reader(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        from.read_to_end(&mut bytes).expect("read a pipe");
        bytes
    })
}

impl Run {
    /// The run exited with `code`; the message shows both outputs otherwise.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.status.code(),
            Some(code),
            "`{}`\n--- stdout\n{}\n--- stderr\n{}",
            self.command,
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_stdout_contains(&self, text: &str) -> &Run {
        assert!(
            self.stdout.contains(text),
            "`{}`: stdout lacks {text:?}:\n{}",
            self.command,
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr_contains(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "`{}`: stderr lacks {text:?}:\n{}",
            self.command,
            self.stderr
        );
        self
    }
}
