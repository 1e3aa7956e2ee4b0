//! Futures and streams by hand, under `Pin`: a `Stream` with `poll_next`
//! that wraps a channel's receiver (an `Unpin` type: `self.get_mut()`), and
//! one that wraps any stream (perhaps not `Unpin`: pin-project-lite).
//! `cargo run -p step03-tasks --example stream_by_hand`.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use async_std::channel::{Receiver, bounded};
use futures::{Stream, StreamExt, stream};
use pin_project_lite::pin_project;

// ANCHOR: numbered
/// Numbers the messages of a receiver.
struct Numbered {
    inner: Receiver<String>,
    count: usize,
}

impl Stream for Numbered {
    type Item = (usize, String);

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Self::Item>> {
        // Numbered is Unpin (both fields are), so the pin can be taken off:
        // `this` is a plain `&mut Numbered`, and its fields borrow apart.
        let this = self.get_mut();
        let next = ready!(this.inner.poll_next_unpin(cx)); // Pending returns here
        Poll::Ready(next.map(|text| {
            this.count += 1;
            (this.count, text)
        }))
    }
}
// ANCHOR_END: numbered

// ANCHOR: counted
pin_project! {
    /// Counts the items of any stream, even one that must stay pinned.
    struct Counted<S> {
        #[pin]
        inner: S,
        count: usize,
    }
}

impl<S: Stream> Stream for Counted<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = self.project(); // inner: Pin<&mut S>, count: &mut usize
        let next = ready!(this.inner.poll_next(cx));
        if next.is_some() {
            *this.count += 1;
        }
        Poll::Ready(next)
    }
}
// ANCHOR_END: counted

// ANCHOR: main
#[async_std::main]
async fn main() {
    let (sender, receiver) = bounded(4);
    for text in ["tea", "coffee"] {
        sender
            .send(text.to_string())
            .await
            .expect("the receiver is here");
    }
    drop(sender); // the stream ends once the channel is empty
    let mut numbered = Numbered {
        inner: receiver,
        count: 0,
    };
    while let Some((number, text)) = numbered.next().await {
        println!("message {number}: {text}");
    }

    // An async block inside is not Unpin: Counted pins it in place.
    let words = stream::once(async { "pinned" }).chain(stream::iter(["twice"]));
    let counted = Counted {
        inner: words,
        count: 0,
    };
    futures::pin_mut!(counted); // pinned on the stack, to call .next()
    while let Some(word) = counted.next().await {
        println!("word: {word}");
    }
    println!("the counter saw {} items", counted.count);
}
// ANCHOR_END: main
