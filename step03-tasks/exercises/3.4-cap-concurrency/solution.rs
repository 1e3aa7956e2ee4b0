//! Exercise 3.4: At most k requests at a time
//!
//! Instructions: the book, Step 3, "Exercises", "Exercise 3.4".
//! Check your work with `cargo exercises check 3.4`.

mod lesson_server;

pub use lesson_server::{FetchError, Server};

/// Fetches every page in `pages`, never more than `k` at the same time
/// (`k` is at least 1), and returns the results in the order of `pages`:
/// what an `asyncio.Semaphore(k)` around each fetch gives in Python.
pub async fn fetch_at_most(
    server: &Server,
    pages: &[u32],
    k: usize,
) -> Vec<Result<String, FetchError>> {
    assert!(k >= 1, "at most 0 requests at a time would never finish");
    // STUDENT: keep k fetches running at a time, never more; keep the order of `pages`
    use futures::stream::{self, StreamExt};
    stream::iter(pages)
        .map(|&page| server.fetch(page))
        .buffered(k)
        .collect()
        .await
    // END STUDENT
}
