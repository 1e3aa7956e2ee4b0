//! Exercise 4.6: Park a worker without losing a wake
//!
//! Instructions: the book, Step 4, "Exercises", "Exercise 4.6".
//! Check your work with `cargo exercises check 4.6`.

use std::sync::{Mutex, MutexGuard};
use std::thread::{self, Thread};

/// The workers of a multi-threaded executor that found nothing to do and
/// sleep until a push wakes one.
#[derive(Debug, Default)]
pub struct Sleepers {
    /// The threads of the sleeping workers.
    parked: Mutex<Vec<Thread>>,
}

impl Sleepers {
    pub fn new() -> Self {
        Sleepers::default()
    }

    /// How many workers are listed as sleeping.
    pub fn sleeping(&self) -> usize {
        self.list().len()
    }

    fn list(&self) -> MutexGuard<'_, Vec<Thread>> {
        self.parked
            .lock()
            .expect("no thread panicked while holding the lock")
    }

    // ANCHOR: student
    /// Called by a worker whose last look found every queue empty: sleeps
    /// until `wake_one` picks this worker, unless `has_work()`, its look
    /// at the queues, finds a task. May return early; the worker then
    /// looks for work again. Takes the worker off the list before it
    /// returns.
    pub fn sleep(&self, has_work: impl Fn() -> bool) {
        // STUDENT: list this thread as sleeping, look at the queues again, then park
        // Listed first: a push after this line finds the worker to wake.
        self.list().push(thread::current());
        // PART: look once more, park if there is still nothing, leave the list
        // Outside the lock: the pusher takes it too, in `wake_one`.
        if !has_work() {
            thread::park();
        }
        let me = thread::current().id();
        self.list().retain(|thread| thread.id() != me);
        // END STUDENT
    }

    /// Called after a push: wakes one sleeping worker, if any, and takes
    /// it off the list.
    pub fn wake_one(&self) {
        // STUDENT: take one thread off the list and unpark it
        let sleeper = self.list().pop();
        if let Some(thread) = sleeper {
            thread.unpark();
        }
        // END STUDENT
    }
    // ANCHOR_END: student
}
