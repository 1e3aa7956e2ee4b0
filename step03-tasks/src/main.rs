//! `cargo run -p step03-tasks`: three one-second jobs, one after the other
//! and then as three tasks.
//!
//! The Rust twin of the asyncio tutorial's first `create_task` example: the
//! same work takes about three seconds in sequence and about one second
//! when the jobs run concurrently.
//!
//! `step04-executor/src/main.rs` keeps a copy of `main` on the executor
//! Step 4 builds, and the book sets the two side by side to show that the
//! program runs unchanged: a change here belongs there too.

use std::time::{Duration, Instant};

use async_std::task;
use step03_tasks::{job, seconds};

// ANCHOR: main
const ONE_SECOND: Duration = Duration::from_secs(1);

#[async_std::main]
async fn main() {
    println!("Three jobs, one second each.");

    // Sequential: each `.await` finishes before the next job starts.
    let start = Instant::now();
    let mut results = Vec::new();
    for name in ["a", "b", "c"] {
        results.push(job(name, ONE_SECOND).await);
    }
    let took = seconds(start.elapsed());
    println!("one after the other: {results:?} in {took}");

    // Concurrent: `task::spawn` starts each job at once and hands back a
    // JoinHandle; awaiting the handles collects the results in order.
    let start = Instant::now();
    let handles: Vec<_> = ["a", "b", "c"]
        .into_iter()
        .map(|name| task::spawn(job(name, ONE_SECOND)))
        .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await);
    }
    let took = seconds(start.elapsed());
    println!("as three tasks:      {results:?} in {took}");
}
// ANCHOR_END: main
