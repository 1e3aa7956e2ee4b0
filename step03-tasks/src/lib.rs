//! Step 3: concurrency with tasks.
//!
//! - [`job`], [`seconds`] and [`CancelGuard`]: small helpers the chapter's
//!   programs share;
//! - [`server`]: a lesson server on `127.0.0.1` that answers after a delay
//!   and counts how many requests it handled at once;
//! - [`client`]: fetching from it one by one, all at once, or bounded;
//! - [`scale`]: the argument parser and memory probe of the `scale`
//!   benchmark (thousands of tasks, measured).

pub mod client;
pub mod scale;
pub mod server;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_std::task;

// ANCHOR: job
/// A stand-in for real work: waits `duration` without blocking the thread,
/// then returns `name`. Python's `await asyncio.sleep(d); return name`.
pub async fn job(name: &str, duration: Duration) -> String {
    task::sleep(duration).await;
    name.to_string()
}
// ANCHOR_END: job

/// A duration rounded to a tenth of a second, e.g. `3.0 s`.
///
/// Rounded so that the same program prints the same text on every run.
pub fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

// ANCHOR: cancel_guard
/// Notices cancellation: put one inside a future, and if the future is
/// dropped before it finishes, the guard's `Drop` runs and records it.
///
/// Rust has no `CancelledError`; cancelling a future means dropping it,
/// and dropping runs destructors. This is how cleanup code (closing a
/// connection, releasing a lock) runs when a task is cancelled.
#[derive(Debug)]
pub struct CancelGuard {
    name: &'static str,
    finished: bool,
    cancelled: Arc<AtomicBool>,
}

impl CancelGuard {
    /// A guard for the work called `name`.
    pub fn new(name: &'static str) -> Self {
        CancelGuard {
            name,
            finished: false,
            cancelled: Arc::new(AtomicBool::new(false)),
        }
    }

    /// A flag that turns true when the guarded work is dropped unfinished.
    pub fn cancelled_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancelled)
    }

    /// Call at the end of the work: from now on, dropping is not cancelling.
    pub fn finish(mut self) {
        self.finished = true;
    }
}

impl Drop for CancelGuard {
    fn drop(&mut self) {
        if !self.finished {
            self.cancelled.store(true, Ordering::SeqCst);
            println!("  ({} was cancelled: its future was dropped)", self.name);
        }
    }
}
// ANCHOR_END: cancel_guard

/// Ends the program with exit code 2 and a usage line if it was given any
/// argument: this program takes none, and silently ignoring input is worse
/// than saying so.
pub fn reject_arguments() {
    let mut args = std::env::args();
    let program = args.next().unwrap_or_default();
    if let Some(unexpected) = args.next() {
        eprintln!("error: unexpected argument `{unexpected}`\nusage: {program} (no arguments)");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_round_to_a_tenth() {
        assert_eq!(seconds(Duration::from_millis(2_960)), "3.0 s");
        assert_eq!(seconds(Duration::from_millis(140)), "0.1 s");
    }

    #[test]
    fn a_finished_guard_is_not_cancelled() {
        let guard = CancelGuard::new("work");
        let flag = guard.cancelled_flag();
        guard.finish();
        assert!(!flag.load(Ordering::SeqCst));
    }

    #[test]
    fn a_dropped_future_trips_its_guard() {
        let guard = CancelGuard::new("work");
        let flag = guard.cancelled_flag();
        let work = async move {
            let guard = guard;
            task::sleep(Duration::from_secs(60)).await;
            guard.finish();
        };
        drop(work);
        assert!(flag.load(Ordering::SeqCst));
    }
}
