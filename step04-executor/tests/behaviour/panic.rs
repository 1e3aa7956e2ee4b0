//! Panics: a panicking task ends only itself, and its `JoinHandle` reports
//! the panic as a value; the executor and the other tasks go on. That
//! holds for a panic in the future's destructor too (tokio does the same).
//!
//! Part of the behaviour suite (see `tests/behaviour.rs`): it reaches the
//! executor only through `super`, so it runs on stages 3 to 5 and on the
//! library alike.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use std::future::Future;

use super::{JoinError, block_on, spawn, yield_now};

#[test]
fn a_panicking_task_is_reported_and_the_others_go_on() {
    let (panicked, fine) = block_on(async {
        let bad = spawn(async { panic!("boom") });
        let good = spawn(async {
            yield_now().await;
            "still here"
        });
        (bad.await, good.await)
    });
    assert_eq!(panicked, Err(JoinError::Panicked("boom".to_string())));
    assert_eq!(fine, Ok("still here"));
}

#[test]
fn a_formatted_panic_message_is_kept() {
    let result = block_on(async {
        let n = 7;
        spawn(async move {
            yield_now().await;
            panic!("task {n} failed")
        })
        .await
    });
    assert_eq!(
        result,
        Err(JoinError::Panicked("task 7 failed".to_string()))
    );
}

#[test]
fn a_panic_in_the_main_future_still_cancels_the_tasks() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = dropped.clone();
    let outcome = std::panic::catch_unwind(move || {
        block_on(async move {
            spawn(async move {
                struct SetOnDrop(Arc<AtomicBool>);
                impl Drop for SetOnDrop {
                    fn drop(&mut self) {
                        self.0.store(true, Ordering::SeqCst);
                    }
                }
                let _guard = SetOnDrop(flag);
                std::future::pending::<()>().await;
            });
            yield_now().await;
            panic!("the main future fails");
        })
    });
    assert!(outcome.is_err());
    assert!(dropped.load(Ordering::SeqCst), "its task was cancelled");
    // And the thread can run a new executor afterwards.
    assert_eq!(block_on(async { spawn(async { 1 }).await }), Ok(1));
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

#[test]
fn a_panic_while_dropping_a_finished_task_is_its_result() {
    let (result, other) = block_on(async {
        let bad = spawn(bomb(true));
        let good = spawn(async {
            yield_now().await;
            "still here"
        });
        (bad.await, good.await)
    });
    assert_eq!(
        result,
        Err(JoinError::Panicked("dropped badly".to_string()))
    );
    assert_eq!(other, Ok("still here"));
}

#[test]
fn a_panic_while_dropping_a_cancelled_task_is_its_result() {
    let result = block_on(async {
        let bad = spawn(bomb(false));
        yield_now().await; // it starts, and waits for ever
        bad.cancel();
        bad.await
    });
    assert_eq!(
        result,
        Err(JoinError::Panicked("dropped badly".to_string()))
    );
}

#[test]
fn a_panic_while_dropping_a_task_at_the_end_keeps_the_output() {
    let output = block_on(async {
        spawn(bomb(false));
        yield_now().await;
        "main's output"
    });
    assert_eq!(output, "main's output");
}

#[test]
fn a_panic_while_dropping_a_task_during_a_panic_is_no_abort() {
    // Without the catch, a second panic while the first one unwinds
    // aborts the whole process (this test binary included).
    let outcome = std::panic::catch_unwind(|| {
        block_on(async {
            spawn(bomb(false));
            yield_now().await;
            panic!("the main future fails");
        })
    });
    assert!(outcome.is_err());
}
