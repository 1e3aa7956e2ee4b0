//! A time limit for one test: code that never returns fails the test with
//! a message saying why, instead of keeping it waiting.
//!
//! Shared by the exercises whose tests declare `mod watchdog;`: `cargo
//! exercises` writes this file into their crate as `tests/watchdog/mod.rs`.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `work` on a thread of its own and waits at most `limit` for it. If
/// it has not returned by then, the test fails with `if_hung`, which says
/// in the exercise's terms what usually makes it hang. A panic in `work`
/// fails the test with its own message.
pub fn run_within<T: Send + 'static>(
    limit: Duration,
    if_hung: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = mpsc::channel();
    let worker = thread::spawn(move || {
        // Fails only when the test has already given up: nothing to do.
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(limit) {
        Ok(output) => output,
        Err(RecvTimeoutError::Timeout) => panic!("{if_hung}"),
        Err(RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the worker sends its result before it ends"),
        },
    }
}
