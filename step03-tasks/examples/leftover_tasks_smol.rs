//! What happens to tasks still running when `main` returns, on smol:
//! `cargo run -p step03-tasks --example leftover_tasks_smol`.
//!
//! The twin of `leftover_tasks.rs`, with tasks on an `Executor` of our
//! own: dropping the executor drops the futures of the tasks it still
//! holds, so worker-2's `Drop` runs. Under `#[async_std::main]` it never
//! does: the process ends with the task still in the air.

use futures::future::pending;
use smol::Executor;
use smol::channel::{Sender, bounded};
use step03_tasks::lesson::Connection;

/// Opens a connection, says so, then waits forever.
async fn worker(name: &'static str, started: Sender<()>) {
    let _connection = Connection(name);
    let _ = started.send(()).await;
    pending::<()>().await;
}

// ANCHOR: leftover
fn main() {
    let executor = Executor::new();
    // run() drives the executor's tasks while the given future runs.
    smol::block_on(executor.run(async {
        let (started, started_rx) = bounded(2);
        let first = executor.spawn(worker("worker-1", started.clone()));
        executor.spawn(worker("worker-2", started)).detach();
        // One message from each worker: both have opened their connection.
        let _ = futures::join!(started_rx.recv(), started_rx.recv());
        println!("main: both workers hold a connection");
        println!("main: cancelling worker-1");
        first.cancel().await;
        println!("main: returning while worker-2 still runs");
    }));
    println!("main: dropping the executor, with worker-2 in it");
    drop(executor);
}
// ANCHOR_END: leftover
