//! `slac lsp`.

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Accepted for clients that pass it (VS Code's language client does); stdio is the
    /// only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

pub(super) fn run(_args: &Args) -> i32 {
    crate::lsp::run()
}
