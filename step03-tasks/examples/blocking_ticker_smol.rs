//! Blocking the executor, made visible, on smol:
//! `cargo run -p step03-tasks --example blocking_ticker_smol`.
//!
//! The twin of `blocking_ticker.rs`: the same lesson on every runtime. A
//! blocking call holds the thread of the task that makes it, and its
//! neighbours in that task wait; `smol::unblock` moves it to smol's pool
//! of blocking threads (the `blocking` crate, async-std's too). Only the
//! three runtime calls are smol's; the run is `lesson::blocking_ticker`.

use step03_tasks::lesson::blocking_ticker;

// ANCHOR: main
fn main() {
    smol::block_on(blocking_ticker(
        smol::Timer::after,
        smol::future::yield_now,
        smol::unblock,
        "smol::unblock",
    ));
}
// ANCHOR_END: main
