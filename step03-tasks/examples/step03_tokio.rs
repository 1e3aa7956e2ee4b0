//! Step 3's program on tokio: `cargo run -p step03-tasks --example step03_tokio`.
//!
//! The twin of `src/main.rs`: three one-second jobs, one after the other
//! and then as three tasks.

use std::time::{Duration, Instant};

use futures::future::try_join_all;
use step03_tasks::lesson::{JOB_NAMES, jobs_one_after_the_other, print_took};
use tokio::task::JoinError;

/// A one-second job on tokio's timer.
async fn job(name: &'static str) -> String {
    tokio::time::sleep(Duration::from_secs(1)).await;
    name.to_string()
}

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), JoinError> {
    jobs_one_after_the_other(job).await;

    // tokio::spawn's JoinHandle gives a Result: Err(JoinError) if the task
    // panicked or was aborted, where async-std's would panic again.
    let start = Instant::now();
    let handles = JOB_NAMES.map(|name| tokio::spawn(job(name)));
    let results = try_join_all(handles).await?;
    print_took("as three tasks:     ", &results, start);
    Ok(())
}
// ANCHOR_END: main
