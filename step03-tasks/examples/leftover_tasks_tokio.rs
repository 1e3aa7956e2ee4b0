//! What happens to tasks still running when `main` returns, on tokio:
//! `cargo run -p step03-tasks --example leftover_tasks_tokio`.
//!
//! The twin of `leftover_tasks.rs`. When `#[tokio::main]` returns, the
//! runtime is dropped: it stops every task at its next `.await`, drops its
//! future, and waits for that. So worker-2's `Drop` runs, where under
//! `#[async_std::main]` it never does.

use futures::future::pending;
use step03_tasks::lesson::Connection;
use tokio::sync::mpsc::{Sender, channel};

/// Opens a connection, says so, then waits forever.
async fn worker(name: &'static str, started: Sender<()>) {
    let _connection = Connection(name);
    let _ = started.send(()).await;
    pending::<()>().await;
}

// ANCHOR: leftover
#[tokio::main]
async fn main() {
    let (started, mut started_rx) = channel(2);
    let first = tokio::spawn(worker("worker-1", started.clone()));
    let _second = tokio::spawn(worker("worker-2", started));
    for _ in 0..2 {
        let _ = started_rx.recv().await;
    }
    println!("main: both workers hold a connection");
    println!("main: cancelling worker-1");
    first.abort();
    let _ = first.await; // returns once the task is gone: its Drop has run
    println!("main: returning while worker-2 still runs");
}
// ANCHOR_END: leftover
