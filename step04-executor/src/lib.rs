//! Step 4: build your own executor.
//!
//! The chapter builds it in stages, each a whole program in `examples/`
//! that runs alone and that a reader can diff against the one before:
//!
//! 1. `stage1_block_on.rs`: `block_on` with a thread-parking waker.
//! 2. `stage2_futures.rs`: futures written by hand, and the waker contract.
//! 3. `stage3_tasks.rs`: a task queue (`spawn`, `JoinHandle`), no timers.
//! 4. `stage4_timers.rs`: stage 3 and one timer driver (`sleep`).
//! 5. `stage5_reactor.rs`: stage 4 and a reactor, for sockets (Unix only).
//!
//! Stages 1 to 4 need only std and `futures`, so they also run on the
//! playground. This library is the last stage, tuned: stage 5's executor
//! with the changes the benchmark (`examples/bench.rs`) asked for, each
//! explained where it is made. [`task`] is the task (what a `spawn`
//! creates), [`executor`] the loop and its queues, [`timer`] the timers,
//! `reactor` the sockets. `src/main.rs` runs the Step 3 program on it.

pub mod executor;
pub mod measure;
#[cfg(unix)]
pub mod reactor;
pub mod task;
pub mod thread_timer;
pub mod timer;

pub use executor::{block_on, spawn, yield_now};
pub use task::{JoinError, JoinHandle};
pub use timer::{Sleep, sleep, sleep_until};
