//! Cancelling: a cancelled task's future is dropped where it waits, from
//! whatever thread the cancel comes; tasks still unfinished when
//! `block_on` returns are cancelled, as `asyncio.run` does.
//!
//! Part of the behaviour suite (see `tests/behaviour.rs`): it reaches the
//! executor only through `super`, so it runs on stages 3 to 5 and on the
//! library alike. Sleeping tasks are cancelled the same way (`timers.rs`;
//! stage 3 has no timers).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

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
    let (sender, receiver) = oneshot::channel::<()>();
    block_on(async move {
        spawn(async move {
            let _flag = waiting_flag;
            let _ = receiver.await; // woken only by the sender, later
        });
        yield_now().await;
        spawn(async move {
            let _flag = queued_flag; // never polled at all
        });
    });
    assert!(queued.load(Ordering::SeqCst), "the queue cancels it");
    assert!(!waiting.load(Ordering::SeqCst), "nothing has woken it yet");
    // A wake after the end cancels instead of queueing, from any thread.
    thread::spawn(move || drop(sender)).join().unwrap();
    assert!(waiting.load(Ordering::SeqCst));
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
