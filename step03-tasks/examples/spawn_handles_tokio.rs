//! A spawned task runs on its own, on tokio:
//! `cargo run -p step03-tasks --example spawn_handles_tokio`.
//!
//! The twin of `spawn_handles.rs`. Awaiting tokio's JoinHandle gives a
//! `Result`: `Err(JoinError)` if the task panicked or was aborted.

use std::time::{Duration, Instant};

use step03_tasks::lesson::{print_awaited, report_task};
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: spawn
#[tokio::main]
async fn main() -> Result<(), JoinError> {
    let start = Instant::now();
    println!("1. spawning a task that needs 300 ms");
    let handle = tokio::spawn(report_task(sleep(Duration::from_millis(300)), start));

    sleep(Duration::from_millis(500)).await;
    println!("2. main did 500 ms of other work");
    // Err if the task panicked or was aborted; neither happens here.
    let output = handle.await?;
    print_awaited(output, start);
    Ok(())
}
// ANCHOR_END: spawn
