//! Cancelling a task on tokio: `cargo run -p step03-tasks --example cancel_tokio`.
//!
//! The twin of `cancel.rs`. tokio cancels with `abort()`, which only asks:
//! the task stops at its next `.await`, and awaiting the handle afterwards
//! tells how it ended. Dropping a JoinHandle detaches, as in async-std.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use step03_tasks::{CancelGuard, seconds};
use tokio::time::sleep;

// ANCHOR: cancel
#[tokio::main]
async fn main() {
    let start = Instant::now();
    let (started, mut task_started) = tokio::sync::mpsc::channel(1);
    let long = tokio::spawn(async move {
        let guard = CancelGuard::new("the 10 s task");
        let _ = started.send(()).await; // so that main aborts it running
        sleep(Duration::from_secs(10)).await;
        guard.finish();
        "finished"
    });
    let _ = task_started.recv().await;
    sleep(Duration::from_millis(100)).await;
    long.abort(); // returns at once: the task may still be running here
    let outcome = long.await.map_err(|error| match error.is_cancelled() {
        true => "cancelled",
        false => "panicked",
    });
    let took = seconds(start.elapsed());
    println!("abort() on a running task: {outcome:?} after {took}");

    let quick = tokio::spawn(async { 6 * 7 });
    sleep(Duration::from_millis(100)).await;
    quick.abort(); // too late: the task has finished, its result is kept
    println!("abort() on a finished task: {:?}", quick.await.ok());

    let done = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&done);
    let detached = tokio::spawn(async move {
        sleep(Duration::from_millis(100)).await;
        flag.store(true, Ordering::SeqCst);
    });
    drop(detached);
    sleep(Duration::from_millis(300)).await;
    println!(
        "a task whose handle was dropped still finished: {}",
        done.load(Ordering::SeqCst)
    );
}
// ANCHOR_END: cancel
