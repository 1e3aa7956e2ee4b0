//! Wrong solution of exercise 3.3: puts the timeout on a spawned task, whose JoinHandle detaches when dropped
//! Expect: the slow request was not cancelled

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
pub async fn fetch_with_deadline(server: &Server, page: u32, limit: Duration) -> Outcome {
    let server = server.clone();
    let handle = async_std::task::spawn(async move { server.fetch(page).await });
    // When the limit passes, `timeout` drops the handle, which does not
    // cancel the task: the request goes on in the background.
    match async_std::future::timeout(limit, handle).await {
        Ok(Ok(text)) => Outcome::Fetched(text),
        Ok(Err(error)) => Outcome::Failed(error),
        Err(_elapsed) => Outcome::TimedOut,
    }
}
