//! Thousands of tasks, measured:
//! `cargo run --release -p step03-tasks --example scale -- --tasks 100000`.
//!
//! Spawns N tasks that each sleep 100 ms, waits for all of them, and prints
//! the wall time against the ideal (100 ms: they all sleep at once) and the
//! memory each task cost. `python3 step03-tasks/python/scale.py` does the
//! same with asyncio.
// listing-output: shape-only

use std::time::{Duration, Instant};

use async_std::task;
use step03_tasks::args;
use step03_tasks::scale::{
    SCALE_TASKS, USAGE, bytes_per_task, megabytes, peak_resident_bytes, resident_bytes,
    tasks, with_commas,
};

const SLEEP: Duration = Duration::from_millis(100);

// ANCHOR: main
fn main() {
    let count = args::read(USAGE, |arguments| tasks(arguments, SCALE_TASKS));
    task::block_on(run(count));
}
// ANCHOR_END: main

// ANCHOR: run
async fn run(tasks: usize) {
    let before = resident_bytes();
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| task::spawn(task::sleep(SLEEP)))
        .collect();
    let spawned = start.elapsed();
    for handle in handles {
        handle.await;
    }
    let wall = start.elapsed();
    // The high-water mark: resident memory at its peak, all tasks alive.
    let peak = peak_resident_bytes();

    let overhead = wall.saturating_sub(SLEEP);
    println!(
        "async-std: {} tasks, each sleeping 100 ms",
        with_commas(tasks)
    );
    println!("  spawning took      {:.3} s", spawned.as_secs_f64());
    println!("  wall time          {:.3} s", wall.as_secs_f64());
    println!("  ideal              {:.3} s", SLEEP.as_secs_f64());
    println!("  overhead           {:.3} s", overhead.as_secs_f64());
    println!("  memory before      {}", megabytes(before));
    println!("  memory at peak     {}", megabytes(peak));
    let per_task = bytes_per_task(before, peak, tasks);
    let per_task = per_task.map_or("n/a".to_string(), |bytes| format!("{bytes} bytes"));
    println!("  memory per task    {per_task}");
}
// ANCHOR_END: run
