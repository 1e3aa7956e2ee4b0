//! Order: tasks run in the order they were spawned, and a task that
//! yields goes to the back of the queue. A promise of one thread: on
//! several, two tasks run at the same time, and which one pushes first
//! is a race. The multi-threaded executor keeps it only with one worker
//! (tokio's multi-thread runtime does not promise it at all).
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::sync::{Arc, Mutex};

use step04_executor::yield_now;

use crate::Executor;

pub fn tasks_run_in_the_order_they_were_spawned<E: Executor>() {
    let order = Arc::new(Mutex::new(Vec::new()));
    E::block_on(async {
        let handles: Vec<_> = (0..5)
            .map(|i| {
                let order = order.clone();
                E::spawn(async move { order.lock().unwrap().push(i) })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4]);
}

pub fn yield_now_lets_other_tasks_run_first<E: Executor>() {
    let order = Arc::new(Mutex::new(Vec::new()));
    E::block_on(async {
        let (a, b) = (order.clone(), order.clone());
        let first = E::spawn(async move {
            a.lock().unwrap().push("a1");
            yield_now().await;
            a.lock().unwrap().push("a2");
        });
        let second = E::spawn(async move { b.lock().unwrap().push("b") });
        first.await.unwrap();
        second.await.unwrap();
    });
    assert_eq!(*order.lock().unwrap(), ["a1", "b", "a2"]);
}
