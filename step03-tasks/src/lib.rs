//! Step 3: concurrency with tasks.
//!
//! - [`job`], [`seconds`], [`CancelGuard`] and [`panic_message`]: small
//!   helpers the chapter's programs share;
//! - [`server`]: a lesson server on `127.0.0.1` that answers after a delay
//!   and counts how many requests it handled at once;
//! - [`client`]: fetching from it one by one, all at once, or bounded;
//! - [`args`]: the one command-line reader of the lesson programs that take
//!   options (`--help`, digits grouped by `_`, exit code 2 for bad input);
//! - [`scale`]: the `--tasks` option and memory probe of the `scale`
//!   benchmark (thousands of tasks, measured);
//! - [`retry`]: retry with backoff on a clock passed in, which tests
//!   replace with a fake one;
//! - [`lesson`]: what the programs and their smol and tokio twins share:
//!   the jobs, what they print, the reports;
//! - [`shutdown`]: what the graceful-shutdown programs share on every
//!   runtime: a connection that reports its `Drop`, and the SIGINT they
//!   send themselves;
//! - [`group`] and [`tracker`]: the task group and the task tracker that
//!   async-std lacks (book: "Task groups and structured concurrency",
//!   "Sharing limits and tracking tasks").
//!
//! The chapter's idea in one run: requests started as tasks (here by
//! `join_all` over the fetches) wait at the same time, and the lesson
//! server, which counts what it handles at once, saw all of them in flight
//! together; fetched one after the other, it never sees more than one.
//!
//! ```
//! use std::time::Duration;
//!
//! use step03_tasks::client::{fetch_all_concurrent, fetch_all_sequential};
//! use step03_tasks::server::Server;
//!
//! async_std::task::block_on(async {
//!     let server = Server::start(Duration::from_millis(300)).await?;
//!     let pages = ["a", "b", "c"];
//!     fetch_all_sequential(server.addr(), &pages).await;
//!     assert_eq!(server.stats().max_in_flight, 1, "one after the other");
//!     server.reset_stats();
//!     let results = fetch_all_concurrent(server.addr(), &pages).await;
//!     assert!(results.iter().all(Result::is_ok), "{results:?}");
//!     assert_eq!(server.stats().max_in_flight, 3, "all three at once");
//!     std::io::Result::Ok(())
//! })?;
//! # std::io::Result::Ok(())
//! ```

#![warn(missing_docs)]

pub mod args;
pub mod client;
pub mod group;
pub mod lesson;
pub mod retry;
pub mod scale;
pub mod server;
pub mod shutdown;
pub mod tracker;

use std::any::Any;
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

/// Step 2's rounding of a duration to a tenth of a second (`3.0 s`), so
/// that a program prints the same text on every run.
pub use step02_basic_async::seconds;

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

impl Drop for CancelGuard {
    fn drop(&mut self) {
        if !self.finished {
            self.cancelled.store(true, Ordering::SeqCst);
            println!("  ({} was cancelled: its future was dropped)", self.name);
        }
    }
}
// ANCHOR_END: cancel_guard

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

/// The text a panic carries, for a message or a `JoinError`: `panic!` with
/// a literal gives a `&str`, with a format string a `String`; anything else
/// (`std::panic::panic_any`) has no text. Step 4's executor reports its
/// tasks' panics with it too.
pub fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
