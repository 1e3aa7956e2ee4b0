//! Step 4: build your own executor.
//!
//! What it runs is what async-std ran in Step 3: spawned tasks, awaited
//! through their handles, sleeping side by side on one thread:
//!
//! ```
//! use std::time::Duration;
//!
//! use step04_executor::{block_on, sleep, spawn};
//!
//! let total = block_on(async {
//!     let nap = |ms, value| async move {
//!         sleep(Duration::from_millis(ms)).await;
//!         value
//!     };
//!     let (a, b) = (spawn(nap(20, 1)), spawn(nap(10, 2)));
//!     a.await.unwrap() + b.await.unwrap()
//! });
//! assert_eq!(total, 3);
//! ```
//!
//! The chapter builds it in stages, each a program in `examples/` that
//! runs alone and adds one part to the one before:
//!
//! 1. `stage1_block_on.rs`: `block_on` with a thread-parking waker.
//! 2. `stage2_futures.rs`: futures written by hand, and the waker contract.
//! 3. `stage3_tasks.rs`: a task queue (`spawn`, `JoinHandle`), no timers.
//! 4. `stage4_timers.rs`: stage 3 and one timer driver (`sleep`).
//! 5. `stage5_reactor.rs`: stage 4 and a reactor, for sockets (Unix only).
//!
//! Stages 1 and 2 are one file each (std and `futures` only), so they also
//! run on the playground. From stage 3 on, a module a stage keeps as it is
//! stays one file, shared: `examples/stages/` holds the task (stages 3 to
//! 5), each stage's executor, and the timers (stages 4 and 5). What is not
//! a stage's lesson comes from this library, as a dependency: [`lock`]
//! and [`yield_now`] (stages 3 to 5), and the [`reactor`] (stage 5).
//!
//! One behaviour suite, the crate `step04-behaviour` (`behaviour/`),
//! says once what an executor promises, generic over the executor. Stages
//! 3 and 4 run it on their executors (stage 5's is stage 4's file, and it
//! runs the suite's socket promises), and `tests/behaviour.rs` on this
//! library.
//!
//! This library is the last stage, tuned: stage 5's executor
//! with the changes the benchmark (`examples/bench.rs`) asked for, each
//! explained where it is made. [`task`] is the task (what a `spawn`
//! creates), [`executor`] the loop and its queues, [`timer`] the timers,
//! `reactor` the sockets. `src/main.rs` runs the Step 3 program on it.

#![warn(missing_docs)]

pub mod executor;
mod inbox;
mod live;
pub mod lock;
mod main_waker;
pub mod multi_thread;
#[cfg(unix)]
pub mod reactor;
mod sync;
pub mod task;
pub mod thread_timer;
pub mod timer;
mod yield_now;

// The loom model tests (`loom.sh`): built only with `--cfg step04_loom`.
#[cfg(all(test, step04_loom))]
mod loom_tests;

pub use executor::{block_on, spawn, spawn_local};
pub use task::{JoinError, JoinHandle};
pub use timer::{Sleep, sleep, sleep_until};
pub use yield_now::yield_now;
