//! The list of live tasks, which both executors keep: every task whose
//! future is not dropped yet, held until it is, so that the end of
//! `block_on` can cancel them all, not only those in a queue or a timer
//! but those whose waker a channel or a socket holds, or nobody.
//! async-executor and tokio keep such a list too.
//!
//! A slab: a `Vec` of slots, a task's index into it its key, and each
//! free slot the index of the next free one, for the next spawns to
//! reuse. Listing and unlisting a task is then a store or two, with no
//! allocation once the `Vec` has grown, where a `BTreeMap` keyed by spawn
//! order allocated a node now and then and walked the tree each time
//! (async-executor keeps its tasks in a slab too).

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use crate::sync::{Mutex, lock};
use crate::task::{self, Canceller, JoinHandle, Runnable, Schedule};

// ANCHOR: live
/// Every task not finished yet, wherever it waits.
pub(crate) struct Live<S> {
    tasks: Mutex<Slab<S>>,
}

struct Slab<S> {
    slots: Vec<Slot<S>>,
    /// The first free slot (`slots.len()` if none is free).
    free: usize,
    /// Set by `cancel_all`, which empties the slab: a task dropped after
    /// it has no slot left to free.
    closed: bool,
}

enum Slot<S> {
    Live(Canceller<S>),
    /// A free slot, and the next free one: a list through the free slots,
    /// which costs no memory (the slot has room for it).
    Free {
        next: usize,
    },
}

pin_project! {
    /// A task's future, and what takes the task off the list when the
    /// future is dropped (the task finished, or was cancelled). A struct,
    /// not an `async` block that awaits `future`: such a block would hold
    /// the future twice over, once captured and once being awaited.
    struct Listed<F, S> {
        #[pin]
        future: F,
        deregister: Deregister<S>,
    }
}

struct Deregister<S> {
    live: Arc<Live<S>>,
    index: usize,
}

impl<F: Future, S> Future for Listed<F, S> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.project().future.poll(cx)
    }
}

impl<S> Drop for Deregister<S> {
    fn drop(&mut self) {
        let mut slab = lock(&self.live.tasks);
        if slab.closed {
            return; // `cancel_all` took it off already
        }
        let next = slab.free;
        let listed = mem::replace(&mut slab.slots[self.index], Slot::Free { next });
        slab.free = self.index;
        drop(slab);
        drop(listed); // not the last reference: the task is being run or cancelled
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
        let mut slab = lock(&self.tasks);
        let index = slab.free;
        let deregister = Deregister {
            live: self.clone(),
            index,
        };
        let listed = Listed { future, deregister };
        let (runnable, handle) = task::spawn(listed, scheduler);
        let listed = Slot::Live(runnable.canceller());
        match slab.slots.get_mut(index) {
            Some(slot) => match mem::replace(slot, listed) {
                Slot::Free { next } => slab.free = next,
                Slot::Live(_) => unreachable!("a free slot holds no task"),
            },
            None => {
                slab.slots.push(listed);
                slab.free = slab.slots.len();
            }
        }
        (runnable, handle)
    }

    /// Cancels every task still listed, in the order of their slots
    /// (spawn order, but for reused slots), as async-executor does.
    /// Outside the lock: dropping a future takes it (`Deregister`), and
    /// may wake other tasks.
    pub(crate) fn cancel_all(&self) {
        let slots = {
            let mut slab = lock(&self.tasks);
            slab.closed = true;
            mem::take(&mut slab.slots)
        };
        for slot in slots {
            if let Slot::Live(task) = slot {
                task.cancel();
            }
        }
    }
}
// ANCHOR_END: live

impl<S> Default for Live<S> {
    fn default() -> Self {
        Live {
            tasks: Mutex::new(Slab {
                slots: Vec::new(),
                free: 0,
                closed: false,
            }),
        }
    }
}
