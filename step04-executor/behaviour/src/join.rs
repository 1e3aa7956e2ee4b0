//! Joining: a `JoinHandle` gives the task's output; a task woken many
//! times is polled once more; a detached task keeps running.
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;

use futures::channel::oneshot;

use step04_executor::yield_now;

use crate::Executor;

pub fn the_join_handle_gives_the_tasks_output<E: Executor>() {
    let output = E::block_on(async { E::spawn(async { 6 * 7 }).await });
    assert_eq!(output, Ok(42));
}

pub fn a_task_woken_many_times_is_polled_once_more<E: Executor>() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = polls.clone();
    E::block_on(async move {
        let mut first = true;
        E::spawn(std::future::poll_fn(move |cx| {
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

pub fn a_detached_task_keeps_running<E: Executor>() {
    let (sender, receiver) = oneshot::channel();
    let got = E::block_on(async move {
        drop(E::spawn(async move {
            yield_now().await;
            sender.send("done").unwrap();
        }));
        receiver.await
    });
    assert_eq!(got, Ok("done"));
}

pub fn a_handle_can_be_awaited_by_another_task<E: Executor>() {
    let output = E::block_on(async {
        let inner = E::spawn(async {
            yield_now().await;
            "inner"
        });
        E::spawn(async move { inner.await.unwrap() }).await
    });
    assert_eq!(output, Ok("inner"));
}
