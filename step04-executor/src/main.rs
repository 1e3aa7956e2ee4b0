//! `cargo run -p step04-executor`: the Step 3 program on the executor this
//! step builds.
//!
//! Step 3 ran three one-second jobs one after the other and then as three
//! tasks, on async-std. Here the same program runs on `step04_executor`:
//! its `block_on`, its `spawn` and its timer heap. Only the imports differ,
//! and that is the point: `main` is kept a copy of Step 3's
//! `step03-tasks/src/main.rs`, and the book shows the two side by side.

use std::time::{Duration, Instant};

use step03_tasks::seconds;
use step04_executor::{block_on, sleep, spawn};

/// Step 3's stand-in for real work: waits, then returns its name.
async fn job(name: &str, duration: Duration) -> String {
    sleep(duration).await;
    name.to_string()
}

// ANCHOR: main
const ONE_SECOND: Duration = Duration::from_secs(1);

async fn async_main() {
    println!("Three jobs, one second each, on the step04 executor.");

    // Sequential: each `.await` finishes before the next job starts.
    let start = Instant::now();
    let mut results = Vec::new();
    for name in ["a", "b", "c"] {
        results.push(job(name, ONE_SECOND).await);
    }
    let took = seconds(start.elapsed());
    println!("one after the other: {results:?} in {took}");

    // Concurrent: `spawn` queues each job at once and hands back a
    // JoinHandle; awaiting the handles collects the results in order.
    let start = Instant::now();
    let handles: Vec<_> = ["a", "b", "c"]
        .into_iter()
        .map(|name| spawn(job(name, ONE_SECOND)))
        .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("jobs do not panic"));
    }
    let took = seconds(start.elapsed());
    println!("as three tasks:      {results:?} in {took}");
    // ANCHOR_END: main

    // ANCHOR: foreign
    // A future from another runtime: async-std's timer lives in async-io's
    // reactor thread, which calls our waker. Wakers are the whole interface.
    let start = Instant::now();
    async_std::task::sleep(Duration::from_millis(500)).await;
    println!(
        "async-std's sleep on our executor: {}",
        seconds(start.elapsed())
    );
}

fn main() {
    block_on(async_main()); // what #[async_std::main] did in Step 3
}
// ANCHOR_END: foreign
