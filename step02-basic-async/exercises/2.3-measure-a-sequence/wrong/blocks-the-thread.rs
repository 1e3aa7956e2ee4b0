//! Wrong solution of exercise 2.3: sleeps with `std::thread::sleep`, which blocks the thread
//! Expect: `std::thread::sleep` blocks the whole thread

use std::future::Future;
use std::time::{Duration, Instant};

/// Runs `future` to completion and returns its output with the time it took.
pub async fn timed<F: Future>(future: F) -> (F::Output, Duration) {
    let start = Instant::now();
    let output = future.await;
    (output, start.elapsed())
}

/// Performs each step of `recipe` by sleeping its duration, one after the
/// other, and returns each step's name with the time it took, measured.
pub async fn follow(recipe: &[(&str, Duration)]) -> Vec<(String, Duration)> {
    let mut measured = Vec::new();
    for &(step, duration) in recipe {
        let ((), took) = timed(async { std::thread::sleep(duration) }).await;
        measured.push((step.to_string(), took));
    }
    measured
}
