//! Stage 3: a task queue, with `spawn`, `JoinHandle`, panics caught and
//! cancellation: `cargo run -p step04-executor --example stage3_tasks`.
//!
//! Two modules, split the way async-task splits them: `task`
//! (`stages/task.rs`) is a future with what it takes to wake, cancel and
//! join it, and knows nothing about queues; `executor`
//! (`stages/stage3_executor.rs`) is the queue and the loop. No timers yet:
//! stage 4 keeps the task file and adds them to a copy of this executor
//! (`stages/stage4_executor.rs`). Two small helpers that are not the
//! lesson, `lock` and `yield_now`, come from the library.

use std::sync::{Arc, Mutex};

use crate::executor::{block_on, spawn};
use crate::task::JoinError;

// ANCHOR: worker
/// A task that does its work in `steps` slices, yielding between them, and
/// logs each slice so that we can see the queue take turns.
async fn worker(name: &'static str, steps: u32, log: Arc<Mutex<Vec<String>>>) -> u32 {
    for step in 1..=steps {
        log.lock().unwrap().push(format!("{name}{step}"));
        yield_now().await; // back of the queue
    }
    steps
}
// ANCHOR_END: worker

// ANCHOR: main
fn main() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let (results, order) = block_on(async {
        let a = spawn(worker("a", 3, log.clone()));
        let b = spawn(worker("b", 2, log.clone()));
        let c = spawn(worker("c", 1, log.clone()));
        let results = (a.await, b.await, c.await);
        (results, log.lock().unwrap().join(" "))
    });
    println!("three tasks took turns: {order}");
    println!("their JoinHandles gave: {results:?}");

    let outcome: Result<(), JoinError> = block_on(async {
        let doomed = spawn(async { panic!("this task fails") });
        let healthy = spawn(async {
            yield_now().await;
            "the other task still ran"
        });
        println!("{}", healthy.await.unwrap());
        doomed.await
    });
    println!("the panicking task's handle: {outcome:?}");

    let cancelled = block_on(async {
        let forever = spawn(std::future::pending::<()>());
        yield_now().await; // it starts, and waits for ever
        forever.cancel(); // on its next turn, it is dropped, not polled
        forever.await
    });
    println!("a cancelled task's handle: {cancelled:?}");
}
// ANCHOR_END: main

// The task is this stage's lesson, and stages 4 and 5 use the same file
// unchanged: a path, because the one file is a module of three programs.
#[path = "stages/task.rs"]
mod task;

// Stage 4 copies this executor and adds the lines that drive the timers:
// `diff stages/stage3_executor.rs stages/stage4_executor.rs` shows them.
// A path, so that the two executors sit side by side in `stages/`.
#[path = "stages/stage3_executor.rs"]
mod executor;

// Two small helpers that are not this stage's lesson, taken from the
// library: `lock` (a mutex that stays usable after a panic) and
// `yield_now` (it needs nothing from the executor it runs on).
use step04_executor::{lock, yield_now};

// The behaviour suite (crate `step04-behaviour`), on this stage's
// executor: every promise but the timers'.
#[cfg(test)]
mod behaviour {
    step04_behaviour::executor!(Stage3 {
        executor: crate::executor,
        task: crate::task,
    });
    step04_behaviour::tests!(Stage3: join, order, cancel, panic, wakes);
}
