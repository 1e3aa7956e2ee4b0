//! Stage 1: `block_on` with a thread-parking waker:
//! `cargo run -p step04-executor --example stage1_block_on`.
//!
//! Uses only the standard library, so it also runs on the playground.
//! Stage 2 (`stage2_futures.rs`) keeps this `block_on` and writes futures
//! for it.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;

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

// ANCHOR: flag
/// A future that is ready once another thread has raised the flag.
/// It prints every poll so that we can watch `block_on` work.
struct Flag {
    shared: Arc<Mutex<FlagState>>,
    polls: u32,
}

#[derive(Default)]
struct FlagState {
    raised: bool,
    waker: Option<Waker>,
}

impl Future for Flag {
    type Output = u32; // how many polls it took

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        let mut state = self.shared.lock().unwrap();
        if state.raised {
            println!("  poll {}: raised -> Ready", self.polls);
            return Poll::Ready(self.polls);
        }
        // The contract of Pending: leave a waker where the event will find it.
        state.waker = Some(cx.waker().clone());
        println!("  poll {}: not yet -> Pending", self.polls);
        Poll::Pending
    }
}
// ANCHOR_END: flag

// ANCHOR: raise
/// A flag and a thread that raises it after `delay`.
fn flag_raised_after(delay: Duration) -> Flag {
    let shared = Arc::new(Mutex::new(FlagState::default()));
    let for_thread = shared.clone();
    thread::spawn(move || {
        thread::sleep(delay);
        raise(&for_thread);
    });
    Flag { shared, polls: 0 }
}

/// Raises the flag, and wakes the task that polled it last, if one did.
fn raise(state: &Mutex<FlagState>) {
    let mut state = state.lock().unwrap();
    state.raised = true;
    if let Some(waker) = state.waker.take() {
        waker.wake();
    }
}
// ANCHOR_END: raise

// ANCHOR: main
fn main() {
    println!("an async block that never waits:");
    let answer = block_on(async { 6 * 7 });
    println!("  -> {answer}");

    println!("a flag another thread raises after 100 ms:");
    block_on(flag_raised_after(Duration::from_millis(100)));

    println!("the same, after a stray unpark of this thread:");
    thread::current().unpark(); // e.g. left over from some other code
    let polls = block_on(flag_raised_after(Duration::from_millis(100)));
    println!("  one extra poll ({polls} in all), same result: harmless");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    /// Like `flag_raised_after`, but the delay counts from the first poll
    /// (from the moment a waker is left), not from the flag's creation:
    /// however long a slow machine takes to get to that poll, it sees the
    /// flag down, so the counts below do not depend on timing.
    fn flag_raised_after_first_poll(delay: Duration) -> Flag {
        let shared = Arc::new(Mutex::new(FlagState::default()));
        let for_thread = shared.clone();
        thread::spawn(move || {
            while for_thread.lock().unwrap().waker.is_none() {
                thread::sleep(Duration::from_millis(1));
            }
            thread::sleep(delay);
            raise(&for_thread);
        });
        Flag { shared, polls: 0 }
    }

    #[test]
    fn block_on_returns_the_output() {
        assert_eq!(block_on(async { "done" }), "done");
    }

    #[test]
    fn a_wake_from_another_thread_finishes_the_future() {
        let polls = block_on(flag_raised_after_first_poll(Duration::from_millis(20)));
        assert!(polls >= 2, "pending first, ready after the wake");
    }

    #[test]
    fn a_stray_unpark_costs_only_an_extra_poll() {
        thread::current().unpark();
        // The second poll follows the first at once (the unpark left a
        // token), well within the 50 ms before the flag goes up.
        let polls = block_on(flag_raised_after_first_poll(Duration::from_millis(50)));
        assert!(polls >= 3, "the stray unpark made one extra poll");
    }

    #[test]
    fn block_on_can_drive_nested_awaits() {
        let total = block_on(async {
            let a = flag_raised_after_first_poll(Duration::from_millis(10)).await;
            let b = flag_raised_after_first_poll(Duration::from_millis(10)).await;
            a + b
        });
        assert!(total >= 4, "each flag: pending, then ready");
    }
}
