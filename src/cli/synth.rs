//! `slac synth` (hidden): writes a synthetic portfolio and events, for the scaling runs
//! of docs/performance.md (benches/scale.sh). Not a user command.

use super::common::{fail_write, EXIT_OK};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Number of services (1× is a company of 100 services).
    #[arg(long, default_value_t = 100)]
    services: usize,

    /// Outages per service and tickets per SLA written for November 2026.
    #[arg(long, default_value_t = 3)]
    events: usize,

    /// Output directory, replaced under the rules of `slac build --out`: portfolio/*.sla,
    /// outages.csv, tickets.csv.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub(super) fn run(args: &Args) -> i32 {
    let mut artifacts: Vec<crate::output::Artifact> = crate::synth::portfolio(args.services)
        .into_iter()
        .map(|f| crate::output::Artifact::text(format!("portfolio/{}", f.name), f.text))
        .collect();
    let (outages, tickets) = crate::synth::events(args.services, args.events);
    artifacts.push(crate::output::Artifact::text("outages.csv", outages));
    artifacts.push(crate::output::Artifact::text("tickets.csv", tickets));
    match crate::output::write_all(&args.out, &artifacts) {
        Ok(()) => EXIT_OK,
        Err(e) => fail_write(&e),
    }
}
