//! Structured concurrency on tokio, with its task group, `JoinSet`:
//! `cargo run -p step03-tasks --example task_group_tokio`.
//!
//! The twin of `task_group.rs`. tokio's JoinHandle detaches on drop, as
//! async-std's does; a `JoinSet` owns its tasks instead, like the
//! `TaskGroup` the book builds for async-std.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures::future::try_join_all;
use step03_tasks::lesson::{fetch_or_fail, futures_in_place};
use tokio::task::JoinSet;
use tokio::time::sleep;

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

/// try_join_all over JoinHandles: `Result<Result<..>, JoinError>`, and
/// c's handle, dropped at b's error, detaches c.
async fn handles_detach() {
    let c_running = Arc::new(AtomicBool::new(true));
    let flag = Arc::clone(&c_running);
    let c = async move {
        let contents = fetch_or_fail("c", sleep(ms(10_000)), false).await;
        flag.store(false, Ordering::SeqCst);
        contents
    };
    let handles = [
        tokio::spawn(fetch_or_fail("a", sleep(ms(100)), false)),
        tokio::spawn(fetch_or_fail("b", sleep(ms(300)), true)),
        tokio::spawn(c),
    ];
    let outcome = try_join_all(
        handles.map(|handle| async { handle.await.map_err(|e| e.to_string())? }),
    )
    .await;
    println!("  -> {outcome:?}");
    println!(
        "  c still running, detached: {}",
        c_running.load(Ordering::SeqCst)
    );
}

// ANCHOR: join_set
/// The first error aborts the others; `shutdown` returns once they have
/// stopped. Dropping the set would abort them too, without waiting.
async fn join_set() -> Result<Vec<String>, String> {
    let mut set = JoinSet::new();
    set.spawn(fetch_or_fail("a", sleep(ms(100)), false));
    set.spawn(fetch_or_fail("b", sleep(ms(300)), true));
    set.spawn(fetch_or_fail("c", sleep(ms(10_000)), false));
    let mut contents = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined.map_err(|error| error.to_string())? {
            Ok(text) => contents.push(text), // in the order they finish
            Err(error) => {
                set.shutdown().await; // abort_all(), then wait for each
                return Err(error);
            }
        }
    }
    Ok(contents)
}

#[tokio::main]
async fn main() {
    futures_in_place(sleep).await;
    println!("spawned tasks, try_join_all over their JoinHandles:");
    handles_detach().await;
    println!("spawned tasks in a JoinSet:");
    println!("  -> {:?}", join_set().await);
}
// ANCHOR_END: join_set
