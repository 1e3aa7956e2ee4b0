//! A spawned task runs on its own, on smol:
//! `cargo run -p step03-tasks --example spawn_handles_smol`.
//!
//! The twin of `spawn_handles.rs`. smol::spawn returns a `Task`; here it is
//! awaited, so it behaves like async-std's JoinHandle.

use std::time::{Duration, Instant};

use smol::Timer;
use step03_tasks::seconds;

// ANCHOR: spawn
fn main() {
    smol::block_on(async {
        let start = Instant::now();
        println!("1. spawning a task that needs 300 ms");
        let task = smol::spawn(async move {
            Timer::after(Duration::from_millis(300)).await;
            // The task notes when it finished; nobody has awaited it yet.
            ("report", seconds(start.elapsed()))
        });

        Timer::after(Duration::from_millis(500)).await;
        println!("2. main did 500 ms of other work");

        let (report, finished) = task.await;
        let took = seconds(start.elapsed());
        println!("3. the task had finished at {finished}, before anyone awaited it");
        println!("4. handle.await gave {report:?}; total {took}, not 0.3 + 0.5 s");
    })
}
// ANCHOR_END: spawn
