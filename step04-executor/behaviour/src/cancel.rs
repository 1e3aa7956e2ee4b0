//! Cancelling: a cancelled task's future is dropped where it waits, from
//! whatever thread the cancel comes; tasks still unfinished when
//! `block_on` returns are cancelled, as `asyncio.run` does, wherever they
//! wait: their futures are dropped before it returns, by `block_on`
//! itself, never inside a wake that comes meanwhile. Sleeping tasks are
//! cancelled the same way (`timers.rs`; stage 3 has no timers).
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;

use futures::FutureExt;
use futures::channel::oneshot;

use step04_executor::yield_now;

use crate::{Executor, within_30s};

/// Sets its flag when dropped: shows that a future was dropped.
#[derive(Debug)]
pub struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A `DropFlag`, and the flag it sets.
pub fn drop_flag() -> (DropFlag, Arc<AtomicBool>) {
    let dropped = Arc::new(AtomicBool::new(false));
    (DropFlag(dropped.clone()), dropped)
}

pub fn a_cancelled_task_is_dropped_where_it_waits<E: Executor>() {
    let (flag, dropped) = drop_flag();
    let result = E::block_on(async move {
        let handle = E::spawn(async move {
            let _flag = flag;
            std::future::pending::<()>().await;
        });
        yield_now().await; // let it start and wait
        E::cancel(&handle);
        handle.await
    });
    assert_eq!(result, Err(E::cancelled()));
    assert!(dropped.load(Ordering::SeqCst));
}

pub fn a_cancel_from_another_thread_stops_a_busy_task<E: Executor>() {
    let result = E::block_on(async {
        let busy = E::spawn(async {
            loop {
                yield_now().await; // polled again and again
            }
        });
        let (sender, receiver) = oneshot::channel();
        thread::spawn(move || {
            E::cancel(&busy);
            // `is_ok`, not `unwrap`: a JoinHandle need not be `Debug`.
            assert!(sender.send(busy).is_ok(), "the test stopped waiting");
        });
        receiver.await.unwrap().await
    });
    assert_eq!(result, Err(E::cancelled()));
}

pub fn unfinished_tasks_are_cancelled_when_block_on_returns<E: Executor>() {
    let (waiting_flag, waiting) = drop_flag();
    let (queued_flag, queued) = drop_flag();
    let (_sender, receiver) = oneshot::channel::<()>();
    E::block_on(async move {
        drop(E::spawn(async move {
            let _flag = waiting_flag;
            let _ = receiver.await; // the sender outlives block_on
        }));
        yield_now().await;
        drop(E::spawn(async move {
            let _flag = queued_flag; // never polled at all
        }));
    });
    assert!(
        queued.load(Ordering::SeqCst),
        "a queued task outlived block_on"
    );
    assert!(
        waiting.load(Ordering::SeqCst),
        "a task waiting on a channel outlived block_on: its future, and \
         everything it owns, was never dropped"
    );
}

pub fn tasks_waiting_on_each_other_are_cancelled_too<E: Executor>() {
    // Each holds the sender that the other waits on: no wake will ever
    // come, and each keeps the other alive.
    let (a_flag, a_dropped) = drop_flag();
    let (b_flag, b_dropped) = drop_flag();
    E::block_on(async move {
        let (to_a, for_a) = oneshot::channel::<()>();
        let (to_b, for_b) = oneshot::channel::<()>();
        drop(E::spawn(async move {
            let _keep = (a_flag, to_b);
            let _ = for_a.await;
        }));
        drop(E::spawn(async move {
            let _keep = (b_flag, to_a);
            let _ = for_b.await;
        }));
        yield_now().await; // both start, and wait
    });
    assert!(
        a_dropped.load(Ordering::SeqCst) && b_dropped.load(Ordering::SeqCst),
        "two tasks holding each other's senders outlived block_on"
    );
}

#[allow(clippy::async_yields_async)] // the handle is carried out on purpose
pub fn a_handle_carried_out_of_block_on_gives_cancelled<E: Executor>() {
    let (_sender, receiver) = oneshot::channel::<()>();
    let handle = E::block_on(async move {
        let handle = E::spawn(async move {
            let _ = receiver.await; // the sender outlives block_on
        });
        yield_now().await;
        handle
    });
    assert_eq!(
        handle.now_or_never(),
        Some(Err(E::cancelled())),
        "the task outlived block_on, so its handle is still pending"
    );
}

#[allow(clippy::async_yields_async)] // the handle is carried out on purpose
pub fn a_wake_after_the_end_does_no_harm<E: Executor>() {
    // The task is cancelled when block_on returns; the wake that comes
    // later, from another thread, finds nothing to run.
    let (sender, receiver) = oneshot::channel::<()>();
    let handle = E::block_on(async move {
        let handle = E::spawn(async move { receiver.await.is_ok() });
        yield_now().await;
        handle
    });
    thread::spawn(move || drop(sender)).join().unwrap();
    assert_eq!(handle.now_or_never(), Some(Err(E::cancelled())));
}

pub fn a_task_that_finished_first_keeps_its_output<E: Executor>() {
    let result = E::block_on(async {
        let handle = E::spawn(async { "done" });
        yield_now().await; // it runs and finishes
        E::cancel(&handle);
        handle.await
    });
    assert_eq!(result, Ok("done"));
}

/// Stands for a channel's list of waiting tasks, kept as event-listener
/// keeps it under async-channel and async-lock: behind a mutex, which it
/// holds while it wakes them.
#[derive(Default)]
struct WaitList {
    waiting: Mutex<Option<Waker>>,
    /// Set if a waiter's future was dropped inside a wake from the list,
    /// where a real channel deadlocks: the waiter's drop takes the lock
    /// that the wake holds.
    dropped_inside_a_wake: AtomicBool,
}

thread_local! {
    /// Whether this thread is inside a `Notifier`'s wake, list locked.
    static NOTIFYING: Cell<bool> = const { Cell::new(false) };
}

/// A task waiting on the list: it leaves its waker there, and takes it
/// off when dropped.
struct Waiter(Arc<WaitList>);

impl Future for Waiter {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        *self.0.waiting.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Waiter {
    fn drop(&mut self) {
        if NOTIFYING.get() {
            // Locking the list here would deadlock: record it instead.
            self.0.dropped_inside_a_wake.store(true, Ordering::SeqCst);
            return;
        }
        self.0.waiting.lock().unwrap().take();
    }
}

/// The list's other end: dropping it wakes the waiter with the list
/// locked, as the last sender of a channel does.
struct Notifier(Arc<WaitList>);

impl Drop for Notifier {
    fn drop(&mut self) {
        let waiting = self.0.waiting.lock().unwrap();
        NOTIFYING.set(true);
        if let Some(waker) = waiting.as_ref() {
            waker.wake_by_ref();
        }
        NOTIFYING.set(false);
    }
}

pub fn the_end_never_drops_a_future_inside_a_wake<E: Executor>() {
    let list = Arc::new(WaitList::default());
    let (notifier, waiter) = (Notifier(list.clone()), Waiter(list.clone()));
    let registered = list.clone();
    E::block_on(async move {
        // Spawned first, so cancelled first: dropping its future drops the
        // notifier, which wakes the waiter while the end is under way.
        drop(E::spawn(async move {
            let _notifier = notifier;
            std::future::pending::<()>().await;
        }));
        drop(E::spawn(waiter));
        while registered.waiting.lock().unwrap().is_none() {
            yield_now().await; // until the waiter has been polled
        }
    });
    assert!(
        !list.dropped_inside_a_wake.load(Ordering::SeqCst),
        "a task's future was dropped inside another task's wake, while the \
         waker's caller (here a channel) held its lock: a real channel \
         deadlocks there. A wake after the end should only let go of the \
         task; block_on cancels every live task itself"
    );
    assert!(
        list.waiting.lock().unwrap().is_none(),
        "the waiting task outlived block_on: its future was never dropped"
    );
}

pub fn the_end_cancels_a_lock_holder_and_its_waiter_without_a_deadlock<E: Executor>() {
    // The real case of the promise above: the holder's guard, dropped
    // first, wakes the waiter while async-lock's waiting list is locked;
    // the waiter's future, dropped inside that wake, would lock it again.
    within_30s("a lock holder and its waiter, cancelled at the end", || {
        let lock = Arc::new(async_lock::Mutex::new(()));
        let waiter_lock = lock.clone();
        let (waiter_flag, waiter_dropped) = drop_flag();
        E::block_on(async move {
            let guard = lock.lock_arc().await;
            drop(E::spawn(async move {
                let _guard = guard;
                std::future::pending::<()>().await;
            }));
            drop(E::spawn(async move {
                let _flag = waiter_flag;
                let _guard = waiter_lock.lock().await;
            }));
            for _ in 0..10 {
                yield_now().await; // the waiter queues for the lock
            }
        });
        assert!(
            waiter_dropped.load(Ordering::SeqCst),
            "the task waiting for the lock outlived block_on"
        );
    });
}
