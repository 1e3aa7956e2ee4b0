//! Testing timeouts on tokio without waiting: `#[tokio::test(start_paused
//! = true)]` starts the test's runtime with its clock stopped. When every
//! task is waiting on a timer, tokio jumps the clock to the next one, so a
//! test of a 10-second timeout takes microseconds and never flakes.

use std::time::Duration;

use tokio::time::{Instant, sleep, timeout};

// ANCHOR: paused
#[tokio::test(start_paused = true)]
async fn a_slow_job_times_out_at_the_limit_in_no_real_time() {
    let real_start = std::time::Instant::now();
    let start = Instant::now(); // tokio's clock, paused
    let slow_job = sleep(Duration::from_secs(3600));
    let outcome = timeout(Duration::from_secs(10), slow_job).await;
    assert!(
        outcome.is_err(),
        "an hour's job must not finish within 10 s"
    );
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(10),
        "tokio's clock moved exactly to the deadline"
    );
    assert!(
        real_start.elapsed() < Duration::from_secs(5),
        "the clock jumped: no real hour, no real 10 s"
    );
}
// ANCHOR_END: paused

#[tokio::test(start_paused = true)]
async fn a_quick_job_finishes_within_the_limit() {
    let quick_job = async {
        sleep(Duration::from_millis(100)).await;
        "done"
    };
    let outcome = timeout(Duration::from_secs(10), quick_job).await;
    assert_eq!(outcome, Ok("done"));
}
