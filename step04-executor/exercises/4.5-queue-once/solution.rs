//! Exercise 4.5: Queue a task once, whoever wakes it
//!
//! Instructions: the book, Step 4, "Exercises", "Exercise 4.5".
//! Check your work with `cargo exercises check 4.5`.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

/// The tasks due to run, shared by every worker thread and every waker.
pub type Queue = Arc<Mutex<VecDeque<Arc<Task>>>>;

type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned future, as a multi-threaded executor keeps it: any worker may
/// run it, and any thread may wake it.
pub struct Task {
    /// The future, until it is done.
    future: Mutex<Option<BoxedFuture>>,
    /// True from a wake until the run that follows, while the task waits
    /// in the queue.
    scheduled: AtomicBool,
    queue: Queue,
}

impl Task {
    /// Creates the task of `future` and queues it for its first run.
    pub fn spawn<F>(future: F, queue: &Queue) -> Arc<Task>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(future))),
            scheduled: AtomicBool::new(true),
            queue: Arc::clone(queue),
        });
        lock(queue).push_back(Arc::clone(&task));
        task
    }

    // ANCHOR: student
    /// Polls the future once (a worker calls this after taking the task
    /// from the queue); true once the future is done.
    pub fn run(self: &Arc<Self>) -> bool {
        // STUDENT: clear `scheduled`, then poll the future with a waker of this task
        // Cleared before the poll: a wake during the poll queues the task again.
        self.scheduled.store(false, Ordering::SeqCst);
        // PART: poll the future with a waker made from this task
        let waker = Waker::from(Arc::clone(self));
        let mut context = Context::from_waker(&waker);
        let mut slot = lock(&self.future);
        let Some(future) = slot.as_mut() else {
            return true;
        };
        if future.as_mut().poll(&mut context).is_ready() {
            *slot = None;
            return true;
        }
        false
        // END STUDENT
    }
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // STUDENT: queue the task, unless a wake since its last run already did
        // One atomic step: two threads may wake the task at the same moment.
        if !self.scheduled.swap(true, Ordering::SeqCst) {
            lock(&self.queue).push_back(Arc::clone(self));
        }
        // END STUDENT
    }
}
// ANCHOR_END: student

/// Locks `mutex`; the tests never panic while they hold one.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .expect("no thread panicked while holding the lock")
}
