//! What cancellation cannot stop: a timeout around blocking code that
//! never fires, a dropped `spawn_blocking` handle whose closure runs on,
//! and two ways to make such work stoppable (a flag it checks, chunks with
//! yields). `cargo run -p step03-tasks --example timeout_blocking`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use async_std::future::timeout;
use async_std::task;
use step03_tasks::seconds;

const LIMIT: Duration = Duration::from_millis(100);
const WORK: Duration = Duration::from_millis(300);

// ANCHOR: never_fires
/// Async in name only: it blocks its thread for the whole `WORK`.
async fn blocking_job() -> &'static str {
    std::thread::sleep(WORK);
    "finished"
}

async fn timeout_around_blocking() {
    let started = Instant::now();
    let outcome = timeout(LIMIT, blocking_job()).await;
    let took = seconds(started.elapsed());
    println!("0.1 s timeout around 0.3 s of thread::sleep: {outcome:?} after {took}");
}
// ANCHOR_END: never_fires

// ANCHOR: runs_on
/// A timeout drops the `spawn_blocking` handle; the closure runs on.
async fn dropped_handle_runs_on() {
    let (done, finished) = async_std::channel::bounded(1);
    let handle = task::spawn_blocking(move || {
        std::thread::sleep(WORK);
        let _ = done.send_blocking(());
    });
    let outcome = timeout(LIMIT, handle).await.map_err(|e| e.to_string());
    println!("spawn_blocking under a 0.1 s timeout: {outcome:?}");
    // Nobody awaits the handle now; the closure's message says it ran on.
    let finished = finished.recv().await.is_ok();
    println!("later, the closure has finished anyway: {finished}");
}
// ANCHOR_END: runs_on

// ANCHOR: flag
/// Blocking work that looks at a stop flag between steps.
fn count_steps(stop: &AtomicBool, done: &AtomicU64) {
    for _ in 0..30 {
        if stop.load(Ordering::SeqCst) {
            return; // asked to stop: leave between two steps
        }
        std::thread::sleep(Duration::from_millis(10)); // one step of the work
        done.fetch_add(1, Ordering::SeqCst);
    }
}

async fn stoppable_blocking() {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let (flag, counter) = (Arc::clone(&stop), Arc::clone(&done));
    let mut handle = task::spawn_blocking(move || count_steps(&flag, &counter));
    if timeout(LIMIT, &mut handle).await.is_err() {
        stop.store(true, Ordering::SeqCst); // the timeout asks; the work obeys
        handle.await; // and is gone once this returns
    }
    let stopped_early = done.load(Ordering::SeqCst) < 30;
    println!(
        "spawn_blocking with a stop flag, stopped before its 30 steps: {stopped_early}"
    );
}
// ANCHOR_END: flag

// ANCHOR: chunks
/// CPU work cut into chunks, with a yield after each: a timeout can now
/// drop it between two chunks.
async fn sum_in_chunks(chunks: u64) -> u64 {
    let mut total = 0u64;
    for chunk in 0..chunks {
        total = (0..100_000u64).fold(total, |sum, n| sum.wrapping_add(n ^ chunk));
        task::yield_now().await; // a point where the future can be dropped
    }
    total
}

async fn chunked_cpu_work() {
    let started = Instant::now();
    let outcome = timeout(LIMIT, sum_in_chunks(u64::MAX))
        .await
        .map_err(|e| e.to_string());
    let took = seconds(started.elapsed());
    println!(
        "endless CPU work in chunks under a 0.1 s timeout: {outcome:?} after {took}"
    );
}
// ANCHOR_END: chunks

#[async_std::main]
async fn main() {
    timeout_around_blocking().await;
    dropped_handle_runs_on().await;
    stoppable_blocking().await;
    chunked_cpu_work().await;
}
