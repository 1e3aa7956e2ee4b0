//! Wrong solution of exercise 3.1: makes every future first, then awaits them one by one
//! Expect: the fetches ran one after the other

mod lesson_server;

pub use lesson_server::{FetchError, Server};

/// Fetches every page in `pages` from `server`, all at the same time, and
/// returns their texts in the order of `pages`; or the first error.
pub async fn fetch_all(server: &Server, pages: &[u32]) -> Result<Vec<String>, FetchError> {
    // Futures are lazy: none of these requests starts until it is awaited.
    let fetches: Vec<_> = pages.iter().map(|&page| server.fetch(page)).collect();
    let mut texts = Vec::new();
    for fetch in fetches {
        texts.push(fetch.await?);
    }
    Ok(texts)
}
