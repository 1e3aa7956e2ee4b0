//! What happens to tasks still running when `main` returns, on smol:
//! `cargo run -p step03-tasks --example leftover_tasks_smol`.
//!
//! The twin of `leftover_tasks.rs`, with tasks on an `Executor` of our
//! own: dropping the executor drops the futures of the tasks it still
//! holds, so worker-2's `Drop` runs. Under `#[async_std::main]` it never
//! does: the process ends with the task still in the air.

use futures::channel::oneshot;
use smol::Executor;
use step03_tasks::lesson::hold_connection_forever;

// ANCHOR: leftover
fn main() {
    let executor = Executor::new();
    // run() drives the executor's tasks while the given future runs.
    smol::block_on(executor.run(async {
        // Each worker opens a connection, says so, then waits forever
        // (`lesson::hold_connection_forever`).
        let (first_opened, first_open) = oneshot::channel();
        let (second_opened, second_open) = oneshot::channel();
        let first = executor.spawn(hold_connection_forever("worker-1", first_opened));
        executor
            .spawn(hold_connection_forever("worker-2", second_opened))
            .detach();
        let _ = futures::join!(first_open, second_open);
        println!("main: both workers hold a connection");
        println!("main: cancelling worker-1");
        first.cancel().await;
        println!("main: returning while worker-2 still runs");
    }));
    println!("main: dropping the executor, with worker-2 in it");
    drop(executor);
}
// ANCHOR_END: leftover
