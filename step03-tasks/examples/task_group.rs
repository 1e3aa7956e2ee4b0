//! Structured concurrency: on the first error, cancel the siblings and leak
//! no task. `cargo run -p step03-tasks --example task_group`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_std::task;
use futures::future::try_join_all;
use step03_tasks::CancelGuard;
use step03_tasks::group::TaskGroup;

// ANCHOR: fetch
/// A fetch that takes `after`, then succeeds or fails. Its guard prints a
/// line if the fetch is cancelled (its future dropped before the end).
async fn fetch(
    name: &'static str,
    after: Duration,
    fails: bool,
) -> Result<String, String> {
    let guard = CancelGuard::new(name);
    task::sleep(after).await;
    guard.finish();
    if fails {
        println!("  {name}: failed");
        return Err(format!("{name} failed"));
    }
    println!("  {name}: done");
    Ok(format!("contents of {name}"))
}

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}
// ANCHOR_END: fetch

// ANCHOR: in_place
/// Futures polled in place by one task: `try_join_all` drops the others at
/// the first error, and dropping a future cancels it.
async fn futures_in_place() {
    let outcome = try_join_all([
        fetch("a", ms(100), false),
        fetch("b", ms(300), true),
        fetch("c", ms(10_000), false),
    ])
    .await;
    println!("  -> {outcome:?}");
}
// ANCHOR_END: in_place

// ANCHOR: handles
/// Spawned tasks: `try_join_all` over their `JoinHandle`s also returns at
/// the first error, but dropping an async-std `JoinHandle` detaches its
/// task: c runs on, and nobody can cancel it any more.
async fn handles_detach() {
    let c_running = Arc::new(AtomicBool::new(true));
    let flag = Arc::clone(&c_running);
    let outcome = try_join_all([
        task::spawn(fetch("a", ms(100), false)),
        task::spawn(fetch("b", ms(300), true)),
        task::spawn(async move {
            let contents = fetch("c", ms(10_000), false).await;
            flag.store(false, Ordering::SeqCst);
            contents
        }),
    ])
    .await;
    println!("  -> {outcome:?}");
    println!(
        "  c still running, detached: {}",
        c_running.load(Ordering::SeqCst)
    );
}
// ANCHOR_END: handles

// ANCHOR: group
/// Spawned tasks in a group: the first error cancels the others, and
/// `join` returns only once they have stopped.
async fn task_group() {
    let mut group = TaskGroup::default();
    group.spawn(fetch("a", ms(100), false));
    group.spawn(fetch("b", ms(300), true));
    group.spawn(fetch("c", ms(10_000), false));
    println!("  -> {:?}", group.join().await);
}

#[async_std::main]
async fn main() {
    println!("futures in place, try_join_all:");
    futures_in_place().await;
    println!("spawned tasks, try_join_all over their JoinHandles:");
    handles_detach().await;
    println!("spawned tasks in a TaskGroup:");
    task_group().await;
}
// ANCHOR_END: group
