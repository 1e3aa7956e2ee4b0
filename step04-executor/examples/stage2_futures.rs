//! Stage 2: futures written by hand, and the waker contract:
//! `cargo run -p step04-executor --example stage2_futures`.
//!
//! Uses only the standard library and `futures` (for `join!`), so it also
//! runs on the playground. The futures run on stage 1's `block_on`, copied
//! here unchanged: diff this file against `stage1_block_on.rs` and only
//! the futures differ.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

// Stage 1's `block_on` and (below) the library's `thread_sleep`, copied
// on purpose: the playground's ▶ runs one file, so this stage carries
// what it uses. `tests/stages.rs` fails if a copy drifts from its original.
// ANCHOR: block_on
/// The waker: waking means "unpark the thread that runs `block_on`".
struct ThreadWaker {
    thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.thread.unpark();
    }
}

/// Polls `future` on this thread until it is ready; sleeps in between.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future); // poll needs Pin<&mut F>
    let waker = Waker::from(Arc::new(ThreadWaker {
        thread: thread::current(),
    }));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Sleep until somebody calls the waker. `park` may also return for
        // no reason; then the loop simply polls once more.
        thread::park();
    }
}
// ANCHOR_END: block_on

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

// ANCHOR: thread_sleep
/// Waits `duration`; a helper thread does the waiting.
pub fn thread_sleep(duration: Duration) -> ThreadSleep {
    ThreadSleep {
        deadline: Instant::now() + duration,
        waker: None,
    }
}

/// The future returned by [`thread_sleep`].
#[derive(Debug)]
pub struct ThreadSleep {
    deadline: Instant,
    /// Shared with the helper thread once it is started: the waker of the
    /// latest poll, which the thread takes (leaving `None`) when it fires.
    waker: Option<Arc<Mutex<Option<Waker>>>>,
}
// ANCHOR_END: thread_sleep

// ANCHOR: thread_sleep_poll
impl Future for ThreadSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &self.waker {
            // Polled again: the contract says the waker of the *latest*
            // poll is the one to wake, so replace it, unless the thread has
            // fired. One lock decides both: no wake can fall in between.
            Some(shared) => match &mut *shared.lock().unwrap() {
                Some(waker) => waker.clone_from(cx.waker()),
                None => return Poll::Ready(()), // the thread took it
            },
            // First poll: start the thread that waits for us.
            None => {
                if Instant::now() >= self.deadline {
                    return Poll::Ready(());
                }
                let shared = Arc::new(Mutex::new(Some(cx.waker().clone())));
                let deadline = self.deadline;
                let for_thread = shared.clone();
                thread::spawn(move || {
                    thread::sleep(deadline.saturating_duration_since(Instant::now()));
                    let waker = for_thread.lock().unwrap().take();
                    waker.into_iter().for_each(Waker::wake);
                });
                self.waker = Some(shared);
            }
        }
        Poll::Pending
    }
}
// ANCHOR_END: thread_sleep_poll

// ANCHOR: main
fn main() {
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

    println!("a sleep that a helper thread times:");
    let start = Instant::now();
    block_on(thread_sleep(Duration::from_millis(100)));
    println!(
        "  -> woke after {} ms",
        start.elapsed().as_millis() / 10 * 10
    );
}
// ANCHOR_END: main

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
        let name = futures::executor::block_on(Countdown {
            name: "t",
            remaining: 5,
        });
        assert_eq!(name, "t");
    }

    // `thread_sleep`'s own tests are the library's (`src/thread_timer.rs`),
    // and `tests/stages.rs` proves this copy is the same code. This one is
    // about stage 1's `block_on`: it must wake on the waker of its own poll.
    #[test]
    fn a_later_poll_replaces_the_waker_the_thread_wakes() {
        // Polled first with a waker that goes nowhere, then finished by
        // `block_on`: the thread must wake the second one, or this hangs.
        let mut nap = Box::pin(thread_sleep(Duration::from_millis(30)));
        let nowhere = futures::task::noop_waker();
        assert!(
            nap.as_mut()
                .poll(&mut Context::from_waker(&nowhere))
                .is_pending()
        );
        block_on(nap);
    }
}
