//! Exercise 1.1: Run a future from synchronous code.
//!
//! The tests that `cargo exercises check 1.1` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::time::Duration;

use exercise::run_to_completion;

// `watchdog::run_within`, a time limit for a test: in tests/watchdog/mod.rs,
// written by `cargo exercises` from tests/exercises-tool/test-support/.
mod watchdog;

/// How long a test waits for `run_to_completion` before it fails.
const WATCHDOG: Duration = Duration::from_secs(10);

#[test]
fn gives_back_the_output_of_the_future() {
    assert_eq!(
        run_to_completion(async { 6 * 7 }),
        42,
        "run_to_completion(async {{ 6 * 7 }}) should return what the future gives, 42"
    );
}

#[test]
fn waits_for_a_future_that_sleeps() {
    let text = watchdog::run_within(
        WATCHDOG,
        "run_to_completion did not return within 10 s for a future that sleeps 20 ms: hand the \
         future to an executor, which polls it again each time it is woken \
         (`async_std::task::block_on`)",
        || {
            run_to_completion(async {
                async_std::task::sleep(Duration::from_millis(20)).await;
                "awake"
            })
        },
    );
    assert_eq!(
        text, "awake",
        "run_to_completion should wait until a future that sleeps is done, and return its output"
    );
}

#[test]
fn runs_the_body_exactly_once() {
    let mut runs = 0;
    run_to_completion(async {
        runs += 1;
    });
    assert_eq!(
        runs, 1,
        "the future's body ran {runs} times: run_to_completion should run it to the end exactly once"
    );
}
