//! A task's contract, before any executor: a wake schedules the task
//! once, however many wakes come before its next run; a cancelled
//! runnable drops its future unpolled; a cancel waits for a poll running
//! on another thread. Stage 3's task (`examples/stages/task.rs`) and the
//! library's (`src/task.rs`) keep it; each implements [`Task`] with a
//! scheduler that sends every woken task down a channel.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::Task;
use crate::cancel::drop_flag;

/// What the JoinHandle gives when polled once now.
fn poll_once<F: Future + Unpin>(handle: &mut F) -> Poll<F::Output> {
    std::pin::Pin::new(handle).poll(&mut Context::from_waker(Waker::noop()))
}

pub fn a_task_needs_no_executor_only_a_scheduler<T: Task>() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = polls.clone();
    let (runnable, mut handle, woken) =
        T::spawn_listed(std::future::poll_fn(move |cx| {
            if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                cx.waker().wake_by_ref(); // wake ourselves: scheduled again
                cx.waker().wake_by_ref(); // already scheduled: nothing
                return Poll::Pending;
            }
            Poll::Ready("done")
        }));
    T::run(runnable);
    let again = woken.try_recv().expect("the wake scheduled it");
    assert!(woken.try_recv().is_err(), "scheduled once, not twice");
    T::run(again);
    assert_eq!(poll_once(&mut handle), Poll::Ready(Ok("done")));
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}

pub fn a_cancelled_runnable_never_polls_its_future<T: Task>() {
    let (runnable, mut handle, _woken) =
        T::spawn_listed(async { unreachable!("never polled") });
    T::cancel(runnable);
    let joined: Poll<Result<(), _>> = poll_once(&mut handle);
    assert_eq!(joined, Poll::Ready(Err(T::cancelled())));
}

pub fn a_cancel_waits_for_the_lock_held_by_another_thread<T: Task>() {
    // The first poll wakes the task (a second Runnable, for the test to
    // cancel), says so, and keeps the task's lock for a while.
    let (inside_poll, poll_started) = mpsc::channel();
    let (guard, dropped) = drop_flag();
    let (runnable, mut handle, woken) =
        T::spawn_listed(std::future::poll_fn(move |cx| {
            let _keep = &guard;
            cx.waker().wake_by_ref();
            let _ = inside_poll.send(());
            std::thread::sleep(Duration::from_millis(200));
            Poll::<()>::Pending
        }));
    let polling = std::thread::spawn(move || T::run(runnable));
    poll_started.recv().expect("the poll started");
    let again = woken.recv().expect("the poll woke it");
    T::cancel(again); // while the other thread still polls
    polling.join().expect("the poll returned");
    assert!(
        dropped.load(Ordering::SeqCst),
        "a cancel that met the lock held by another thread was lost"
    );
    assert_eq!(poll_once(&mut handle), Poll::Ready(Err(T::cancelled())));
}
