//! Futures by hand: two fields borrowed through `Pin<&mut Self>` at once.
//! The book shows the compiler's error, kept in pin_two_fields.expected;
//! `let this = self.get_mut();` fixes it (step03-tasks/examples/stream_by_hand.rs).

use std::pin::Pin;
use std::task::{Context, Poll};

use async_std::channel::Receiver;
use futures::{Stream, StreamExt};

pub struct Numbered {
    inner: Receiver<String>,
    count: usize,
}

// ANCHOR: two_fields
impl Stream for Numbered {
    type Item = (usize, String);

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Self::Item>> {
        let inner = &mut self.inner;
        let count = &mut self.count; // a second borrow of `self`
        let next = inner.poll_next_unpin(cx);
        next.map(|item| {
            item.map(|text| {
                *count += 1;
                (*count, text)
            })
        })
    }
}
// ANCHOR_END: two_fields
