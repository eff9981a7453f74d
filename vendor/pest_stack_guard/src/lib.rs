//! Internal native stack probing for pest.
//!
//! Stack probing is automatic on the six native targets listed in this crate's
//! manifest. Other targets require the `stack-guard` feature and a toolchain
//! supported by `stacker` and `psm`.

#![warn(missing_docs, rust_2018_idioms, unused_qualifications)]

use std::cell::Cell;

thread_local! {
    /// Set while [`unprobed`] runs on this thread.
    static SUSPENDED: Cell<bool> = const { Cell::new(false) };
}

/// Returns the remaining native stack space in bytes, if known.
///
/// Returns `None` when stack probing is disabled or stack bounds are unavailable, and
/// while [`unprobed`] runs on the calling thread.
#[inline]
pub fn remaining_stack() -> Option<usize> {
    if SUSPENDED.with(Cell::get) {
        return None;
    }
    #[cfg(any(native_stack_guard, feature = "stack-guard"))]
    return stacker::remaining_stack();

    #[cfg(not(any(native_stack_guard, feature = "stack-guard")))]
    return None;
}

/// Runs `f` with the stack probe off on this thread: for a grammar whose recursion the
/// caller has bounded before parsing (slac's `.sla` files, nested at most 32 deep). The
/// probe is back on when `f` returns or unwinds.
pub fn unprobed<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SUSPENDED.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SUSPENDED.with(|s| s.replace(true)));
    f()
}

#[cfg(test)]
mod tests {
    use super::remaining_stack;

    #[cfg(native_stack_guard)]
    #[test]
    fn unprobed_answers_none_and_restores() {
        assert!(remaining_stack().is_some());
        assert_eq!(super::unprobed(remaining_stack), None);
        assert!(remaining_stack().is_some());
    }

    #[cfg(native_stack_guard)]
    #[test]
    fn native_stack_bounds_are_available() {
        std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(|| {
                assert!(remaining_stack().is_some_and(|remaining| remaining > 64 * 1024));
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[cfg(all(not(native_stack_guard), feature = "stack-guard"))]
    #[test]
    fn explicit_stack_probe_uses_stacker() {
        assert_eq!(
            remaining_stack().is_some(),
            stacker::remaining_stack().is_some()
        );
    }

    #[cfg(not(any(native_stack_guard, feature = "stack-guard")))]
    #[test]
    fn disabled_stack_probe_returns_none() {
        assert_eq!(remaining_stack(), None);
    }
}
