//! Structured concurrency (book: "Task groups"): the group of
//! `src/group.rs` cancels the siblings at the first error, returns
//! values in spawn order, leaks no task when dropped, and `try_join_all`
//! over `JoinHandle`s, by contrast, leaves a sibling running. Checked by
//! what happened (which futures were dropped, in what order), never by a
//! stopwatch: every wait is on a channel, under a 10 s watchdog.
//! `cargo test -p step03-tasks --test task_group`

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use async_std::channel::{Receiver, Sender, unbounded};
use async_std::task;
use futures::FutureExt;
use futures::future::{pending, try_join_all};
use step03_tasks::group::TaskGroup;

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

/// Tasks that never finish by themselves, and what the test learns of
/// them: which have started, and which have been dropped.
struct Endless {
    started: Sender<&'static str>,
    started_rx: Receiver<&'static str>,
    dropped: Sender<&'static str>,
    dropped_rx: Receiver<&'static str>,
}

impl Endless {
    fn new() -> Self {
        let (started, started_rx) = unbounded();
        let (dropped, dropped_rx) = unbounded();
        Endless {
            started,
            started_rx,
            dropped,
            dropped_rx,
        }
    }

    /// A task that never finishes by itself, named `name`. It borrows
    /// nothing from `self` (`use<>`), so it can be spawned.
    fn task(
        &self,
        name: &'static str,
    ) -> impl Future<Output = Result<u32, String>> + use<> {
        forever(name, self.started.clone(), self.dropped.clone())
    }

    /// A group running one task per name, every one of them surely started.
    async fn group_running(&self, names: &[&'static str]) -> TaskGroup<u32, String> {
        let mut group = TaskGroup::default();
        for &name in names {
            group.spawn(self.task(name));
        }
        self.until_started(names.len()).await;
        group
    }

    /// Waits until `count` more tasks have started.
    async fn until_started(&self, count: usize) {
        within(async {
            for _ in 0..count {
                self.started_rx.recv().await.unwrap();
            }
        })
        .await;
    }

    /// The names of the tasks dropped so far, sorted, without waiting.
    fn dropped_so_far(&self) -> Vec<&'static str> {
        let mut names: Vec<_> =
            std::iter::from_fn(|| self.dropped_rx.try_recv().ok()).collect();
        names.sort();
        names
    }

    /// Waits until `count` tasks have been dropped; their names, sorted.
    async fn until_dropped(&self, count: usize) -> Vec<&'static str> {
        let mut names = within(async {
            let mut names = Vec::new();
            for _ in 0..count {
                names.push(self.dropped_rx.recv().await.unwrap());
            }
            names
        })
        .await;
        names.sort();
        names
    }
}

#[async_std::test]
async fn the_first_error_cancels_the_siblings_before_join_returns() {
    let endless = Endless::new();
    let mut group = endless.group_running(&["slow-1", "slow-2"]).await;
    // Spawned once both siblings are surely running.
    group.spawn(async { Err::<u32, _>("broken".to_string()) });

    let outcome = within(group.join()).await;
    assert_eq!(outcome, Err("broken".to_string()));
    assert_eq!(
        endless.dropped_so_far(),
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
    let endless = Endless::new();
    let group = endless.group_running(&["one", "two"]).await;

    drop(group); // as when the code awaiting `join` is itself cancelled
    assert_eq!(
        endless.until_dropped(2).await,
        ["one", "two"],
        "a task outlived its group"
    );
}

#[async_std::test]
async fn a_panicking_task_cancels_its_siblings_too() {
    let endless = Endless::new();
    let mut group = endless.group_running(&["sibling"]).await;
    group.spawn(async { panic!("a bug in one task") });

    let joined = within(AssertUnwindSafe(group.join()).catch_unwind()).await;
    assert!(
        joined.is_err(),
        "the panic should reach the code that joins"
    );
    assert_eq!(
        endless.until_dropped(1).await,
        ["sibling"],
        "the sibling of the panicking task was not cancelled"
    );
}

#[async_std::test]
async fn try_join_all_over_join_handles_leaves_a_sibling_running() {
    let endless = Endless::new();
    let sibling = task::spawn(endless.task("sibling"));
    endless.until_started(1).await;
    let broken = task::spawn(async { Err::<u32, _>("broken".to_string()) });

    assert_eq!(
        within(try_join_all(vec![sibling, broken])).await,
        Err("broken".to_string())
    );
    // The sibling's handle was dropped, which detaches: it still runs, and
    // nothing is left to cancel it with. (`try_join_all` over the futures
    // themselves, not spawned, would have dropped it: see the example.)
    assert!(
        endless.dropped_so_far().is_empty(),
        "the detached sibling was dropped, yet async-std detaches on drop"
    );
}
