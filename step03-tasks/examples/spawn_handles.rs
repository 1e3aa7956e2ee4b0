//! A spawned task runs on its own: `cargo run -p step03-tasks --example spawn_handles`.

use std::time::{Duration, Instant};

use async_std::task;
use step03_tasks::{job, seconds};

// ANCHOR: spawn
#[async_std::main]
async fn main() {
    let start = Instant::now();
    println!("1. spawning a task that needs 300 ms");
    let handle = task::spawn(async move {
        let report = job("report", Duration::from_millis(300)).await;
        // The task notes when it finished; nobody has awaited it yet.
        (report, seconds(start.elapsed()))
    });

    // Meanwhile `main` does something else. The task does not wait for us.
    task::sleep(Duration::from_millis(500)).await;
    println!("2. main did 500 ms of other work");

    // The handle is a future of the task's result. The task is done, so
    // awaiting it returns at once.
    let (report, finished) = handle.await;
    let took = seconds(start.elapsed());
    println!("3. the task had finished at {finished}, before anyone awaited it");
    println!("4. handle.await gave {report:?}; total {took}, not 0.3 + 0.5 s");
}
// ANCHOR_END: spawn
