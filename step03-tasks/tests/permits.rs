//! Sharing limits and tracking tasks (book: "Sharing limits and tracking
//! tasks"): the tracker of `src/tracker.rs` waits for the tasks
//! that tracked tasks spawn, ends when a task panics or the tracker is
//! simply handed down, and owned permits hold a semaphore's limit across
//! spawns. Checked by what happened, never by a stopwatch: each wait is on
//! a channel, under a 10 s watchdog.
//! `cargo test -p step03-tasks --test permits`

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_lock::Semaphore;
use async_std::channel::{bounded, unbounded};
use async_std::task;
use futures::FutureExt;
use step03_tasks::tracker::Tracker;

/// Runs `work`, failing the test if it takes longer than ten seconds.
async fn within<F: Future>(work: F) -> F::Output {
    async_std::future::timeout(Duration::from_secs(10), work)
        .await
        .expect("the test took too long: the tracker waited for a task that had ended")
}

#[async_std::test]
async fn wait_covers_grandchildren_spawned_through_a_clone() {
    let tracker = Tracker::new();
    let (release, released) = bounded::<()>(1);
    let (spawned, grandchild_spawned) = bounded::<()>(1);
    let finished = Arc::new(AtomicUsize::new(0));
    let child_tracker = tracker.clone();
    let done = Arc::clone(&finished);
    tracker.spawn(async move {
        child_tracker.spawn(async move {
            let _ = released.recv().await;
            done.fetch_add(1, Ordering::SeqCst);
        });
        let _ = spawned.send(()).await;
    });
    within(grandchild_spawned.recv()).await.expect("child ran");
    let mut waiting = Box::pin(tracker.wait());
    assert!(
        (&mut waiting).now_or_never().is_none(),
        "wait() returned while a grandchild was still running"
    );
    release.send(()).await.expect("the grandchild listens");
    within(waiting).await;
    assert_eq!(
        finished.load(Ordering::SeqCst),
        1,
        "the grandchild ran to its end"
    );
}

#[async_std::test]
async fn wait_ends_when_a_tracked_task_panics() {
    let tracker = Tracker::new();
    tracker.spawn(async { panic!("a tracked task fails") });
    within(tracker.wait()).await;
}

#[async_std::test]
async fn wait_with_no_task_returns_at_once() {
    assert!(Tracker::new().wait().now_or_never().is_some());
}

#[async_std::test]
async fn an_owned_permit_keeps_the_limit_across_spawns() {
    let semaphore = Arc::new(Semaphore::new(2));
    let (entered, entries) = unbounded::<()>();
    let (release, released) = unbounded::<()>();
    let spawner = task::spawn({
        let semaphore = Arc::clone(&semaphore);
        async move {
            for _ in 0..5 {
                let permit = semaphore.acquire_arc().await;
                let (entered, released) = (entered.clone(), released.clone());
                task::spawn(async move {
                    let _permit = permit;
                    let _ = entered.send(()).await;
                    let _ = released.recv().await;
                });
            }
        }
    });
    within(async {
        for _ in 0..2 {
            entries.recv().await.expect("a job starts");
        }
    })
    .await;
    task::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        entries.len(),
        0,
        "a third job started while two held permits"
    );
    for started in 3..=5 {
        release.send(()).await.expect("a job listens");
        within(entries.recv())
            .await
            .expect("the freed permit lets one more in");
        assert_eq!(entries.len(), 0, "job {started} came with another");
    }
    drop(release);
    within(spawner).await;
    within(semaphore.acquire()).await;
}
