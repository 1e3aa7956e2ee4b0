//! Step 1's setup check on tokio: `cargo run -p step01-setup --example step01_tokio`.
//!
//! The twin of `src/main.rs`: the same four checks, with tokio's runtime,
//! timer and spawner in place of async-std's.

use std::process::ExitCode;

use step01_setup::{print_report, report_for, timer_resumes};

/// What this runtime's report says it checked.
const CHECKS: [&str; 3] = [
    "#[tokio::main] started a runtime",
    "tokio::time::sleep(50 ms) resumed after its timer fired",
    "tokio::spawn ran a task and its JoinHandle returned Ok(42)",
];

// ANCHOR: checks
async fn spawned_task_returns() -> bool {
    // tokio::spawn returns a JoinHandle whose output is a Result: Err if
    // the task panicked or was aborted.
    let handle = tokio::spawn(async { 6 * 7 });
    matches!(handle.await, Ok(42))
}

#[tokio::main]
async fn main() -> ExitCode {
    // tokio::time::sleep panics outside a tokio runtime: here it is inside.
    let timer = timer_resumes(tokio::time::sleep);
    let report = report_for(CHECKS, timer, spawned_task_returns()).await;
    print_report("Step 1: checking the async setup on tokio", &report)
}
// ANCHOR_END: checks
