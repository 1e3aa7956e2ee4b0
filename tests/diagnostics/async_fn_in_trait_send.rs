//! Going further, async traits: a generic function spawns a call to an
//! `async fn` of a trait, and cannot promise that its future is `Send`.
//! The book shows the compiler's error, kept in
//! async_fn_in_trait_send.expected.

use std::sync::Arc;

use async_std::task;

// ANCHOR: spawned
pub trait Pages {
    async fn fetch(&self, page: u32) -> String;
}

pub async fn fetch_in_a_task<P: Pages + Send + Sync + 'static>(
    pages: Arc<P>,
) -> String {
    task::spawn(async move { pages.fetch(1).await }).await
}
// ANCHOR_END: spawned
