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

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::task::Wake;

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

    /// A sleep polled once with `waker` and still pending. Built again,
    /// twice as long, if the machine was too slow to poll it before its
    /// deadline (under valgrind, say): the tests below need it pending.
    fn pending_sleep(waker: &Waker) -> Pin<Box<ThreadSleep>> {
        let mut duration = Duration::from_millis(30);
        loop {
            let mut nap = Box::pin(thread_sleep(duration));
            if nap
                .as_mut()
                .poll(&mut Context::from_waker(waker))
                .is_pending()
            {
                return nap;
            }
            duration *= 2;
        }
    }

    /// A waker that sends a message when woken.
    struct Signal(Mutex<mpsc::Sender<()>>);

    impl Wake for Signal {
        fn wake(self: Arc<Self>) {
            let _ = self.0.lock().unwrap().send(());
        }
    }

    #[test]
    fn a_later_poll_replaces_the_waker() {
        // Polled first by one executor's task, then finished by another:
        // the thread must wake the second one, or this would hang.
        let nap = pending_sleep(Waker::noop());
        crate::block_on(nap);
    }

    #[test]
    fn a_poll_that_meets_the_thread_firing_still_finishes() {
        // The window: a poll reads the clock just before the deadline, the
        // thread fires and wakes the waker it has (the previous poll's),
        // and only then does the poll store its own waker. Played here in
        // slow motion: the thread fires and wakes `first`; then the
        // deadline is moved an hour ahead, as the clock read just before
        // it would have seen it; then the poll with another waker.
        let (sender, woken) = mpsc::channel();
        let first = Waker::from(Arc::new(Signal(Mutex::new(sender))));
        let mut nap = pending_sleep(&first);
        woken
            .recv_timeout(Duration::from_secs(10))
            .expect("the thread fired");
        nap.deadline = Instant::now() + Duration::from_secs(3600);
        assert!(
            nap.as_mut()
                .poll(&mut Context::from_waker(Waker::noop()))
                .is_ready(),
            "the thread fired before the poll stored its waker, and the \
             poll returned Pending: nobody will ever wake it"
        );
    }
}
