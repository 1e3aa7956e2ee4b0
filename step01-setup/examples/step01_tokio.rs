//! Step 1's setup check on tokio: `cargo run -p step01-setup --example step01_tokio`.
//!
//! The twin of `src/main.rs`: the same four checks, with tokio's runtime,
//! timer and spawner in place of async-std's.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use step01_setup::{Check, report_line};

// ANCHOR: checks
async fn timer_resumes() -> bool {
    let asked = Duration::from_millis(50);
    let start = Instant::now();
    tokio::time::sleep(asked).await; // panics outside a tokio runtime
    start.elapsed() >= asked
}

async fn spawned_task_returns() -> bool {
    // tokio::spawn returns a JoinHandle whose output is a Result: Err if
    // the task panicked or was aborted.
    let handle = tokio::spawn(async { 6 * 7 });
    matches!(handle.await, Ok(42))
}
// ANCHOR_END: checks

async fn join_drives_both() -> bool {
    let (left, right) = futures::join!(async { "left" }, async { "right" });
    left == "left" && right == "right"
}

// ANCHOR: main
#[tokio::main]
async fn main() -> ExitCode {
    println!("Step 1: checking the async setup on tokio");
    println!("  workspace needs Rust {}", env!("CARGO_PKG_RUST_VERSION"));
    let report = [
        ("#[tokio::main] started a runtime", true),
        (
            "tokio::time::sleep(50 ms) resumed after its timer fired",
            timer_resumes().await,
        ),
        (
            "tokio::spawn ran a task and its JoinHandle returned Ok(42)",
            spawned_task_returns().await,
        ),
        (
            "futures::join! drove two futures to completion",
            join_drives_both().await,
        ),
    ];
    let passed = report.iter().all(|(_, passed)| *passed);
    for (what, passed) in report {
        println!("{}", report_line(&Check { what, passed }));
    }
    if passed {
        println!("Everything works. Next: cargo run -p step02-basic-async");
        ExitCode::SUCCESS
    } else {
        println!("Some checks failed: see the Troubleshooting chapter.");
        ExitCode::FAILURE
    }
}
// ANCHOR_END: main
