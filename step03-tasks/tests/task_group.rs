//! Structured concurrency (book: "Task groups"): the group of
//! `examples/group/mod.rs` cancels the siblings at the first error, returns
//! values in spawn order, leaks no task when dropped, and `try_join_all`
//! over `JoinHandle`s, by contrast, leaves a sibling running. Checked by
//! what happened (which futures were dropped, in what order), never by a
//! stopwatch: every wait is on a channel, under a 10 s watchdog.
//! `cargo test -p step03-tasks --test task_group`

#[path = "../examples/group/mod.rs"]
mod group;

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use async_std::channel::{Receiver, Sender, unbounded};
use async_std::task;
use futures::FutureExt;
use futures::future::{pending, try_join_all};
use group::TaskGroup;

/// Runs `work`, failing the test if it takes longer than ten seconds.
async fn within<F: Future>(work: F) -> F::Output {
    async_std::future::timeout(Duration::from_secs(10), work)
        .await
        .expect("the test took too long: something waited for a task that never ended")
}

/// Tells `dropped` its name when the future holding it is dropped, finished
/// or not: the test learns that a task's cleanup has run.
struct OnDrop {
    name: &'static str,
    dropped: Sender<&'static str>,
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        let _ = self.dropped.try_send(self.name);
    }
}

/// A task that never finishes by itself; it reports `started`, then waits.
async fn forever(
    name: &'static str,
    started: Sender<&'static str>,
    dropped: Sender<&'static str>,
) -> Result<u32, String> {
    let _probe = OnDrop { name, dropped };
    let _ = started.send(name).await;
    pending::<()>().await;
    Ok(0)
}

/// Everything received so far, without waiting.
fn drain(receiver: &Receiver<&'static str>) -> Vec<&'static str> {
    std::iter::from_fn(|| receiver.try_recv().ok()).collect()
}

#[async_std::test]
async fn the_first_error_cancels_the_siblings_before_join_returns() {
    let (started, started_rx) = unbounded();
    let (dropped, dropped_rx) = unbounded();
    let (go, go_rx) = unbounded::<()>();
    let mut group = TaskGroup::default();
    group.spawn(forever("slow-1", started.clone(), dropped.clone()));
    group.spawn(forever("slow-2", started.clone(), dropped.clone()));
    group.spawn(async move {
        // Fails only once both siblings are surely running.
        let _ = go_rx.recv().await;
        Err::<u32, _>("broken".to_string())
    });
    within(async {
        started_rx.recv().await.unwrap();
        started_rx.recv().await.unwrap();
    })
    .await;
    go.send(()).await.unwrap();

    let outcome = within(group.join()).await;
    assert_eq!(outcome, Err("broken".to_string()));
    let mut cancelled = drain(&dropped_rx);
    cancelled.sort();
    assert_eq!(
        cancelled,
        ["slow-1", "slow-2"],
        "join returned before every sibling had been cancelled and dropped"
    );
}

#[async_std::test]
async fn values_come_back_in_spawn_order_whatever_order_tasks_finish_in() {
    let (first_done, first_done_rx) = unbounded::<()>();
    let mut group = TaskGroup::<&str, String>::default();
    group.spawn(async move {
        // Finishes last: waits until the second task has finished.
        let _ = first_done_rx.recv().await;
        Ok("spawned first")
    });
    group.spawn(async move {
        let _ = first_done.send(()).await;
        Ok("spawned second")
    });
    assert_eq!(
        within(group.join()).await,
        Ok(vec!["spawned first", "spawned second"])
    );
}

#[async_std::test]
async fn dropping_the_group_cancels_every_task() {
    let (started, started_rx) = unbounded();
    let (dropped, dropped_rx) = unbounded();
    let mut group = TaskGroup::default();
    group.spawn(forever("one", started.clone(), dropped.clone()));
    group.spawn(forever("two", started.clone(), dropped.clone()));
    within(async {
        started_rx.recv().await.unwrap();
        started_rx.recv().await.unwrap();
    })
    .await;

    drop(group); // as when the code awaiting `join` is itself cancelled
    let mut cancelled = within(async {
        vec![
            dropped_rx.recv().await.unwrap(),
            dropped_rx.recv().await.unwrap(),
        ]
    })
    .await;
    cancelled.sort();
    assert_eq!(cancelled, ["one", "two"], "a task outlived its group");
}

#[async_std::test]
async fn a_panicking_task_cancels_its_siblings_too() {
    let (started, started_rx) = unbounded();
    let (dropped, dropped_rx) = unbounded();
    let (go, go_rx) = unbounded::<()>();
    let mut group = TaskGroup::default();
    group.spawn(forever("sibling", started.clone(), dropped.clone()));
    group.spawn(async move {
        let _ = go_rx.recv().await;
        panic!("a bug in one task");
    });
    within(started_rx.recv()).await.unwrap();
    go.send(()).await.unwrap();

    let joined = within(AssertUnwindSafe(group.join()).catch_unwind()).await;
    assert!(
        joined.is_err(),
        "the panic should reach the code that joins"
    );
    assert_eq!(within(dropped_rx.recv()).await, Ok("sibling"));
}

#[async_std::test]
async fn try_join_all_over_join_handles_leaves_a_sibling_running() {
    let (started, started_rx) = unbounded();
    let (dropped, dropped_rx) = unbounded();
    let (go, go_rx) = unbounded::<()>();
    let sibling = forever("sibling", started.clone(), dropped.clone());
    let handles = vec![
        task::spawn(sibling),
        task::spawn(async move {
            let _ = go_rx.recv().await;
            Err::<u32, _>("broken".to_string())
        }),
    ];
    within(started_rx.recv()).await.unwrap();
    go.send(()).await.unwrap();

    assert_eq!(
        within(try_join_all(handles)).await,
        Err("broken".to_string())
    );
    // The sibling's handle was dropped, which detaches: it still runs, and
    // nothing is left to cancel it with. (`try_join_all` over the futures
    // themselves, not spawned, would have dropped it: see the example.)
    assert!(
        drain(&dropped_rx).is_empty(),
        "the detached sibling was dropped, yet async-std detaches on drop"
    );
}
