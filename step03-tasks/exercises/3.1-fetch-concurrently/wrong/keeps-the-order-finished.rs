//! Wrong solution of exercise 3.1: collects the texts in the order the fetches finish
//! Expect: not in the order the fetches finished

use futures::stream::{FuturesUnordered, StreamExt};

mod lesson_server;

pub use lesson_server::{FetchError, Server};

/// Fetches every page in `pages` from `server`, all at the same time, and
/// returns their texts in the order of `pages`; or the first error.
pub async fn fetch_all(server: &Server, pages: &[u32]) -> Result<Vec<String>, FetchError> {
    let mut fetches: FuturesUnordered<_> = pages.iter().map(|&page| server.fetch(page)).collect();
    let mut texts = Vec::new();
    while let Some(result) = fetches.next().await {
        texts.push(result?);
    }
    Ok(texts)
}
