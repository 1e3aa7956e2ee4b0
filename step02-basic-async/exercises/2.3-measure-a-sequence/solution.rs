//! Exercise 2.3: Measure a sequence of awaits
//!
//! Instructions: the book, Step 2, "Exercise 2.3".
//! Check your work with `cargo exercises check 2.3`.

use std::future::Future;
use std::time::{Duration, Instant};

use async_std::task;

/// Runs `future` to completion and returns its output with the time it took.
pub async fn timed<F: Future>(future: F) -> (F::Output, Duration) {
    // STUDENT: start a clock, await the future, return its output and the elapsed time
    let start = Instant::now();
    let output = future.await;
    (output, start.elapsed())
    // END STUDENT
}

/// Performs each step of `recipe` by sleeping its duration, one after the
/// other, and returns each step's name with the time it took, measured.
pub async fn follow(recipe: &[(&str, Duration)]) -> Vec<(String, Duration)> {
    // STUDENT: sleep through each step in turn, timing each sleep with `timed`
    let mut measured = Vec::new();
    for &(step, duration) in recipe {
        let ((), took) = timed(task::sleep(duration)).await;
        measured.push((step.to_string(), took));
    }
    measured
    // END STUDENT
}
