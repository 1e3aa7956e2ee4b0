//! Step 4: build your own executor.
//!
//! The chapter builds it in stages; each stage is a listing that runs and is
//! tested:
//!
//! 1. `block_on` with a thread-parking waker: `examples/park_block_on.rs`
//!    (self-contained, so it runs on the playground).
//! 2. Hand-written futures: `examples/countdown.rs` (a countdown) and
//!    [`thread_timer`] (a timer that spends one thread per sleep).
//! 3. A task queue: [`executor`] (`spawn`, `JoinHandle`, panics caught).
//! 4. One timer driver with a heap of deadlines: [`timer`] (`sleep`).
//! 5. A reactor, so that a TCP echo server runs on the executor:
//!    `reactor` (Unix only) and `examples/echo.rs`.
//!
//! `src/main.rs` runs a Step 3 style program on this executor, and
//! `examples/bench.rs` compares it with async-executor and async-std.

pub mod executor;
pub mod measure;
#[cfg(unix)]
pub mod reactor;
pub mod thread_timer;
pub mod timer;

pub use executor::{JoinError, JoinHandle, block_on, spawn, yield_now};
pub use timer::{Sleep, sleep, sleep_until};

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
