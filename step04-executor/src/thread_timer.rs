//! Stage 2's timer: a hand-written future that spends one thread per sleep.
//!
//! It keeps the waker contract (store the latest waker, wake it once the
//! deadline has passed) and works on any executor. Stage 4 measures why
//! real runtimes do not time sleeps this way.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

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
    /// Shared with the helper thread once it is started.
    waker: Option<Arc<Mutex<Waker>>>,
}
// ANCHOR_END: thread_sleep

// ANCHOR: thread_sleep_poll
impl Future for ThreadSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        match &self.waker {
            // Polled again before the deadline: the contract says the waker
            // of the *latest* poll is the one to wake, so replace it.
            Some(shared) => shared.lock().unwrap().clone_from(cx.waker()),
            // First poll: start the thread that waits for us.
            None => {
                let shared = Arc::new(Mutex::new(cx.waker().clone()));
                let deadline = self.deadline;
                let for_thread = shared.clone();
                thread::spawn(move || {
                    thread::sleep(deadline.saturating_duration_since(Instant::now()));
                    for_thread.lock().unwrap().wake_by_ref();
                });
                self.waker = Some(shared);
            }
        }
        Poll::Pending
    }
}
// ANCHOR_END: thread_sleep_poll

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_waits_at_least_its_duration_on_any_executor() {
        let start = Instant::now();
        futures::executor::block_on(thread_sleep(Duration::from_millis(30)));
        assert!(start.elapsed() >= Duration::from_millis(30));
    }

    #[test]
    fn it_runs_on_the_step04_executor_too() {
        let joined = crate::block_on(async {
            let a = crate::spawn(thread_sleep(Duration::from_millis(20)));
            let b = crate::spawn(thread_sleep(Duration::from_millis(10)));
            (a.await, b.await)
        });
        assert_eq!(joined, (Ok(()), Ok(())));
    }

    #[test]
    fn a_later_poll_replaces_the_waker() {
        // Polled first by one executor's task, then finished by another:
        // the thread must wake the second one, or this would hang.
        let mut nap = Box::pin(thread_sleep(Duration::from_millis(30)));
        let first = futures::future::poll_fn(|cx| {
            assert!(nap.as_mut().poll(cx).is_pending());
            Poll::Ready(())
        });
        futures::executor::block_on(first);
        crate::block_on(nap);
    }
}
