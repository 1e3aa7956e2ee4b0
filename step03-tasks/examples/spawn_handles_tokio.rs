//! A spawned task runs on its own, on tokio:
//! `cargo run -p step03-tasks --example spawn_handles_tokio`.
//!
//! The twin of `spawn_handles.rs`. Awaiting tokio's JoinHandle gives a
//! `Result`: `Err(JoinError)` if the task panicked or was aborted.

use std::time::{Duration, Instant};

use step03_tasks::seconds;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: spawn
#[tokio::main]
async fn main() -> Result<(), JoinError> {
    let start = Instant::now();
    println!("1. spawning a task that needs 300 ms");
    let handle = tokio::spawn(async {
        sleep(Duration::from_millis(300)).await;
        println!("2. the task finished its work; nobody has awaited it yet");
        "report"
    });

    sleep(Duration::from_millis(500)).await;
    println!("3. main did 500 ms of other work");

    let report = handle.await?;
    let took = seconds(start.elapsed());
    println!("4. handle.await gave {report:?}; total {took}, not 0.3 + 0.5 s");
    Ok(())
}
// ANCHOR_END: spawn
