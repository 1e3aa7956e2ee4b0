//! A task tracker for async-std: wait for every task spawned through it,
//! including tasks spawned by those tasks, through clones handed down.
//!
//! It is built from a channel that never carries a message. Each task holds
//! a sender; the receiver's `recv` fails once every sender is gone, that is
//! once every tracked task has ended. Used by `examples/permits.rs`, and
//! checked by `tests/permits.rs`. tokio-util's `TaskTracker` does the same
//! for tokio.

use std::future::Future;

use async_std::channel::{Receiver, Sender, bounded};
use async_std::task;

// ANCHOR: tracker
/// Tasks to wait for, wherever they were spawned: clone it into a task and
/// that task's own spawns are tracked too.
#[derive(Debug, Clone)]
pub struct Tracker {
    alive: Sender<()>,
    all_ended: Receiver<()>,
}

impl Tracker {
    /// A tracker with no task yet.
    pub fn new() -> Self {
        let (alive, all_ended) = bounded(1);
        Tracker { alive, all_ended }
    }

    /// Spawns `work`; the task holds a sender until its future ends or is
    /// dropped (finished, cancelled or panicked alike).
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) {
        let alive = self.alive.clone();
        task::spawn(async move {
            let _alive = alive;
            work.await;
        });
    }

    /// Waits until every tracked task has ended, and every clone of the
    /// tracker is gone (a clone could still spawn).
    pub async fn wait(self) {
        let Tracker { alive, all_ended } = self;
        drop(alive);
        // No one ever sends: `recv` returns `Err` when the last sender drops.
        let _ = all_ended.recv().await;
    }
}
// ANCHOR_END: tracker

impl Default for Tracker {
    fn default() -> Self {
        Self::new()
    }
}
