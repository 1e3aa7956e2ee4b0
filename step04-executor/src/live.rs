//! The list of live tasks, which both executors keep: every task whose
//! future is not dropped yet, held until it is, so that the end of
//! `block_on` can cancel them all, not only those in a queue or a timer
//! but those whose waker a channel or a socket holds, or nobody.
//! async-executor and tokio keep such a list too.

use std::collections::BTreeMap;
use std::future::Future;
use std::mem;
use std::sync::Arc;

use crate::sync::{Mutex, lock};
use crate::task::{self, Canceller, JoinHandle, Runnable, Schedule};

// ANCHOR: live
/// Every task not finished yet, wherever it waits.
pub(crate) struct Live<S> {
    tasks: Mutex<Tasks<S>>,
}

struct Tasks<S> {
    /// By spawn order, so that the end cancels the oldest first.
    by_id: BTreeMap<u64, Canceller<S>>,
    next_id: u64,
}

/// Lives in a task's future: when the future is dropped (the task
/// finished, or was cancelled), takes the task off the list.
struct Deregister<S> {
    live: Arc<Live<S>>,
    id: u64,
}

impl<S> Drop for Deregister<S> {
    fn drop(&mut self) {
        lock(&self.live.tasks).by_id.remove(&self.id);
    }
}

impl<S: Schedule> Live<S> {
    /// Creates the task of `future` (`task::spawn`), listed until its
    /// future is dropped.
    pub(crate) fn spawn<F>(
        self: &Arc<Self>,
        future: F,
        scheduler: S,
    ) -> (Runnable<S>, JoinHandle<F::Output>)
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let mut tasks = lock(&self.tasks);
        let id = tasks.next_id;
        tasks.next_id += 1;
        let deregister = Deregister {
            live: self.clone(),
            id,
        };
        let future = async move {
            let _deregister = deregister; // dropped with the future
            future.await
        };
        let (runnable, handle) = task::spawn(future, scheduler);
        tasks.by_id.insert(id, runnable.canceller());
        (runnable, handle)
    }

    /// Cancels every task still listed, oldest first. Outside the lock:
    /// dropping a future takes it (`Deregister`), and may wake other tasks.
    pub(crate) fn cancel_all(&self) {
        let tasks = mem::take(&mut lock(&self.tasks).by_id);
        for task in tasks.into_values() {
            task.cancel();
        }
    }
}
// ANCHOR_END: live

impl<S> Default for Live<S> {
    fn default() -> Self {
        Live {
            tasks: Mutex::new(Tasks {
                by_id: BTreeMap::new(),
                next_id: 0,
            }),
        }
    }
}
