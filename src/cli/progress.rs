//! The progress line of a long `slac build`: on stderr, only when stderr is a terminal and
//! only once the build has taken more than [`AFTER`] (a quick build shows nothing, a pipe
//! or a test never sees a byte of it), cleared before the final message.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

/// How long a build runs before its progress is shown.
const AFTER: Duration = Duration::from_secs(1);

pub(super) struct Progress {
    terminal: bool,
    start: Instant,
    files: u64,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub(super) fn start() -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
            start: Instant::now(),
            files: 0,
            bar: None,
        }
    }

    /// One more file written.
    pub(super) fn file(&mut self) {
        self.files += 1;
        if self.bar.is_none() && shown(self.terminal, self.start.elapsed()) {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} building: {pos} files ({elapsed})")
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.files);
        }
    }

    /// Clears the line, if it was shown.
    pub(super) fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Whether progress is shown: on a terminal, after [`AFTER`].
fn shown(terminal: bool, elapsed: Duration) -> bool {
    terminal && elapsed > AFTER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_on_a_terminal_and_only_after_a_second() {
        assert!(!shown(false, Duration::from_secs(60)));
        assert!(!shown(true, Duration::from_millis(900)));
        assert!(shown(true, Duration::from_millis(1100)));
    }
}
