//! A spawned task runs on its own: `cargo run -p step03-tasks --example spawn_handles`.

use std::time::{Duration, Instant};

use async_std::task;
use step03_tasks::{job, seconds};

// ANCHOR: spawn
#[async_std::main]
async fn main() {
    let start = Instant::now();
    println!("1. spawning a task that needs 300 ms");
    let handle = task::spawn(async {
        let report = job("report", Duration::from_millis(300)).await;
        println!("2. the task finished its work; nobody has awaited it yet");
        report
    });

    // Meanwhile `main` does something else. The task does not wait for us.
    task::sleep(Duration::from_millis(500)).await;
    println!("3. main did 500 ms of other work");

    // The handle is a future of the task's result. The task is done, so
    // awaiting it returns at once.
    let report = handle.await;
    let took = seconds(start.elapsed());
    println!("4. handle.await gave {report:?}; total {took}, not 0.3 + 0.5 s");
}
// ANCHOR_END: spawn
