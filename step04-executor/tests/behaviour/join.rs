//! Joining: a `JoinHandle` gives the task's output; tasks run in the order
//! they were spawned; a detached task keeps running.
//!
//! Part of the behaviour suite (see `tests/behaviour.rs`): it reaches the
//! executor only through `super`, so it runs on stages 3 to 5 and on the
//! library alike.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;

use futures::channel::oneshot;

use super::{block_on, spawn, yield_now};

#[test]
fn the_join_handle_gives_the_tasks_output() {
    let output = block_on(async { spawn(async { 6 * 7 }).await });
    assert_eq!(output, Ok(42));
}

#[test]
fn tasks_run_in_the_order_they_were_spawned() {
    let order = Arc::new(Mutex::new(Vec::new()));
    block_on(async {
        let handles: Vec<_> = (0..5)
            .map(|i| {
                let order = order.clone();
                spawn(async move { order.lock().unwrap().push(i) })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4]);
}

#[test]
fn yield_now_lets_other_tasks_run_first() {
    let order = Arc::new(Mutex::new(Vec::new()));
    block_on(async {
        let (a, b) = (order.clone(), order.clone());
        let first = spawn(async move {
            a.lock().unwrap().push("a1");
            yield_now().await;
            a.lock().unwrap().push("a2");
        });
        let second = spawn(async move { b.lock().unwrap().push("b") });
        first.await.unwrap();
        second.await.unwrap();
    });
    assert_eq!(*order.lock().unwrap(), ["a1", "b", "a2"]);
}

#[test]
fn a_task_woken_many_times_is_polled_once_more() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = polls.clone();
    block_on(async move {
        let mut first = true;
        spawn(std::future::poll_fn(move |cx| {
            counted.fetch_add(1, Ordering::SeqCst);
            if !first {
                return Poll::Ready(());
            }
            first = false;
            for _ in 0..10 {
                cx.waker().wake_by_ref(); // ten wakes, one queue entry
            }
            Poll::Pending
        }))
        .await
        .unwrap();
    });
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}

#[test]
fn a_detached_task_keeps_running() {
    let (sender, receiver) = oneshot::channel();
    let got = block_on(async move {
        drop(spawn(async move {
            yield_now().await;
            sender.send("done").unwrap();
        }));
        receiver.await
    });
    assert_eq!(got, Ok("done"));
}

#[test]
fn a_handle_can_be_awaited_by_another_task() {
    let output = block_on(async {
        let inner = spawn(async {
            yield_now().await;
            "inner"
        });
        spawn(async move { inner.await.unwrap() }).await
    });
    assert_eq!(output, Ok("inner"));
}
