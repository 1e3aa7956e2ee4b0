//! Wrong solution of exercise 2.3: reads the clock before awaiting the future, not after
//! Expect: start the clock before `future.await` and read it after

use std::future::Future;
use std::time::{Duration, Instant};

use async_std::task;

/// Runs `future` to completion and returns its output with the time it took.
pub async fn timed<F: Future>(future: F) -> (F::Output, Duration) {
    let start = Instant::now();
    let took = start.elapsed();
    (future.await, took)
}

/// Performs each step of `recipe` by sleeping its duration, one after the
/// other, and returns each step's name with the time it took, measured.
pub async fn follow(recipe: &[(&str, Duration)]) -> Vec<(String, Duration)> {
    let mut measured = Vec::new();
    for &(step, duration) in recipe {
        let ((), took) = timed(task::sleep(duration)).await;
        measured.push((step.to_string(), took));
    }
    measured
}
