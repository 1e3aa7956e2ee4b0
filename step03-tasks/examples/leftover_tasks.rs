//! What happens to tasks still running when `main` returns: under
//! `#[async_std::main]` they are killed with the process, and their `Drop`
//! never runs. `cargo run -p step03-tasks --example leftover_tasks`

use async_std::channel::{Sender, bounded};
use async_std::task;
use futures::future::pending;

// ANCHOR: leftover
/// Stands for anything with cleanup to do: a connection to close politely,
/// a file to flush, a lock file to remove.
struct Connection(&'static str);

impl Drop for Connection {
    fn drop(&mut self) {
        println!("  {}: connection closed (Drop ran)", self.0);
    }
}

/// Opens a connection, says so, then waits forever.
async fn worker(name: &'static str, started: Sender<()>) {
    let _connection = Connection(name);
    let _ = started.send(()).await;
    pending::<()>().await;
}

#[async_std::main]
async fn main() {
    let (started, started_rx) = bounded(2);
    let first = task::spawn(worker("worker-1", started.clone()));
    let _second = task::spawn(worker("worker-2", started));
    for _ in 0..2 {
        let _ = started_rx.recv().await;
    }
    println!("main: both workers hold a connection");
    println!("main: cancelling worker-1");
    first.cancel().await;
    println!("main: returning while worker-2 still runs");
}
// ANCHOR_END: leftover
