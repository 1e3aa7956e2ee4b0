//! Graceful shutdown: on Ctrl-C, stop taking work, let the workers drain
//! the queue and clean up, wait for them, and cancel whatever is still
//! running after a grace period.
//! `cargo run -p step03-tasks --example graceful_shutdown` sends itself the
//! SIGINT that Ctrl-C sends; `-- --wait` waits for you to press Ctrl-C.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use async_signal::{Signal, Signals};
use async_std::channel::{Receiver, bounded};
use async_std::future::timeout;
use async_std::task::{self, JoinHandle};
use futures::StreamExt;
use step03_tasks::lesson::Connection;
use step03_tasks::seconds;
use step03_tasks::shutdown::{interrupt, wait_option};

const GRACE: Duration = Duration::from_secs(2);
const JOBS: usize = 9;

// ANCHOR: tasks
/// Takes jobs until the queue is closed *and* empty: closing the queue is
/// the stop signal, and what was queued before it still gets done.
async fn worker(jobs: Receiver<u32>, done: Arc<AtomicUsize>) -> &'static str {
    while let Ok(_job) = jobs.recv().await {
        task::sleep(Duration::from_millis(50)).await; // the work
        done.fetch_add(1, Ordering::SeqCst);
    }
    // Cleanup goes here: flush, close connections, remove temporary files.
    "drained the queue, cleaned up, stopped"
}

/// A task that never looks at any stop signal.
async fn stubborn() -> &'static str {
    let _connection = Connection("stubborn");
    task::sleep(Duration::from_secs(60)).await;
    "finished"
}
// ANCHOR_END: tasks

// ANCHOR: main
#[async_std::main]
async fn main() -> std::io::Result<()> {
    let wait_for_user = wait_option("graceful_shutdown");
    // First of all: from here on, Ctrl-C is a message, not the end.
    let mut ctrl_c = Signals::new([Signal::Int])?;
    let (queue, jobs) = bounded(JOBS);
    let done = Arc::new(AtomicUsize::new(0));
    for job in 1..=JOBS as u32 {
        queue.send(job).await.expect("the queue is open");
    }
    let mut tasks = Vec::new();
    for n in 1..=3 {
        let worker = task::spawn(worker(jobs.clone(), Arc::clone(&done)));
        tasks.push((format!("worker-{n}"), worker));
    }
    tasks.push(("stubborn".into(), task::spawn(stubborn())));
    println!("{JOBS} jobs queued; 3 workers and a stubborn task started");
    interrupt(wait_for_user)?;

    ctrl_c.next().await;
    println!("SIGINT: the queue is closed, the workers drain it");
    queue.close();

    wait_or_cancel(tasks, GRACE).await;
    println!(
        "{} of {JOBS} jobs done; no task left running",
        done.load(Ordering::SeqCst)
    );
    Ok(())
}
// ANCHOR_END: main

// ANCHOR: grace
/// Awaits every task until `grace` has passed, then cancels the ones left.
async fn wait_or_cancel(
    tasks: Vec<(String, JoinHandle<&'static str>)>,
    grace: Duration,
) {
    println!("waiting up to {} for every task:", seconds(grace));
    let deadline = Instant::now() + grace;
    for (name, mut handle) in tasks {
        let left = deadline.saturating_duration_since(Instant::now());
        match timeout(left, &mut handle).await {
            Ok(report) => println!("  {name}: {report}"),
            Err(_) => {
                handle.cancel().await; // returns once its Drop has run
                println!("  {name}: still running after the grace period: cancelled");
            }
        }
    }
}
// ANCHOR_END: grace
