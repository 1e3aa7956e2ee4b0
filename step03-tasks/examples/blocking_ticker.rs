//! Blocking the executor, made visible: a ticker that should tick every
//! 100 ms misses its ticks while blocking code runs next to it; moving the
//! blocking code to `task::spawn_blocking` fixes it.
//! `cargo run -p step03-tasks --example blocking_ticker`

use async_std::task;
use step03_tasks::lesson::{BLOCKING_JOBS, blocking_job, ticker, ticker_report};

// ANCHOR: blocking
/// Wrong: calls the blocking function directly from async code.
async fn jobs_blocking_the_thread() {
    for _ in 0..BLOCKING_JOBS {
        blocking_job();
        // Real code awaits something between two calls (a request, a
        // message); yielding stands for that.
        task::yield_now().await;
    }
}

/// Right: runs each blocking call on async-std's pool of blocking threads
/// and awaits its result; this task's thread stays free meanwhile.
async fn jobs_on_blocking_threads() {
    for _ in 0..BLOCKING_JOBS {
        task::spawn_blocking(blocking_job).await;
    }
}
// ANCHOR_END: blocking

// ANCHOR: main
#[async_std::main]
async fn main() {
    println!("a ticker every 100 ms, next to {BLOCKING_JOBS} jobs of 250 ms each");

    // Both futures run in ONE task, on one thread, like asyncio's event
    // loop: whatever one of them does between two awaits, the other waits.
    let (ticks, ()) = futures::join!(ticker(task::sleep), jobs_blocking_the_thread());
    println!("blocking calls in async code: {}", ticker_report(&ticks));

    let (ticks, ()) = futures::join!(ticker(task::sleep), jobs_on_blocking_threads());
    println!("task::spawn_blocking:         {}", ticker_report(&ticks));
}
// ANCHOR_END: main
