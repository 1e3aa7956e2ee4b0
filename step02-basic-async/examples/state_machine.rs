//! An `async fn` is a state machine: `cargo run -p step02-basic-async --example state_machine`.
//!
//! Uses only the standard library and `futures`, so it also runs on the
//! Rust playground.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::executor::block_on;

// ANCHOR: yield_once
/// The smallest future that waits: `Pending` on its first poll, `Ready` on
/// its second. Before saying `Pending` it asks to be polled again (wakes
/// itself), as every future must arrange for somebody to wake it.
struct YieldOnce {
    yielded: bool,
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: yield_once

// ANCHOR: async_fn
async fn two_halves() -> u32 {
    println!("    first half");
    YieldOnce { yielded: false }.await;
    println!("    second half");
    2
}
// ANCHOR_END: async_fn

// ANCHOR: by_hand
/// Roughly what the compiler generates for `two_halves`: one state per
/// `.await`, and a `poll` that runs code up to the next `.await`.
enum TwoHalves {
    Start,
    Waiting(YieldOnce),
    Done,
}

impl Future for TwoHalves {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        loop {
            match &mut *self {
                TwoHalves::Start => {
                    println!("    first half");
                    *self = TwoHalves::Waiting(YieldOnce { yielded: false });
                }
                TwoHalves::Waiting(inner) => {
                    if Pin::new(inner).poll(cx).is_pending() {
                        return Poll::Pending; // resume here on the next poll
                    }
                    println!("    second half");
                    *self = TwoHalves::Done;
                    return Poll::Ready(2);
                }
                TwoHalves::Done => panic!("polled after it returned Ready"),
            }
        }
    }
}
// ANCHOR_END: by_hand

/// Wraps a future and prints the outcome of every poll.
struct Traced<F: Future> {
    inner: Pin<Box<F>>,
    polls: u32,
}

impl<F: Future<Output: std::fmt::Debug>> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        println!("  poll {}:", self.polls);
        let outcome = self.inner.as_mut().poll(cx);
        println!("  -> {outcome:?}");
        outcome
    }
}

fn traced<F: Future>(future: F) -> Traced<F> {
    Traced {
        inner: Box::pin(future),
        polls: 0,
    }
}

// ANCHOR: main
fn main() {
    println!("the async fn:");
    block_on(traced(two_halves()));
    println!("the hand-written state machine:");
    block_on(traced(TwoHalves::Start));
}
// ANCHOR_END: main
