//! Wrong solution of exercise 3.4: starts every fetch at once with `join_all`, ignoring k
//! Expect: not all of them (`join_all`)

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
    futures::future::join_all(pages.iter().map(|&page| server.fetch(page))).await
}
