//! Exercise 1.2: Spawn a task and get its result
//!
//! Instructions: the book, Step 1, "Exercise 1.2".
//! Check your work with `cargo exercises check 1.2`.

use async_std::task::{self, JoinHandle};

/// Starts a task that computes `n * n` and returns its handle at once,
/// without waiting for the task: `asyncio.create_task`.
pub fn spawn_square(n: u64) -> JoinHandle<u64> {
    // STUDENT: spawn a task that computes n * n and return its JoinHandle
    task::spawn(async move { n * n })
    // END STUDENT
}

/// The sum of the squares of `numbers`, each square computed by its own
/// task. Start every task first, then collect the results.
pub async fn sum_of_squares(numbers: &[u64]) -> u64 {
    // STUDENT: spawn one task per number first, then await every handle and add up
    let handles: Vec<JoinHandle<u64>> =
        numbers.iter().map(|&n| spawn_square(n)).collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await;
    }
    sum
    // END STUDENT
}
