//! Wrong solution of exercise 4.1: returns a counter other than the one inside the waker
//! Expect: make the Waker from a clone of the same Arc

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

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.count.fetch_add(1, Ordering::SeqCst);
    }
}

/// A new waker that counts its wake-ups, and the counter to read them.
pub fn counting_waker() -> (Waker, Arc<WakeCounter>) {
    // `Waker::from` takes the Arc, so a second counter is made to return:
    // but the waker counts into the first.
    let waker = Waker::from(Arc::new(WakeCounter::default()));
    (waker, Arc::new(WakeCounter::default()))
}
