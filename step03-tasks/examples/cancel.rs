//! Cancelling a task: `cargo run -p step03-tasks --example cancel`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use async_std::task;
use step03_tasks::{CancelGuard, seconds};

// ANCHOR: cancel
#[async_std::main]
async fn main() {
    // A running task: cancel() drops its future where it is paused and
    // returns None, because there is no result.
    let start = Instant::now();
    let long = task::spawn(async {
        let guard = CancelGuard::new("the 10 s task");
        task::sleep(Duration::from_secs(10)).await;
        guard.finish();
        "finished"
    });
    task::sleep(Duration::from_millis(100)).await;
    let outcome = long.cancel().await;
    println!(
        "cancel() on a running task: {outcome:?} after {}",
        seconds(start.elapsed())
    );

    // A finished task: cancel() has nothing to stop and returns its result.
    let quick = task::spawn(async { 6 * 7 });
    task::sleep(Duration::from_millis(100)).await;
    println!("cancel() on a finished task: {:?}", quick.cancel().await);

    // Dropping a JoinHandle does NOT cancel: the task is detached and runs on.
    let done = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&done);
    let detached = task::spawn(async move {
        task::sleep(Duration::from_millis(100)).await;
        flag.store(true, Ordering::SeqCst);
    });
    drop(detached);
    task::sleep(Duration::from_millis(300)).await;
    println!(
        "a task whose handle was dropped still finished: {}",
        done.load(Ordering::SeqCst)
    );
}
// ANCHOR_END: cancel
