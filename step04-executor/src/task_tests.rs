//! Tests of a task's contract, shared by the library's `task` and stage
//! 3's: each parent module provides `spawn_listed(future)`, which spawns
//! the future and hands every `Runnable` its wakes make to a channel.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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

/// What the JoinHandle gives when polled once now.
fn poll_once<T>(handle: &mut super::JoinHandle<T>) -> Poll<Result<T, JoinError>> {
    std::pin::Pin::new(handle).poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn a_task_needs_no_executor_only_a_scheduler() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = polls.clone();
    let (runnable, mut handle, woken) = spawn_listed(std::future::poll_fn(move |cx| {
        if counted.fetch_add(1, Ordering::SeqCst) == 0 {
            cx.waker().wake_by_ref(); // wake ourselves: scheduled again
            cx.waker().wake_by_ref(); // already scheduled: nothing
            return Poll::Pending;
        }
        Poll::Ready("done")
    }));
    runnable.run();
    let again = woken.try_recv().expect("the wake scheduled it");
    assert!(woken.try_recv().is_err(), "scheduled once, not twice");
    again.run();
    assert_eq!(poll_once(&mut handle), Poll::Ready(Ok("done")));
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}

#[test]
fn a_cancelled_runnable_never_polls_its_future() {
    let (runnable, mut handle, _woken) = spawn_listed(async { unreachable!("never polled") });
    runnable.cancel();
    let joined: Poll<Result<(), _>> = poll_once(&mut handle);
    assert_eq!(joined, Poll::Ready(Err(JoinError::Cancelled)));
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
    assert_eq!(
        poll_once(&mut handle),
        Poll::Ready(Err(JoinError::Cancelled))
    );
}
