//! Exercise 3.3: A timeout that cancels the slow request
//!
//! Instructions: the book, Step 3, "Exercises", "Exercise 3.3".
//! Check your work with `cargo exercises check 3.3`.

use std::time::Duration;

mod lesson_server;

pub use lesson_server::{FetchError, Server};

/// How one fetch with a deadline ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Fetched(String),
    Failed(FetchError),
    /// The deadline passed first; the request was cancelled.
    TimedOut,
}

/// Fetches `page`, giving up after `limit`: `asyncio.wait_for(fetch(page),
/// timeout=limit)`. Giving up must cancel the request, not leave it running.
pub async fn fetch_with_deadline(
    server: &Server,
    page: u32,
    limit: Duration,
) -> Outcome {
    // STUDENT: time-limit the fetch future itself; if the limit wins, drop the fetch
    match async_std::future::timeout(limit, server.fetch(page)).await {
        Ok(Ok(text)) => Outcome::Fetched(text),
        Ok(Err(error)) => Outcome::Failed(error),
        Err(_elapsed) => Outcome::TimedOut,
    }
    // END STUDENT
}
