//! Panics: a panicking task ends only itself, and its `JoinHandle` reports
//! the panic as a value; the executor and the other tasks go on.
//!
//! Part of the behaviour suite (see `tests/behaviour.rs`): it reaches the
//! executor only through `super`, so it runs on stages 3 to 5 and on the
//! library alike.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
