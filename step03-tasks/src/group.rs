//! A task group for async-std: spawned tasks that finish together.
//!
//! async-std has no task group (no `TaskGroup`, no `JoinSet`, and dropping a
//! `JoinHandle` detaches its task), so this module builds one from two
//! pieces of the `futures` crate: `FuturesUnordered`, which awaits many
//! handles at once, and `Abortable`, which lets a task be stopped from a
//! synchronous `Drop`. Used by `examples/task_group.rs`, and checked by
//! `tests/task_group.rs`.

use std::future::Future;

use async_std::task::{self, JoinHandle};
use futures::future::{AbortHandle, Abortable, Aborted};
use futures::stream::{FuturesUnordered, StreamExt};

// ANCHOR: group
/// Tasks that succeed together or fail together, like `asyncio.TaskGroup`:
/// the first error cancels the others, and no task is polled again once the
/// group is gone.
#[derive(Debug)]
pub struct TaskGroup<T, E> {
    running: FuturesUnordered<JoinHandle<Member<T, E>>>,
    stops: Vec<AbortHandle>,
}

/// What a task of the group ends with: its place in the group, and its
/// result, unless it was stopped (`Aborted`).
type Member<T, E> = (usize, Result<Result<T, E>, Aborted>);

impl<T: Send + 'static, E: Send + 'static> TaskGroup<T, E> {
    /// Spawns `work` as a task of the group: `group.create_task(work)`.
    pub fn spawn(&mut self, work: impl Future<Output = Result<T, E>> + Send + 'static) {
        let (stop, registration) = AbortHandle::new_pair();
        let work = Abortable::new(work, registration);
        let index = self.stops.len();
        self.running
            .push(task::spawn(async move { (index, work.await) }));
        self.stops.push(stop);
    }
}
// ANCHOR_END: group

// ANCHOR: join
impl<T: Send + 'static, E: Send + 'static> TaskGroup<T, E> {
    /// Every task's value, in the order they were spawned; or the first
    /// error, once every other task has been cancelled and has stopped.
    /// Only the first: see the drain loop.
    pub async fn join(mut self) -> Result<Vec<T>, E> {
        let mut values: Vec<Option<T>> = self.stops.iter().map(|_| None).collect();
        while let Some((index, outcome)) = self.running.next().await {
            match outcome {
                Ok(Ok(value)) => values[index] = Some(value),
                Ok(Err(error)) => {
                    self.stops.iter().for_each(AbortHandle::abort);
                    // Wait until each task has dropped its future: then
                    // every Drop (every cleanup) has run. A sibling that
                    // failed in parallel, before the abort reached it, has
                    // its error dropped here (asyncio would keep it, in the
                    // ExceptionGroup); collect them here to keep them.
                    while self.running.next().await.is_some() {}
                    return Err(error);
                }
                Err(Aborted) => unreachable!("only join and drop stop tasks"),
            }
        }
        Ok(values.into_iter().flatten().collect())
    }
}

impl<T, E> Drop for TaskGroup<T, E> {
    /// Dropped before `join` finished (its caller was cancelled, or a task
    /// panicked): stop every task. Drop cannot wait, so each task drops
    /// its future at its next poll, which `abort` asks the executor for.
    fn drop(&mut self) {
        self.stops.iter().for_each(AbortHandle::abort);
    }
}
// ANCHOR_END: join

impl<T, E> Default for TaskGroup<T, E> {
    fn default() -> Self {
        TaskGroup {
            running: FuturesUnordered::new(),
            stops: Vec::new(),
        }
    }
}
