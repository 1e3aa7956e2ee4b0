//! Exercise 3.1: Fetch the pages concurrently
//!
//! Instructions: the book, Step 3, "Exercises", "Exercise 3.1".
//! Check your work with `cargo exercises check 3.1`.

mod lesson_server;

pub use lesson_server::{FetchError, Server};

/// Fetches every page in `pages` from `server`, all at the same time, and
/// returns their texts in the order of `pages`; or the first error.
pub async fn fetch_all(
    server: &Server,
    pages: &[u32],
) -> Result<Vec<String>, FetchError> {
    // STUDENT: start every fetch before waiting for any; keep the order of `pages`
    // STARTER: let mut texts = Vec::new();
    // STARTER: for &page in pages {
    // STARTER:     texts.push(server.fetch(page).await?);
    // STARTER: }
    // STARTER: Ok(texts)
    let fetches = pages.iter().map(|&page| server.fetch(page));
    futures::future::try_join_all(fetches).await
    // END STUDENT
}
