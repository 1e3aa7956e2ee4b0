//! Going further, Pin: `Pin::new` needs `Unpin`, and the future of an async
//! block is not `Unpin`. The book shows the compiler's error, kept in
//! pin_new_async_block.expected.

use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: pin_new
pub fn poll_once(cx: &mut Context<'_>) -> Poll<usize> {
    let mut future = async {
        let words = ["a", "b"];
        let first = &words[0]; // a borrow of the future's own local
        futures::future::ready(()).await;
        first.len()
    };
    Pin::new(&mut future).poll(cx)
}
// ANCHOR_END: pin_new
