//! Exercise 4.1: A waker that counts
//!
//! Instructions: the book, Step 4, "Exercises", "Exercise 4.1".
//! Check your work with `cargo exercises check 4.1`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Wake, Waker};

/// Counts how often the wakers made from it were woken.
#[derive(Debug, Default)]
pub struct WakeCounter {
    count: AtomicUsize,
}

impl WakeCounter {
    /// How many wake-ups so far.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

// ANCHOR: student
impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        // STUDENT: count one wake-up (this waker is used up: it owns its Arc)
        self.wake_by_ref();
        // END STUDENT
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // STUDENT: count one wake-up (this waker stays usable)
        self.count.fetch_add(1, Ordering::SeqCst);
        // END STUDENT
    }
}

/// A new waker that counts its wake-ups, and the counter to read them.
pub fn counting_waker() -> (Waker, Arc<WakeCounter>) {
    // STUDENT: make an Arc<WakeCounter>, turn one clone of it into a Waker, return both
    let counter = Arc::new(WakeCounter::default());
    let waker = Waker::from(Arc::clone(&counter));
    (waker, counter)
    // END STUDENT
}
// ANCHOR_END: student
