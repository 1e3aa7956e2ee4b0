//! Step 4's behaviour suite: what every executor from stage 3 on promises,
//! written once, generic over the executor.
//!
//! An executor is four things to the suite, the [`Executor`] trait:
//! `block_on`, `spawn`, a `JoinHandle` that can be cancelled, and a
//! `JoinError` that tells a cancel from a panic. Stage 4 and later add
//! `sleep` and `sleep_until` ([`Timers`]). Each promise is a `pub fn`
//! generic over the executor, in one module per behaviour:
//!
//! - [`join`]: a handle gives the task's output;
//! - [`order`]: tasks run in spawn order (one thread only);
//! - [`cancel`]: a cancelled task is dropped where it waits, and so is
//!   every task still unfinished when `block_on` returns;
//! - [`panic`]: a panic ends only its own task, and becomes its result;
//! - [`wakes`]: no wake from another thread is lost;
//! - [`threads`]: on many worker threads, a woken task runs once, no task
//!   is lost while workers park, and the end stops every worker;
//! - [`timers`]: sleeps end in deadline order, never early;
//! - [`sockets`]: the library's reactor serves tasks on this executor
//!   (Unix only);
//! - [`task`]: a task on its own, before any executor: a wake schedules it
//!   once, a cancel drops its future (the [`Task`] trait).
//!
//! A stage (or the library) runs them with two macros, in a test module:
//!
//! ```text
//! #[cfg(test)]
//! mod behaviour {
//!     step04_behaviour::executor!(Stage3 { executor: crate::executor, task: crate::task });
//!     step04_behaviour::tests!(Stage3: join, order, cancel, panic, wakes);
//! }
//! ```
//!
//! [`executor!`] implements [`Executor`] (and [`Timers`], given a `timer`
//! module) for a new type, from the modules that hold the executor's
//! parts; [`tests!`] writes one `#[test]` per promise of each group named,
//! so a stage lists groups, never single tests, and cannot forget one.
//! Why the impl is a macro: it is the same twenty lines for every
//! executor, and a copy in each stage would be one more place to keep in
//! step.
//!
//! The stages do not all run every group: stage 3 has no timers; stage 5's
//! executor is stage 4's file unchanged, so stage 5 runs only the socket
//! promises, its lesson; the library runs them all.

use std::fmt::Debug;
use std::future::Future;
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub mod cancel;
pub mod join;
mod macros;
pub mod order;
pub mod panic;
pub mod sockets;
pub mod task;
pub mod threads;
pub mod timers;
pub mod wakes;

/// What the suite needs of an executor: its `block_on` and `spawn`, and
/// what a `JoinHandle` does.
pub trait Executor: 'static {
    /// What `spawn` returns: awaiting it gives the task's output, or why
    /// there is none.
    type JoinHandle<T: Send + 'static>: Future<Output = Result<T, Self::JoinError>>
        + Send
        + Unpin
        + 'static;
    /// Why a task has no output: it panicked, or was cancelled.
    type JoinError: Debug + PartialEq + Send + 'static;

    /// Runs `future`, and every task it spawns, until `future` is done.
    fn block_on<F: Future>(future: F) -> F::Output;

    /// Starts `future` as a task of the running `block_on`.
    fn spawn<F>(future: F) -> Self::JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static;

    /// Asks the task behind `handle` to stop (`JoinHandle::cancel`).
    fn cancel<T: Send + 'static>(handle: &Self::JoinHandle<T>);

    /// The `JoinError` of a cancelled task.
    fn cancelled() -> Self::JoinError;

    /// The `JoinError` of a task that panicked with `message`.
    fn panicked(message: &str) -> Self::JoinError;
}

/// An executor with timers (stage 4 on).
pub trait Timers: Executor {
    /// Finishes `duration` from now.
    fn sleep(duration: Duration) -> impl Future<Output = ()> + Send + 'static;

    /// Finishes at `deadline`.
    fn sleep_until(deadline: Instant) -> impl Future<Output = ()> + Send + 'static;
}

/// A task on its own, without an executor: what the [`task`] promises
/// need. Its runnables go to a channel, where a test picks them up.
pub trait Task: 'static {
    /// A task due to be polled.
    type Runnable: Send + 'static;
    /// What awaits the task's output.
    type JoinHandle<T: Send + 'static>: Future<Output = Result<T, Self::JoinError>>
        + Unpin;
    /// Why a task has no output.
    type JoinError: Debug + PartialEq;

    /// Creates a task that runs `future`, and the channel each of its
    /// wakes sends a `Runnable` down. The caller runs the first one.
    #[allow(clippy::type_complexity)] // the three parts a test takes apart
    fn spawn_listed<F>(
        future: F,
    ) -> (
        Self::Runnable,
        Self::JoinHandle<F::Output>,
        mpsc::Receiver<Self::Runnable>,
    )
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static;

    /// Polls the task once.
    fn run(runnable: Self::Runnable);

    /// Drops the task's future without polling it.
    fn cancel(runnable: Self::Runnable);

    /// The `JoinError` of a cancelled task.
    fn cancelled() -> Self::JoinError;
}

/// Runs `body` on a thread of its own and waits for its result: a hang
/// detector, not a speed test (the work takes milliseconds). A hang is a
/// lost wake, or a lock taken twice on one thread.
fn within_30s<T: Send + 'static>(
    what: &str,
    body: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || done.send(body()));
    finished
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| {
            panic!("{what}: the executor hung (a lost wake, or a lock taken twice?)")
        })
}
