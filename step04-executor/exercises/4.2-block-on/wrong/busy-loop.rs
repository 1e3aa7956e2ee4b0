//! Wrong solution of exercise 4.2: polls again and again without ever parking
//! Expect: Polling again and again without waiting is a busy loop

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes a parked thread. `woken` remembers a wake-up that arrives before
/// the thread parks, and tells a real wake-up from a spurious one.
#[derive(Debug)]
struct ThreadWaker {
    thread: Thread,
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// Runs `future` to completion on the current thread: poll it, and while it
/// is not ready, sleep until its waker says polling again is worth it.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let signal = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    let mut future = pin!(future);
    let waker = Waker::from(Arc::clone(&signal));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
