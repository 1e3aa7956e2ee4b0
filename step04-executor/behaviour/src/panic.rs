//! Panics: a panicking task ends only itself, and its `JoinHandle` reports
//! the panic as a value; the executor and the other tasks go on. That
//! holds for a panic in the future's destructor too (tokio does the same).
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use step04_executor::yield_now;

use crate::Executor;

pub fn a_panicking_task_is_reported_and_the_others_go_on<E: Executor>() {
    let (panicked, fine) = E::block_on(async {
        let bad = E::spawn(async { panic!("boom") });
        let good = E::spawn(async {
            yield_now().await;
            "still here"
        });
        (bad.await, good.await)
    });
    assert_eq!(panicked, Err(E::panicked("boom")));
    assert_eq!(fine, Ok("still here"));
}

pub fn a_formatted_panic_message_is_kept<E: Executor>() {
    let result = E::block_on(async {
        let n = 7;
        E::spawn(async move {
            yield_now().await;
            panic!("task {n} failed")
        })
        .await
    });
    assert_eq!(result, Err(E::panicked("task 7 failed")));
}

pub fn a_panic_in_the_main_future_still_cancels_the_tasks<E: Executor>() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = dropped.clone();
    let outcome = std::panic::catch_unwind(move || {
        E::block_on(async move {
            drop(E::spawn(async move {
                struct SetOnDrop(Arc<AtomicBool>);
                impl Drop for SetOnDrop {
                    fn drop(&mut self) {
                        self.0.store(true, Ordering::SeqCst);
                    }
                }
                let _guard = SetOnDrop(flag);
                std::future::pending::<()>().await;
            }));
            yield_now().await;
            panic!("the main future fails");
        })
    });
    assert!(outcome.is_err());
    assert!(dropped.load(Ordering::SeqCst), "its task was cancelled");
    // And the thread can run a new executor afterwards.
    assert_eq!(E::block_on(async { E::spawn(async { 1 }).await }), Ok(1));
}

/// Panics with its message when dropped.
struct PanicsOnDrop(&'static str);

impl Drop for PanicsOnDrop {
    fn drop(&mut self) {
        panic!("{}", self.0);
    }
}

/// A future that owns a `PanicsOnDrop`, and is ready at once if `ready`,
/// pending for ever if not: its destructor panics after it is done, or
/// when it is cancelled.
fn bomb(ready: bool) -> impl Future<Output = &'static str> + Send {
    let bomb = PanicsOnDrop("dropped badly");
    std::future::poll_fn(move |_| {
        let _owned = &bomb;
        if ready {
            Poll::Ready("output")
        } else {
            Poll::Pending
        }
    })
}

pub fn a_panic_while_dropping_a_finished_task_is_its_result<E: Executor>() {
    let (result, other) = E::block_on(async {
        let bad = E::spawn(bomb(true));
        let good = E::spawn(async {
            yield_now().await;
            "still here"
        });
        (bad.await, good.await)
    });
    assert_eq!(
        result,
        Err(E::panicked("dropped badly")),
        "the task finished, but its future's destructor panicked: that \
         panic is the task's result, not its output"
    );
    assert_eq!(other, Ok("still here"), "one bad destructor stopped others");
}

pub fn a_panic_while_dropping_a_cancelled_task_is_its_result<E: Executor>() {
    let result = E::block_on(async {
        let bad = E::spawn(bomb(false));
        yield_now().await; // it starts, and waits for ever
        E::cancel(&bad);
        bad.await
    });
    assert_eq!(result, Err(E::panicked("dropped badly")));
}

pub fn a_panic_while_dropping_a_task_at_the_end_keeps_the_output<E: Executor>() {
    let output = E::block_on(async {
        drop(E::spawn(bomb(false)));
        yield_now().await;
        "main's output"
    });
    assert_eq!(output, "main's output");
}

pub fn a_panic_while_dropping_a_task_during_a_panic_is_no_abort<E: Executor>() {
    // Without the catch, a second panic while the first one unwinds
    // aborts the whole process (this test binary included).
    let outcome = std::panic::catch_unwind(|| {
        E::block_on(async {
            drop(E::spawn(bomb(false)));
            yield_now().await;
            panic!("the main future fails");
        })
    });
    assert!(outcome.is_err());
}
