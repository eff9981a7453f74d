//! `slac completions SHELL` and `slac man`: generated from the command line's own
//! definition (clap), so they never disagree with `--help`.

use super::common::{print_stdout, EXIT_OK};
use clap::ValueEnum;

#[derive(clap::Args, Debug)]
pub(super) struct CompletionArgs {
    /// The shell to write completions for.
    shell: Shell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(clap::Args, Debug)]
pub(super) struct ManArgs {
    /// A subcommand's page (slac-check(1), …) instead of slac(1).
    command: Option<String>,
}

/// The completion script of `shell` for `cmd`, on stdout.
pub(super) fn completions(args: &CompletionArgs, mut cmd: clap::Command) -> i32 {
    let mut out = Vec::new();
    let name = cmd.get_name().to_string();
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, &mut cmd, name, &mut out);
    print_stdout(&String::from_utf8_lossy(&out));
    EXIT_OK
}

/// slac(1), or slac-COMMAND(1), in roff on stdout: `slac man | man -l -`.
pub(super) fn man(args: &ManArgs, cmd: clap::Command) -> Result<String, String> {
    let cmd = cmd.version(env!("CARGO_PKG_VERSION"));
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let visible: Vec<&str> = cmd
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(clap::Command::get_name)
                .collect();
            let Some(sub) = cmd
                .get_subcommands()
                .find(|s| s.get_name() == name && !s.is_hide_set())
            else {
                return Err(format!(
                    "no command `{}` (the commands are {})",
                    crate::diag::render::visible(name),
                    visible.join(", ")
                ));
            };
            sub.clone()
                .display_name(format!("slac-{name}"))
                .bin_name(format!("slac {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Prints [`man`]'s page, or fails with exit code 2.
pub(super) fn print_man(args: &ManArgs, cmd: clap::Command) -> i32 {
    match man(args, cmd) {
        Ok(page) => {
            print_stdout(&page);
            EXIT_OK
        }
        Err(why) => super::common::fail(&why),
    }
}
