//! Blocking the executor, made visible, on tokio:
//! `cargo run -p step03-tasks --example blocking_ticker_tokio`.
//!
//! The twin of `blocking_ticker.rs`: the same lesson on every runtime. A
//! blocking call holds the thread of the task that makes it, and its
//! neighbours in that task wait; `tokio::task::spawn_blocking` moves it to
//! tokio's pool of blocking threads (its result is a `Result`: `Err` if the
//! call panicked). Only the three runtime calls are tokio's; the run is
//! `lesson::blocking_ticker`.

use step03_tasks::lesson::blocking_ticker;

// ANCHOR: main
#[tokio::main]
async fn main() {
    blocking_ticker(
        tokio::time::sleep,
        tokio::task::yield_now,
        tokio::task::spawn_blocking,
        "task::spawn_blocking",
    )
    .await;
}
// ANCHOR_END: main
