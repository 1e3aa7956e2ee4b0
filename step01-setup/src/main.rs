//! `cargo run -p step01-setup`: checks that the async setup works.

use std::process::ExitCode;

use step01_setup::{report_line, run_checks};

// ANCHOR: main
#[async_std::main]
async fn main() -> ExitCode {
    println!("Step 1: checking the async setup");
    println!("  workspace needs Rust {}", env!("CARGO_PKG_RUST_VERSION"));

    let report = run_checks().await;
    for check in &report {
        println!("{}", report_line(check));
    }

    if report.iter().all(|check| check.passed) {
        println!("Everything works. Next: cargo run -p step02-basic-async");
        ExitCode::SUCCESS
    } else {
        println!("Some checks failed: see the Troubleshooting chapter.");
        ExitCode::FAILURE
    }
}
// ANCHOR_END: main
