//! Step 3's program on smol: `cargo run -p step03-tasks --example step03_smol`.
//!
//! The twin of `src/main.rs`: three one-second jobs, one after the other
//! and then as three tasks on smol's executor.

use std::time::{Duration, Instant};

use futures::future::join_all;
use step03_tasks::lesson::{JOB_NAMES, jobs_one_after_the_other, print_took};

/// A one-second job on smol's timer.
async fn job(name: &'static str) -> String {
    smol::Timer::after(Duration::from_secs(1)).await;
    name.to_string()
}

// ANCHOR: main
fn main() {
    smol::block_on(async {
        jobs_one_after_the_other(job).await;

        // smol::spawn returns a Task: awaiting it gives the result, and
        // dropping it cancels the task (async-std's JoinHandle detaches).
        let start = Instant::now();
        let tasks = JOB_NAMES.map(|name| smol::spawn(job(name)));
        print_took("as three tasks:     ", &join_all(tasks).await, start);
    })
}
// ANCHOR_END: main
