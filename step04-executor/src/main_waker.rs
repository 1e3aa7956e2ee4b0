//! The main future's waker, one idea that both executors share
//! (`executor.rs` on one thread, `multi_thread.rs` on many): a flag that
//! `block_on`'s loop checks before it polls the main future, and the
//! thread to unpark when the flag is raised.
//!
//! The stages' executors (`examples/stages/`) keep their own simpler copy,
//! which unparks on every wake: the stages are the version to read.

use std::sync::Arc;
use std::task::Wake;

use crate::sync::{AtomicBool, Ordering, Thread, current_thread};

/// The main future's waker: a flag, and the thread to unpark.
pub(crate) struct MainWaker {
    woken: AtomicBool,
    thread: Thread,
}

impl MainWaker {
    /// The waker of a main future polled on this thread. It starts woken,
    /// so that the loop polls the main future once to start it.
    pub(crate) fn for_this_thread() -> Arc<MainWaker> {
        Arc::new(MainWaker {
            woken: AtomicBool::new(true),
            thread: current_thread(),
        })
    }

    /// Whether the main future was woken since the last call, taking the
    /// wake: the loop polls the main future when this says so. A load
    /// first: most turns nobody woke it, and a load is cheaper than a
    /// swap. Acquire pairs with the wake's Release, so that the poll sees
    /// what the waking thread wrote before it woke us.
    pub(crate) fn take_wake(&self) -> bool {
        self.woken.load(Ordering::Relaxed) && self.woken.swap(false, Ordering::Acquire)
    }

    /// Whether a wake is waiting, without taking it: the loop's last look
    /// before it parks.
    pub(crate) fn is_woken(&self) -> bool {
        self.woken.load(Ordering::Acquire)
    }
}

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Only the wake that raises the flag unparks: a second one finds
        // the loop already on its way. Release pairs with `take_wake`.
        if !self.woken.swap(true, Ordering::Release) {
            self.thread.unpark();
        }
    }
}
