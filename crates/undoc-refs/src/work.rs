//! A count of the bytes the scanner looks at, per thread, so that tests can
//! check that its work grows with the input and no faster — counted, not
//! timed, because these machines are too noisy for timing assertions.
//!
//! Each loop adds what it walked once when it ends (not per byte), so the
//! count costs nothing measurable on the hot path.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Records `bytes` examined (at least one step per call: an anchor visited).
pub(crate) fn add(bytes: usize) {
    STEPS.with(|s| s.set(s.get().saturating_add(bytes.max(1) as u64)));
}

/// Steps counted on this thread since the last [`reset`].
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}

/// Starts counting again from zero on this thread.
pub fn reset() {
    STEPS.with(|s| s.set(0));
}
