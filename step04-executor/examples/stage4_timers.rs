//! Stage 4: stage 3's executor and one timer driver for every `sleep`:
//! `cargo run -p step04-executor --example stage4_timers`.
//!
//! Stage 3's `task` module, the very same file (`stages/task.rs`); its
//! executor with the few lines that drive the timers
//! (`stages/stage4_executor.rs`: `diff stages/stage3_executor.rs
//! stages/stage4_executor.rs` shows them);
//! and a third module, `timer` (`stages/timer.rs`). Stage 5 uses these
//! three files unchanged.

// The modules are the whole executor; this demo does not call all of it
// (`sleep_until`, for one).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::executor::{block_on, spawn};
use crate::timer::sleep;

/// A duration in whole milliseconds, rounded down to a multiple of 10 so
/// that runs print the same text.
fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis() / 10 * 10)
}

// ANCHOR: main
fn main() {
    let start = Instant::now();
    let log = Arc::new(Mutex::new(Vec::new()));
    block_on(async {
        // Spawned in one order, due in another.
        let handles: Vec<_> = [("c", 300), ("a", 100), ("d", 400), ("b", 200)]
            .into_iter()
            .map(|(name, ms)| {
                let log = log.clone();
                spawn(async move {
                    sleep(Duration::from_millis(ms)).await;
                    log.lock().unwrap().push(name);
                    println!("[{}] {name} woke up", millis(start.elapsed()));
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    println!("woken in deadline order: {:?}", log.lock().unwrap());
    // ANCHOR_END: main

    // ANCHOR: many_sleeps
    // Ten thousand sleeps on one thread, without a thread per sleep.
    let start = Instant::now();
    block_on(async {
        let handles: Vec<_> = (0..10_000)
            .map(|_| spawn(sleep(Duration::from_millis(200))))
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    println!(
        "10000 tasks slept 200 ms each, together, in {}",
        millis(start.elapsed())
    );
    // ANCHOR_END: many_sleeps

    // ANCHOR: timeout
    // A timeout by hand: give a slow task 100 ms, then cancel it.
    let start = Instant::now();
    let late = block_on(async {
        let slow = spawn(sleep(Duration::from_secs(10)));
        sleep(Duration::from_millis(100)).await;
        slow.cancel(); // dropped where it sleeps
        slow.await
    });
    println!(
        "a 10 s sleep cancelled after {}: {late:?}",
        millis(start.elapsed())
    );
}
// ANCHOR_END: timeout

// Stage 3's task, the same file unchanged (a path: one file, a module of
// three programs).
#[path = "stages/task.rs"]
mod task;

// Stage 3's executor and the few lines that drive the timers:
// `diff stages/stage3_executor.rs stages/stage4_executor.rs` shows them.
// A path, so that the two executors sit side by side in `stages/`.
#[path = "stages/stage4_executor.rs"]
mod executor;

// This stage's lesson: one timer driver for every `sleep`. Stage 5 uses
// it unchanged: a path, because the one file is a module of two programs.
#[path = "stages/timer.rs"]
mod timer;

// Stage 3's helper from the library (`lock`), which the task and the
// executor use.
use step04_executor::lock;

// The behaviour suite (crate `step04-behaviour`), on this stage's
// executor: every task promise, and the timers'.
#[cfg(test)]
mod behaviour {
    step04_behaviour::executor!(Stage4 {
        executor: crate::executor,
        task: crate::task,
        timer: crate::timer,
    });
    step04_behaviour::tests!(Stage4: join, order, cancel, panic, wakes, timers);
}
