//! Step 3's program on smol: `cargo run -p step03-tasks --example step03_smol`.
//!
//! The twin of `src/main.rs`: three one-second jobs, one after the other
//! and then as three tasks on smol's executor.

use std::time::{Duration, Instant};

use step03_tasks::seconds;

const ONE_SECOND: Duration = Duration::from_secs(1);

async fn job(name: &str, duration: Duration) -> String {
    smol::Timer::after(duration).await;
    name.to_string()
}

// ANCHOR: main
fn main() {
    smol::block_on(async {
        println!("Three jobs, one second each.");

        let start = Instant::now();
        let mut results = Vec::new();
        for name in ["a", "b", "c"] {
            results.push(job(name, ONE_SECOND).await);
        }
        let took = seconds(start.elapsed());
        println!("one after the other: {results:?} in {took}");

        // smol::spawn returns a Task: awaiting it gives the result, and
        // dropping it cancels the task (async-std's JoinHandle detaches).
        let start = Instant::now();
        let tasks: Vec<smol::Task<String>> = ["a", "b", "c"]
            .into_iter()
            .map(|name| smol::spawn(job(name, ONE_SECOND)))
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await);
        }
        let took = seconds(start.elapsed());
        println!("as three tasks:      {results:?} in {took}");
    })
}
// ANCHOR_END: main
