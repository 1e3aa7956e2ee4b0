//! Tests of a task's contract, shared by the library's `task` and stage
//! 3's: each parent module provides `spawn_listed(future)`, which spawns
//! the future and hands every `Runnable` its wakes make to a channel.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use super::{JoinError, spawn_listed};

/// Sets its flag when dropped.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn a_cancel_waits_for_the_lock_held_by_another_thread() {
    // The first poll wakes the task (a second Runnable, for the test to
    // cancel), says so, and keeps the task's lock for a while.
    let (inside_poll, poll_started) = mpsc::channel();
    let dropped = Arc::new(AtomicBool::new(false));
    let guard = DropFlag(dropped.clone());
    let (runnable, mut handle, woken) = spawn_listed(std::future::poll_fn(move |cx| {
        let _keep = &guard;
        cx.waker().wake_by_ref();
        let _ = inside_poll.send(());
        std::thread::sleep(Duration::from_millis(200));
        Poll::<()>::Pending
    }));
    let polling = std::thread::spawn(move || runnable.run());
    poll_started.recv().expect("the poll started");
    let again = woken.recv().expect("the poll woke it");
    again.cancel(); // while the other thread still polls
    polling.join().expect("the poll returned");
    assert!(
        dropped.load(Ordering::SeqCst),
        "a cancel that met the lock held by another thread was lost"
    );
    let joined = std::pin::Pin::new(&mut handle).poll(&mut Context::from_waker(Waker::noop()));
    assert_eq!(joined, Poll::Ready(Err(JoinError::Cancelled)));
}
