//! Stage 2: a hand-written future and the waker contract:
//! `cargo run -p step04-executor --example countdown`.
//!
//! Uses only the standard library and `futures`, so it also runs on the
//! playground.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use futures::executor::block_on;

// ANCHOR: countdown
/// Counts down from `remaining` to zero, one step per poll.
struct Countdown {
    name: &'static str,
    remaining: u32,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.remaining == 0 {
            println!("  {}: liftoff", self.name);
            return Poll::Ready(self.name);
        }
        println!("  {}: {}", self.name, self.remaining);
        self.remaining -= 1;
        // Not done, so before saying Pending, arrange to be polled again:
        // here "again" is "as soon as possible", so wake ourselves now.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: countdown

// ANCHOR: forgetful
/// Breaks the contract: says Pending but never arranges a wake.
struct Forgetful;

impl Future for Forgetful {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Pending // nobody will ever call the waker: a silent hang
    }
}
// ANCHOR_END: forgetful

// ANCHOR: poll_by_hand
/// A waker that only counts how often it is called.
#[derive(Default)]
struct CountingWaker {
    wakes: AtomicUsize,
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

/// Polls a future once, by hand, and reports what it did.
fn poll_once<F: Future>(future: F) -> (bool, usize) {
    let counter = Arc::new(CountingWaker::default());
    let waker = Waker::from(counter.clone());
    let ready = pin!(future)
        .poll(&mut Context::from_waker(&waker))
        .is_ready();
    (ready, counter.wakes.load(Ordering::SeqCst))
}
// ANCHOR_END: poll_by_hand

// ANCHOR: main
fn main() {
    reject_arguments();
    println!("poll is a plain method call:");
    let (ready, wakes) = poll_once(Countdown {
        name: "a",
        remaining: 1,
    });
    println!("  -> ready: {ready}, wakes arranged: {wakes}");
    let (ready, wakes) = poll_once(Forgetful);
    println!("  -> ready: {ready}, wakes arranged: {wakes} (it would hang)");

    println!("one countdown on block_on:");
    block_on(Countdown {
        name: "a",
        remaining: 3,
    });

    println!("two countdowns joined on one thread take turns:");
    let both = block_on(async {
        futures::join!(
            Countdown {
                name: "a",
                remaining: 3,
            },
            Countdown {
                name: "b",
                remaining: 2,
            },
        )
    });
    println!("  -> {both:?}");
}
// ANCHOR_END: main

/// Ends the program with exit code 2 and a usage line if it was given any
/// argument: this program takes none, and silently ignoring input is worse
/// than saying so.
fn reject_arguments() {
    let mut args = std::env::args();
    let program = args.next().unwrap_or_default();
    if let Some(unexpected) = args.next() {
        eprintln!("error: unexpected argument `{unexpected}`\nusage: {program} (no arguments)");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_comes_with_a_wake() {
        assert_eq!(
            poll_once(Countdown {
                name: "t",
                remaining: 2
            }),
            (false, 1)
        );
    }

    #[test]
    fn the_last_poll_is_ready_without_a_wake() {
        assert_eq!(
            poll_once(Countdown {
                name: "t",
                remaining: 0
            }),
            (true, 0)
        );
    }

    #[test]
    fn a_forgetful_future_arranges_nothing() {
        assert_eq!(poll_once(Forgetful), (false, 0));
    }

    #[test]
    fn a_countdown_finishes_on_any_executor() {
        let name = block_on(Countdown {
            name: "t",
            remaining: 5,
        });
        assert_eq!(name, "t");
    }
}
