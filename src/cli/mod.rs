//! The command line: clap arguments → validated options → one function per subcommand.

// `eprint!`, `eprintln!`, `print!` and `println!` panic when the stream is closed (`slac
// check 2>&- …`, a reader that went away): these replace them for every subcommand below
// (a `macro_rules!` defined before the `mod` lines shadows the standard ones there), so a
// closed stream loses the text and the command keeps its exit code.
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::cli::common::write_stream(false, format_args!($($arg)*)) };
}
macro_rules! eprintln {
    () => { $crate::cli::common::write_stream(false, format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::cli::common::write_stream(false, format_args!("{}\n", format_args!($($arg)*)))
    };
}
#[allow(unused_macros)]
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::common::write_stream(true, format_args!($($arg)*)) };
}
#[allow(unused_macros)]
macro_rules! println {
    () => { $crate::cli::common::write_stream(true, format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::cli::common::write_stream(true, format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod build;
mod check;
pub(crate) mod common;
mod diff;
mod due;
mod eval;
mod explain;
mod fmt;
mod import;
mod init;
mod inputs;
mod lsp;
mod progress;
mod report;
mod settings;
mod shell;
mod status;
mod synth;

use crate::diag::render::Style;
use clap::{CommandFactory as _, Parser, Subcommand, ValueEnum};
pub(crate) use common::{EXIT_OK, EXIT_USAGE};
use std::ffi::OsString;
use std::io::IsTerminal;

const EXAMPLES: &str = "\
Examples:
  slac check examples/acme                 check a portfolio
  slac check . --format json               diagnostics as JSON, for tools
  slac check contracts --deny-warnings     fail on warnings too (CI)
  slac build examples/acme --out site      contracts, monitoring rules, portfolio.json
  slac due examples/acme --agreement globex_checkout --incident p1 --target resolve \\
      --opened 2026-11-27T16:30:00+01:00   when is this ticket due?
  slac eval contracts --period 2026-11 --outages outages.csv --tickets tickets.csv
  slac status examples/acme --within 90d   reviews, expiries, approvals and signatures due
  slac fmt --check                         is every file in the canonical layout?
  slac diff --git origin/main --deny-weakening
  slac explain E0401                       what a diagnostic means
  slac init my-portfolio                   a starter portfolio that checks clean";

#[derive(Parser, Debug)]
#[command(
    name = "slac",
    version,
    about = "The SLA-as-code compiler: prove that SLAs, OLAs and UCs fit together",
    after_help = EXAMPLES
)]
struct Cli {
    /// When to use colours in human output (`NO_COLOR` is honoured).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and check a portfolio; print every diagnostic.
    #[command(after_help = "\
Examples:
  slac check examples/acme
  slac check . --format json --today 2026-11-26
  slac check contracts --format github --deny-warnings")]
    Check(check::Args),
    /// Print the deadline of one ticket under an agreement's support target.
    #[command(after_help = "\
Examples:
  slac due examples/acme --agreement globex_checkout --incident p1 --target resolve \\
      --opened 2026-11-27T16:30:00+01:00
  slac due examples/acme --agreement globex_printing --region rural --incident p2 \\
      --target response --opened 2026-11-27T10:00:00+01:00 --format json
  slac due examples/acme --agreement employee_it --request new_laptop --opened 2026-11-27T09:00:00Z")]
    Due(due::Args),
    /// Attainment, breaches and service credits of every SLA in force for one period.
    #[command(after_help = "\
Examples:
  slac eval examples/acme --period 2026-11 --outages outages.csv --tickets tickets.csv
  slac eval contracts --period 2026-Q4 --outages outages.csv --format json
  slac eval contracts --period 2026 --measurements measurements.csv --format html > report.html")]
    Eval(eval::Args),
    /// Attainment, budgets and credits of every agreement over a range of periods, as HTML
    /// with charts and JSON: an internal report and one per customer.
    #[command(after_help = "\
Examples:
  slac report examples/acme --from 2026-01 --to 2026-12 --outages outages.csv --out reports
  slac report contracts --from 2026-Q1 --to 2026-Q4 --tickets tickets.csv --format json")]
    Report(report::Args),
    /// Check, then write contract documents, monitoring rules and the resolved portfolio.
    #[command(after_help = "\
Examples:
  slac build examples/acme --out out
  slac build contracts --out site --emit html,markdown --today 2026-11-26")]
    Build(build::Args),
    /// What needs action: reviews, expiries, approvals, signatures, drafts backing agreements.
    #[command(after_help = "\
Examples:
  slac status examples/acme
  slac status contracts --within 30d --today 2026-12-01
  slac status . --format json")]
    Status(status::Args),
    /// Sloth or `OpenSLO` files as a starting portfolio (.sla) to review.
    #[command(after_help = "\
Examples:
  slac import sloth/getting-started.yml > portfolio/imported.sla
  slac import slos/*.yaml --out portfolio/imported.sla")]
    Import(import::Args),
    /// Explain a diagnostic code, with a wrong and a right example.
    #[command(after_help = "\
Examples:
  slac explain E0401
  slac explain w0504
  slac explain --list")]
    Explain(explain::Args),
    /// Rewrite files in the canonical layout (comments kept, nothing reordered).
    #[command(after_help = "\
Examples:
  slac fmt                                 format every .sla file below the current directory
  slac fmt contracts --check               list files that would change; exit 1 if any (CI)")]
    Fmt(fmt::Args),
    /// Report what a change does to each commitment: tightened, loosened or changed.
    #[command(after_help = "\
Examples:
  slac diff old/ new/                      compare two portfolios
  slac diff --git origin/main              the working tree against a revision
  slac diff --git origin/main contracts --format markdown --deny-weakening")]
    Diff(diff::Args),
    /// A Language Server over stdio for editors: diagnostics as you type, go to
    /// definition, references, hover, completion, outline and formatting.
    #[command(after_help = "\
Examples:
  slac lsp                                 started by the editor (docs/editors.md)")]
    Lsp(lsp::Args),
    /// Write a starter portfolio (and a slac.toml) that checks clean; never overwrites.
    #[command(after_help = "\
Examples:
  slac init my-portfolio && slac check my-portfolio")]
    Init(init::Args),
    /// Print a shell's completion script (bash, zsh, fish).
    #[command(after_help = "\
Examples:
  slac completions bash > ~/.local/share/bash-completion/completions/slac
  slac completions zsh > ~/.zfunc/_slac
  slac completions fish > ~/.config/fish/completions/slac.fish")]
    Completions(shell::CompletionArgs),
    /// Print the manual page (roff): `slac man | man -l -`.
    #[command(after_help = "\
Examples:
  slac man | man -l -
  slac man check > slac-check.1")]
    Man(shell::ManArgs),
    /// Write a synthetic portfolio and events (for performance runs).
    #[command(hide = true)]
    Synth(synth::Args),
}

/// Runs slac with the given arguments (the first is the program name) and returns the
/// exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && common::wants_json(&args) => {
            common::print_stdout(&common::usage_json(&e));
            return EXIT_USAGE;
        }
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    };
    let style = Style {
        color,
        width: common::stderr_width(),
    };
    match cli.command {
        Command::Check(args) => check::run(&args, style),
        Command::Due(args) => due::run(&args, style),
        Command::Synth(args) => synth::run(&args),
        Command::Eval(args) => eval::run(&args, style),
        Command::Report(args) => report::run(&args, style),
        Command::Build(args) => build::run(&args, style),
        Command::Status(args) => status::run(&args, style),
        Command::Import(args) => import::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Fmt(args) => fmt::run(&args, style),
        Command::Diff(args) => diff::run(&args, style),
        Command::Lsp(args) => lsp::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => shell::completions(&args, Cli::command()),
        Command::Man(args) => shell::print_man(&args, Cli::command()),
    }
}
