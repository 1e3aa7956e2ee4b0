//! Blocking the executor, made visible, on smol:
//! `cargo run -p step03-tasks --example blocking_ticker_smol`.
//!
//! The twin of `blocking_ticker.rs`: the same lesson on every runtime. A
//! blocking call holds the thread of the task that makes it, and its
//! neighbours in that task wait; `smol::unblock` moves it to a
//! thread pool for blocking work.

use std::thread;
use std::time::{Duration, Instant};

const TICKS: usize = 10;
const PERIOD: Duration = Duration::from_millis(100);
const JOBS: usize = 3;
const JOB_TIME: Duration = Duration::from_millis(250);

/// Ticks `TICKS` times, `PERIOD` apart, and returns when each tick happened.
/// If nothing else hogs the thread, consecutive ticks are `PERIOD` apart.
async fn ticker() -> Vec<Instant> {
    let mut ticks = Vec::with_capacity(TICKS);
    for _ in 0..TICKS {
        ticks.push(Instant::now());
        smol::Timer::after(PERIOD).await;
    }
    ticks
}

// ANCHOR: blocking
/// A blocking call, such as a synchronous database driver or a long
/// computation: `thread::sleep` stands for it. It holds the thread.
fn blocking_job() {
    thread::sleep(JOB_TIME);
}

/// Wrong: calls the blocking function directly from async code.
async fn jobs_blocking_the_thread() {
    for _ in 0..JOBS {
        blocking_job();
        // Real code awaits something between two calls (a request, a
        // message); yielding stands for that.
        smol::future::yield_now().await;
    }
}

/// Right: runs each blocking call on smol's pool of blocking threads
/// (the `blocking` crate, async-std's too) and awaits its result.
async fn jobs_on_blocking_threads() {
    for _ in 0..JOBS {
        smol::unblock(blocking_job).await;
    }
}
// ANCHOR_END: blocking

/// Summarises a ticker run: total time and the longest gap between ticks.
fn report(ticks: &[Instant]) -> String {
    let gaps: Vec<Duration> = ticks.windows(2).map(|pair| pair[1] - pair[0]).collect();
    let longest = gaps.iter().max().copied().unwrap_or_default();
    let total = ticks[ticks.len() - 1] - ticks[0];
    format!(
        "{TICKS} ticks took {}, longest gap {}",
        millis(total),
        millis(longest)
    )
}

/// A duration rounded to 10 ms, e.g. `250 ms`: stable from run to run.
fn millis(duration: Duration) -> String {
    let rounded = (duration.as_secs_f64() * 100.0).round() * 10.0;
    format!("{rounded:.0} ms")
}

// ANCHOR: main
fn main() {
    smol::block_on(run());
}

async fn run() {
    println!("a ticker every 100 ms, next to {JOBS} jobs of 250 ms each");

    // Both futures run in ONE task, on one thread, like asyncio's event
    // loop: whatever one of them does between two awaits, the other waits.
    let (ticks, ()) = futures::join!(ticker(), jobs_blocking_the_thread());
    println!("blocking calls in async code: {}", report(&ticks));

    let (ticks, ()) = futures::join!(ticker(), jobs_on_blocking_threads());
    println!("smol::unblock:                {}", report(&ticks));
}
// ANCHOR_END: main
