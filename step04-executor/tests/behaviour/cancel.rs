//! Cancelling: a cancelled task's future is dropped where it waits, from
//! whatever thread the cancel comes; tasks still unfinished when
//! `block_on` returns are cancelled, as `asyncio.run` does, wherever they
//! wait: their futures are dropped before it returns.
//!
//! Part of the behaviour suite (see `tests/behaviour.rs`): it reaches the
//! executor only through `super`, so it runs on stages 3 to 5 and on the
//! library alike. Sleeping tasks are cancelled the same way (`timers.rs`;
//! stage 3 has no timers).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use futures::FutureExt;
use futures::channel::oneshot;

use super::{JoinError, block_on, spawn, yield_now};

/// Sets its flag when dropped: shows that a future was dropped.
pub struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

pub fn drop_flag() -> (DropFlag, Arc<AtomicBool>) {
    let dropped = Arc::new(AtomicBool::new(false));
    (DropFlag(dropped.clone()), dropped)
}

#[test]
fn a_cancelled_task_is_dropped_where_it_waits() {
    let (flag, dropped) = drop_flag();
    let result = block_on(async move {
        let handle = spawn(async move {
            let _flag = flag;
            std::future::pending::<()>().await;
        });
        yield_now().await; // let it start and wait
        handle.cancel();
        handle.await
    });
    assert_eq!(result, Err(JoinError::Cancelled));
    assert!(dropped.load(Ordering::SeqCst));
}

#[test]
fn a_cancel_from_another_thread_stops_a_busy_task() {
    let result = block_on(async {
        let busy = spawn(async {
            loop {
                yield_now().await; // polled again and again
            }
        });
        let (sender, receiver) = oneshot::channel();
        thread::spawn(move || {
            busy.cancel();
            // `is_ok`, not `unwrap`: a JoinHandle need not be `Debug`.
            assert!(sender.send(busy).is_ok(), "the test stopped waiting");
        });
        receiver.await.unwrap().await
    });
    assert_eq!(result, Err(JoinError::Cancelled));
}

#[test]
fn unfinished_tasks_are_cancelled_when_block_on_returns() {
    let (waiting_flag, waiting) = drop_flag();
    let (queued_flag, queued) = drop_flag();
    let (_sender, receiver) = oneshot::channel::<()>();
    block_on(async move {
        spawn(async move {
            let _flag = waiting_flag;
            let _ = receiver.await; // the sender outlives block_on
        });
        yield_now().await;
        spawn(async move {
            let _flag = queued_flag; // never polled at all
        });
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

#[test]
fn tasks_waiting_on_each_other_are_cancelled_too() {
    // Each holds the sender that the other waits on: no wake will ever
    // come, and each keeps the other alive.
    let (a_flag, a_dropped) = drop_flag();
    let (b_flag, b_dropped) = drop_flag();
    block_on(async move {
        let (to_a, for_a) = oneshot::channel::<()>();
        let (to_b, for_b) = oneshot::channel::<()>();
        spawn(async move {
            let _keep = (a_flag, to_b);
            let _ = for_a.await;
        });
        spawn(async move {
            let _keep = (b_flag, to_a);
            let _ = for_b.await;
        });
        yield_now().await; // both start, and wait
    });
    assert!(
        a_dropped.load(Ordering::SeqCst) && b_dropped.load(Ordering::SeqCst),
        "two tasks holding each other's senders outlived block_on"
    );
}

#[test]
#[allow(clippy::async_yields_async)] // the handle is carried out on purpose
fn a_handle_carried_out_of_block_on_gives_cancelled() {
    let (_sender, receiver) = oneshot::channel::<()>();
    let handle = block_on(async move {
        let handle = spawn(async move {
            let _ = receiver.await; // the sender outlives block_on
        });
        yield_now().await;
        handle
    });
    assert_eq!(
        handle.now_or_never(),
        Some(Err(JoinError::Cancelled)),
        "the task outlived block_on, so its handle is still pending"
    );
}

#[test]
#[allow(clippy::async_yields_async)] // the handle is carried out on purpose
fn a_wake_after_the_end_does_no_harm() {
    // The task is cancelled when block_on returns; the wake that comes
    // later, from another thread, finds nothing to run.
    let (sender, receiver) = oneshot::channel::<()>();
    let handle = block_on(async move {
        let handle = spawn(async move { receiver.await.is_ok() });
        yield_now().await;
        handle
    });
    thread::spawn(move || drop(sender)).join().unwrap();
    assert_eq!(handle.now_or_never(), Some(Err(JoinError::Cancelled)));
}

#[test]
fn a_task_that_finished_first_keeps_its_output() {
    let result = block_on(async {
        let handle = spawn(async { "done" });
        yield_now().await; // it runs and finishes
        handle.cancel();
        handle.await
    });
    assert_eq!(result, Ok("done"));
}
