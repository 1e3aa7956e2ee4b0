//! Wrong solution of exercise 3.3: waits for the fetch to end, then compares the time with the limit
//! Expect: instead of racing it against the limit

use std::time::{Duration, Instant};

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
pub async fn fetch_with_deadline(server: &Server, page: u32, limit: Duration) -> Outcome {
    let start = Instant::now();
    let result = server.fetch(page).await;
    if start.elapsed() > limit {
        return Outcome::TimedOut;
    }
    match result {
        Ok(text) => Outcome::Fetched(text),
        Err(error) => Outcome::Failed(error),
    }
}
