//! Exercise 1.1: Run a future from synchronous code
//!
//! Instructions: the book, Step 1, "Exercise 1.1".
//! Check your work with `cargo exercises check 1.1`.

use std::future::Future;

/// Runs `future` to completion on async-std's executor and returns its
/// output.
///
/// This is what `#[async_std::main]` does for `main`, and what
/// `asyncio.run(coro)` does in Python: the one place where synchronous code
/// waits for asynchronous code to finish.
pub fn run_to_completion<F: Future>(future: F) -> F::Output {
    // STUDENT: hand the future to async-std's executor and return its output
    async_std::task::block_on(future)
    // END STUDENT
}
