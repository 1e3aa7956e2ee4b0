//! What happens to tasks still running when `main` returns, on tokio:
//! `cargo run -p step03-tasks --example leftover_tasks_tokio`.
//!
//! The twin of `leftover_tasks.rs`. When `#[tokio::main]` returns, the
//! runtime is dropped: it stops every task at its next `.await`, drops its
//! future, and waits for that. So worker-2's `Drop` runs, where under
//! `#[async_std::main]` it never does.

use futures::channel::oneshot;
use step03_tasks::lesson::hold_connection_forever;

// ANCHOR: leftover
#[tokio::main]
async fn main() {
    let (first_opened, first_open) = oneshot::channel();
    let (second_opened, second_open) = oneshot::channel();
    let first = tokio::spawn(hold_connection_forever("worker-1", first_opened));
    let _second = tokio::spawn(hold_connection_forever("worker-2", second_opened));
    let _ = futures::join!(first_open, second_open);
    println!("main: both workers hold a connection");
    println!("main: cancelling worker-1");
    first.abort();
    let _ = first.await; // returns once the task is gone: its Drop has run
    println!("main: returning while worker-2 still runs");
}
// ANCHOR_END: leftover
