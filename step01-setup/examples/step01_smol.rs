//! Step 1's setup check on smol: `cargo run -p step01-setup --example step01_smol`.
//!
//! The twin of `src/main.rs`: the same four checks, with smol's executor,
//! timer and spawner in place of async-std's.

use std::process::ExitCode;

use step01_setup::{print_report, report_for, timer_resumes};

/// What this runtime's report says it checked.
const CHECKS: [&str; 3] = [
    "smol::block_on started an executor",
    "Timer::after(50 ms) resumed after its timer fired",
    "smol::spawn ran a task and its Task returned 42",
];

// ANCHOR: checks
async fn spawned_task_returns() -> bool {
    // smol::spawn puts the task on smol's global executor and returns a Task:
    // awaiting it gives the result (dropping it would cancel the task).
    let task = smol::spawn(async { 6 * 7 });
    task.await == 42
}

fn main() -> ExitCode {
    // No attribute macro: smol::block_on runs the async block to completion
    // on this thread, and smol::spawn's tasks run on smol's global executor.
    smol::block_on(async {
        // A Timer is a future of the Instant it fired: step 1's timer check
        // awaits it as it awaits async-std's task::sleep.
        let timer = timer_resumes(smol::Timer::after);
        let report = report_for(CHECKS, timer, spawned_task_returns()).await;
        print_report("Step 1: checking the async setup on smol", &report)
    })
}
// ANCHOR_END: checks
