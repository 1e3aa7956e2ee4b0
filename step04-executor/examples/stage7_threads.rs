//! Stage 7: the executor on many threads, and where `Send` comes from:
//! `cargo run -p step04-executor --example stage7_threads`.
//!
//! The multi-threaded executor is the library's own
//! (`step04_executor::multi_thread`, in `src/multi_thread.rs`), a
//! dependency rather than a module of this program, as the reactor was
//! for stage 5: stage 6's task, timers and list of live tasks, with new
//! queues and parking. This program shows what changes for the code that
//! runs on it: two tasks really run at once, and a task may move to
//! another thread at each `.await`, so what it holds across one must be
//! `Send`. The page shows the compiler's error when it is not
//! (`tests/diagnostics/spawn_rc_across_await.rs`), then the two fixes.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::{Arc, Barrier};
use std::thread::{self, ThreadId};
use std::time::Duration;

use step04_executor::multi_thread::{block_on_threads, spawn};
use step04_executor::{sleep, yield_now};

// ANCHOR: barrier
/// Two tasks that each block their thread until the other arrives: on
/// one thread the first would wait for ever; on two workers they meet.
/// (Blocking in a task is still a mistake; here it is the proof.)
async fn meet_at_a_barrier() -> usize {
    let barrier = Arc::new(Barrier::new(2));
    let meet = || {
        let barrier = barrier.clone();
        spawn(async move {
            barrier.wait();
            thread::current().id()
        })
    };
    let (first, second) = (meet(), meet());
    let threads: HashSet<ThreadId> = [first.await, second.await]
        .into_iter()
        .map(|thread| thread.expect("the task ran"))
        .collect();
    threads.len()
}
// ANCHOR_END: barrier

/// Tasks that yield now and then, so that workers take turns with them
/// and steal from each other; their sum does not depend on who ran what.
async fn sum_on_all_workers(tasks: u64) -> u64 {
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            spawn(async move {
                for _ in 0..3 {
                    yield_now().await; // may resume on another worker
                }
                i
            })
        })
        .collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.expect("no task panics");
    }
    sum
}

// ANCHOR: arc
/// The first fix: an `Arc`, whose count is atomic, is `Send`.
async fn greet_later(name: String) -> String {
    let task = spawn(async move {
        let shared_name = Arc::new(name); // Arc: counted with atomics
        sleep(Duration::from_millis(10)).await;
        format!("hello, {shared_name}")
    });
    task.await.expect("the greeting task ends")
}
// ANCHOR_END: arc

// ANCHOR: local
/// The other fix: a local executor, one thread, which never moves a task,
/// so `spawn_local` takes a future that is not `Send`.
fn greet_on_one_thread(name: String) -> String {
    step04_executor::block_on(async move {
        let task = step04_executor::spawn_local(async move {
            let shared_name = Rc::new(name); // Rc: fine, it stays here
            sleep(Duration::from_millis(10)).await;
            format!("hello, {shared_name}")
        });
        task.await.expect("the greeting task ends")
    })
}
// ANCHOR_END: local

// ANCHOR: main
fn main() {
    block_on_threads(2, async {
        let threads = meet_at_a_barrier().await;
        println!("two tasks met at a barrier, on {threads} threads at once");
        let sum = sum_on_all_workers(10_000).await;
        println!("10000 tasks on 2 workers, each resumed 3 times: sum {sum}");
        let greeting = greet_later("Ada".into()).await;
        println!("{greeting} (Arc, on the multi-threaded executor)");
    });
    let greeting = greet_on_one_thread("Grace".into());
    println!("{greeting} (Rc, spawn_local on the single-threaded executor)");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_workers_run_two_tasks_at_the_same_time() {
        // A hang here means the second task never ran beside the first.
        let (done, finished) = std::sync::mpsc::channel();
        thread::spawn(move || done.send(block_on_threads(2, meet_at_a_barrier())));
        let threads = finished.recv_timeout(Duration::from_secs(30));
        assert_eq!(threads, Ok(2), "the two tasks did not meet on two threads");
    }

    #[test]
    fn every_task_is_summed_once_whoever_runs_it() {
        let sum = block_on_threads(4, sum_on_all_workers(1_000));
        assert_eq!(sum, (0..1_000).sum::<u64>());
    }

    #[test]
    fn both_fixes_greet() {
        let greeting = block_on_threads(2, greet_later("Ada".into()));
        assert_eq!(greeting, "hello, Ada");
        assert_eq!(greet_on_one_thread("Grace".into()), "hello, Grace");
    }
}
