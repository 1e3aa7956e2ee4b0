//! Step 3's program on tokio: `cargo run -p step03-tasks --example step03_tokio`.
//!
//! The twin of `src/main.rs`: three one-second jobs, one after the other
//! and then as three tasks.

use std::time::{Duration, Instant};

use step03_tasks::seconds;
use tokio::task::JoinError;

const ONE_SECOND: Duration = Duration::from_secs(1);

async fn job(name: &str, duration: Duration) -> String {
    tokio::time::sleep(duration).await;
    name.to_string()
}

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), JoinError> {
    println!("Three jobs, one second each.");

    let start = Instant::now();
    let mut results = Vec::new();
    for name in ["a", "b", "c"] {
        results.push(job(name, ONE_SECOND).await);
    }
    let took = seconds(start.elapsed());
    println!("one after the other: {results:?} in {took}");

    // tokio::spawn's JoinHandle gives a Result: Err(JoinError) if the task
    // panicked or was aborted, where async-std's would panic again.
    let start = Instant::now();
    let handles: Vec<_> = ["a", "b", "c"]
        .into_iter()
        .map(|name| tokio::spawn(job(name, ONE_SECOND)))
        .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await?);
    }
    let took = seconds(start.elapsed());
    println!("as three tasks:      {results:?} in {took}");
    Ok(())
}
// ANCHOR_END: main
