//! Exercise 4.2: Write block_on
//!
//! Instructions: the book, Step 4, "Exercises", "Exercise 4.2".
//! Check your work with `cargo exercises check 4.2`.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: student
/// Wakes a parked thread. `woken` remembers a wake-up that arrives before
/// the thread parks, and tells a real wake-up from a spurious one.
#[derive(Debug)]
struct ThreadWaker {
    thread: Thread,
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        // STUDENT: note the wake-up in `woken`, then unpark the thread
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
        // END STUDENT
    }
}

/// Runs `future` to completion on the current thread: poll it, and while it
/// is not ready, sleep until its waker says polling again is worth it.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let signal = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    // STUDENT: pin the future; poll it with a Waker of `signal`; park until woken
    let mut future = pin!(future);
    let waker = Waker::from(Arc::clone(&signal));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        // PART: park until woken; `swap` also resets the flag for the next round.
        while !signal.woken.swap(false, Ordering::SeqCst) {
            thread::park();
        }
    }
    // END STUDENT
}
// ANCHOR_END: student
