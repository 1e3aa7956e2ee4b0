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
    let handle = tokio::spawn(async move {
        sleep(Duration::from_millis(300)).await;
        // The task notes when it finished; nobody has awaited it yet.
        ("report", seconds(start.elapsed()))
    });

    sleep(Duration::from_millis(500)).await;
    println!("2. main did 500 ms of other work");

    let (report, finished) = handle.await?;
    let took = seconds(start.elapsed());
    println!("3. the task had finished at {finished}, before anyone awaited it");
    println!("4. handle.await gave {report:?}; total {took}, not 0.3 + 0.5 s");
    Ok(())
}
// ANCHOR_END: spawn
