//! Going further, async traits: return-type notation, the syntax that
//! would let a caller require a `Send` future from an `async fn` of a
//! trait, is not stable. This snippet is rejected with "experimental"; when
//! a toolchain accepts it, the test fails and the book must be updated.
//! Kept in return_type_notation.expected.

use std::sync::Arc;

use async_std::task;

pub trait Pages {
    async fn fetch(&self, page: u32) -> String;
}

// ANCHOR: rtn
pub async fn fetch_in_a_task<P>(pages: Arc<P>) -> String
where
    P: Pages<fetch(..): Send> + Send + Sync + 'static,
{
    task::spawn(async move { pages.fetch(1).await }).await
}
// ANCHOR_END: rtn
