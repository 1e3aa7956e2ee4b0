//! Tasks that are not `Send`, on tokio: `cargo run -p step03-tasks --example local_tasks_tokio`.
//!
//! `tokio::spawn` needs a `Send` future, because the multi-thread runtime
//! may move a task between threads. A future that holds an `Rc` across an
//! `.await` is not `Send`; `spawn_local` on a `LocalSet` runs it on this
//! one thread instead. (smol's `LocalExecutor` is the same idea, see
//! `task_group_smol.rs`; async-std has `task::spawn_local`.)

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use tokio::task::{LocalSet, spawn_local};

// ANCHOR: local
#[tokio::main]
async fn main() {
    let log = Rc::new(RefCell::new(Vec::new())); // Rc: shared, not Send
    let local = LocalSet::new();
    local
        .run_until(async {
            let writers: Vec<_> = (1..=3)
                .map(|n| {
                    let log = Rc::clone(&log);
                    spawn_local(async move {
                        tokio::time::sleep(Duration::from_millis(30 * (4 - n))).await;
                        log.borrow_mut().push(format!("writer-{n}"));
                    })
                })
                .collect();
            for writer in writers {
                let _ = writer.await;
            }
        })
        .await;
    println!(
        "three local tasks wrote, in the order they woke: {:?}",
        log.borrow()
    );
}
// ANCHOR_END: local
