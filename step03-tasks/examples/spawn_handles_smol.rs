//! A spawned task runs on its own, on smol:
//! `cargo run -p step03-tasks --example spawn_handles_smol`.
//!
//! The twin of `spawn_handles.rs`. smol::spawn returns a `Task`; here it is
//! awaited, so it behaves like async-std's JoinHandle.

use std::time::{Duration, Instant};

use smol::Timer;
use step03_tasks::lesson::{print_awaited, report_task};

// ANCHOR: spawn
fn main() {
    smol::block_on(async {
        let start = Instant::now();
        println!("1. spawning a task that needs 300 ms");
        let work = Timer::after(Duration::from_millis(300));
        let task = smol::spawn(report_task(work, start));

        Timer::after(Duration::from_millis(500)).await;
        println!("2. main did 500 ms of other work");
        print_awaited(task.await, start); // a Task gives the output itself
    })
}
// ANCHOR_END: spawn
