//! Step 1: prove that the async toolchain is set up.
//!
//! Each check exercises one piece that every later step relies on: the
//! executor behind `#[async_std::main]`, its timer, its task spawner and the
//! `futures` crate's combinators. The program in `main.rs` prints the report.
//!
//! An `async fn` does nothing until an executor runs it; here async-std's
//! `block_on` runs every check to completion, as `#[async_std::main]` does
//! for `main`:
//!
//! ```
//! use step01_setup::{report_line, run_checks};
//!
//! let report = async_std::task::block_on(run_checks());
//! assert!(
//!     report.iter().all(|check| check.passed),
//!     "a working setup passes every check: {report:?}"
//! );
//! assert_eq!(
//!     report_line(&report[1]),
//!     "  [ok] task::sleep(50 ms) resumed after its timer fired"
//! );
//! ```

#![warn(missing_docs)]

use std::future::Future;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use async_std::task;

/// The outcome of one setup check, printed as one line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked, in words a reader understands.
    pub what: &'static str,
    /// Whether it worked.
    pub passed: bool,
}

// ANCHOR: checks
/// The timer works: a sleeping task resumes, and no earlier than asked.
/// `sleep` is the runtime's timer, passed in as Python code passes
/// `asyncio.sleep`: `run_checks` gives it async-std's `task::sleep`, and
/// the smol and tokio versions at the end of the page give theirs.
pub async fn timer_resumes<Sleep: Future>(
    sleep: impl FnOnce(Duration) -> Sleep,
) -> bool {
    let asked = Duration::from_millis(50);
    let start = Instant::now();
    sleep(asked).await;
    start.elapsed() >= asked
}

/// The executor runs spawned tasks and hands their result back.
pub async fn spawned_task_returns() -> bool {
    let handle = task::spawn(async { 6 * 7 });
    handle.await == 42
}

/// The `futures` crate is there: `join!` drives two futures to completion.
pub async fn join_drives_both() -> bool {
    let (left, right) = futures::join!(async { "left" }, async { "right" });
    left == "left" && right == "right"
}
// ANCHOR_END: checks

/// Runs every check in order and returns the report.
pub async fn run_checks() -> Vec<Check> {
    let names = [
        "#[async_std::main] started an executor",
        "task::sleep(50 ms) resumed after its timer fired",
        "task::spawn ran a task and its JoinHandle returned 42",
    ];
    report_for(names, timer_resumes(task::sleep), spawned_task_returns()).await
}

/// The report of a runtime's checks: it started (we could not be running
/// this code otherwise), its timer and its spawner (`timer` and `spawn`,
/// the checks that change from one runtime to the next, named by `names`),
/// and `futures::join!`, which runs unchanged on every runtime.
pub async fn report_for(
    names: [&'static str; 3],
    timer: impl Future<Output = bool>,
    spawn: impl Future<Output = bool>,
) -> Vec<Check> {
    let [started, timer_name, spawn_name] = names;
    let joined = "futures::join! drove two futures to completion";
    vec![
        Check::new(started, true),
        Check::new(timer_name, timer.await),
        Check::new(spawn_name, spawn.await),
        Check::new(joined, join_drives_both().await),
    ]
}

impl Check {
    /// The outcome of the check described by `what`.
    pub fn new(what: &'static str, passed: bool) -> Self {
        Check { what, passed }
    }
}

/// Formats one check as a report line: `  [ok] what` or `  [FAILED] what`.
pub fn report_line(check: &Check) -> String {
    let mark = if check.passed { "ok" } else { "FAILED" };
    format!("  [{mark}] {}", check.what)
}

// ANCHOR: report
/// Prints `heading`, the report and what to do next, and returns the exit
/// code: success only if every check passed. `main.rs` and its smol and
/// tokio twins all print their report with it.
pub fn print_report(heading: &str, report: &[Check]) -> ExitCode {
    println!("{heading}");
    println!("  workspace needs Rust {}", env!("CARGO_PKG_RUST_VERSION"));
    for check in report {
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
// ANCHOR_END: report

#[cfg(test)]
mod tests {
    use super::*;

    #[async_std::test]
    async fn every_check_passes_on_a_working_setup() {
        let report = run_checks().await;
        assert_eq!(report.len(), 4);
        assert!(report.iter().all(|check| check.passed), "{report:?}");
    }

    #[test]
    fn a_failed_check_is_marked_as_such() {
        let check = Check {
            what: "something",
            passed: false,
        };
        assert_eq!(report_line(&check), "  [FAILED] something");
    }
}
