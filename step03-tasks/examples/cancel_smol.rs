//! Cancelling a task on smol: `cargo run -p step03-tasks --example cancel_smol`.
//!
//! The twin of `cancel.rs`, with one difference that matters: dropping a
//! smol `Task` cancels it, where dropping async-std's JoinHandle detaches
//! the task. `.detach()` is how a smol task is let go.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use smol::Timer;
use step03_tasks::{CancelGuard, seconds};

/// A task that sets `done` after 100 ms, if it gets that far.
fn flag_after_100_ms(done: &Arc<AtomicBool>) -> smol::Task<()> {
    let flag = Arc::clone(done);
    smol::spawn(async move {
        Timer::after(Duration::from_millis(100)).await;
        flag.store(true, Ordering::SeqCst);
    })
}

// ANCHOR: cancel
fn main() {
    smol::block_on(async {
        let start = Instant::now();
        let (started, task_started) = smol::channel::bounded(1);
        let long = smol::spawn(async move {
            let guard = CancelGuard::new("the 10 s task");
            let _ = started.send(()).await; // so that main cancels it running
            Timer::after(Duration::from_secs(10)).await;
            guard.finish();
            "finished"
        });
        let _ = task_started.recv().await;
        Timer::after(Duration::from_millis(100)).await;
        let outcome = long.cancel().await; // waits until the task has stopped
        let took = seconds(start.elapsed());
        println!("cancel() on a running task: {outcome:?} after {took}");

        let quick = smol::spawn(async { 6 * 7 });
        Timer::after(Duration::from_millis(100)).await;
        println!("cancel() on a finished task: {:?}", quick.cancel().await);

        // The difference: dropping a Task cancels it ...
        let done = Arc::new(AtomicBool::new(false));
        drop(flag_after_100_ms(&done));
        Timer::after(Duration::from_millis(300)).await;
        println!(
            "a task whose Task was dropped finished: {}",
            done.load(Ordering::SeqCst)
        );
        // ... and detach() lets it run on, as async-std's drop does.
        flag_after_100_ms(&done).detach();
        Timer::after(Duration::from_millis(300)).await;
        println!("a detached task finished: {}", done.load(Ordering::SeqCst));
    })
}
// ANCHOR_END: cancel
