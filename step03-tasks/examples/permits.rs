//! Sharing a limit and tracking tasks: semaphore permits owned by spawned
//! tasks (`acquire_arc`), and a tracker handed down so that `main` waits
//! for the tasks its tasks spawn.
//! `cargo run -p step03-tasks --example permits`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_lock::Semaphore;
use async_std::task;
use step03_tasks::tracker::Tracker;

/// How many jobs run at the moment, and the most there ever were.
#[derive(Debug, Default)]
struct Running {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Running {
    fn enter(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
    }

    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
}

// ANCHOR: owned
/// Spawns `jobs` tasks, at most `limit` alive at once; returns the most
/// that ran at once.
async fn spawn_limited(jobs: usize, limit: usize) -> usize {
    let semaphore = Arc::new(Semaphore::new(limit));
    let running = Arc::new(Running::default());
    let mut handles = Vec::new();
    for _ in 0..jobs {
        // Taken before the spawn: the loop waits here for a free permit.
        // `acquire_arc` returns a guard that owns an `Arc` of the
        // semaphore, not a borrow of it, so the task can take it along.
        let permit = semaphore.acquire_arc().await;
        let running = Arc::clone(&running);
        handles.push(task::spawn(async move {
            running.enter();
            task::sleep(Duration::from_millis(50)).await;
            running.leave();
            drop(permit); // given back here, or wherever the task ends
        }));
    }
    for handle in handles {
        handle.await;
    }
    running.most.load(Ordering::SeqCst)
}
// ANCHOR_END: owned

// ANCHOR: handed_down
/// A parent task: spawns `children` tasks through the tracker it was
/// given, and returns at once without waiting for them.
async fn parent(tracker: Tracker, children: usize, done: Arc<AtomicUsize>) {
    for _ in 0..children {
        let done = Arc::clone(&done);
        tracker.spawn(async move {
            task::sleep(Duration::from_millis(200)).await;
            done.fetch_add(1, Ordering::SeqCst);
        });
    }
}

async fn two_parents(done: &Arc<AtomicUsize>) {
    let tracker = Tracker::new();
    let mut handles = Vec::new();
    for _ in 0..2 {
        let (tracker, done) = (tracker.clone(), Arc::clone(done));
        handles.push(task::spawn(parent(tracker, 3, done)));
    }
    for handle in handles {
        handle.await;
    }
    let children = done.load(Ordering::SeqCst);
    println!("  after awaiting the 2 parents: {children} of 6 children done");
    tracker.wait().await;
    let children = done.load(Ordering::SeqCst);
    println!("  after tracker.wait():         {children} of 6 children done");
}
// ANCHOR_END: handed_down

#[async_std::main]
async fn main() {
    println!("12 jobs, 3 permits, each permit moved into its task:");
    let most = spawn_limited(12, 3).await;
    println!("  at most {most} ran at once");
    println!("2 parents given a tracker, each spawning 3 children:");
    two_parents(&Arc::new(AtomicUsize::new(0))).await;
}
