//! Step 1's setup check on smol: `cargo run -p step01-setup --example step01_smol`.
//!
//! The twin of `src/main.rs`: the same four checks, with smol's executor,
//! timer and spawner in place of async-std's.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use step01_setup::{Check, report_line};

// ANCHOR: checks
async fn timer_resumes() -> bool {
    let asked = Duration::from_millis(50);
    let start = Instant::now();
    smol::Timer::after(asked).await; // a Timer is a future of the Instant it fired
    start.elapsed() >= asked
}

async fn spawned_task_returns() -> bool {
    // smol::spawn puts the task on smol's global executor and returns a Task:
    // awaiting it gives the result (dropping it would cancel the task).
    let task = smol::spawn(async { 6 * 7 });
    task.await == 42
}
// ANCHOR_END: checks

async fn join_drives_both() -> bool {
    let (left, right) = futures::join!(async { "left" }, async { "right" });
    left == "left" && right == "right"
}

// ANCHOR: main
fn main() -> ExitCode {
    // No attribute macro: smol::block_on runs the async block to completion
    // on this thread, and smol::spawn's tasks run on smol's global executor.
    smol::block_on(async {
        println!("Step 1: checking the async setup on smol");
        println!("  workspace needs Rust {}", env!("CARGO_PKG_RUST_VERSION"));
        let report = [
            ("smol::block_on started an executor", true),
            (
                "Timer::after(50 ms) resumed after its timer fired",
                timer_resumes().await,
            ),
            (
                "smol::spawn ran a task and its Task returned 42",
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
    })
}
// ANCHOR_END: main
