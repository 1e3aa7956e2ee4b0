//! `cargo run -p step01-setup`: checks that the async setup works.

use std::process::ExitCode;

use step01_setup::{print_report, run_checks};

// ANCHOR: main
#[async_std::main]
async fn main() -> ExitCode {
    let report = run_checks().await;
    print_report("Step 1: checking the async setup", &report)
}
// ANCHOR_END: main
