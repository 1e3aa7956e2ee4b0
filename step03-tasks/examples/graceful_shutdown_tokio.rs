//! Graceful shutdown on tokio: `cargo run -p step03-tasks --example graceful_shutdown_tokio`
//! sends itself the SIGINT that Ctrl-C sends (SIGTERM works the same);
//! `-- --wait` waits for you to press Ctrl-C.
//!
//! The twin of `graceful_shutdown.rs`, with the tools tokio code uses:
//! `tokio::signal` for SIGINT and SIGTERM, a `TaskTracker` (tokio-util) to
//! wait for every task, and a `CancellationToken` to stop the ones still
//! running after the grace period, at their next `.await`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use step03_tasks::lesson::Connection;
use step03_tasks::seconds;
use step03_tasks::shutdown::{interrupt, wait_option};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{Receiver, channel};
use tokio::time::{sleep, timeout};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

const GRACE: Duration = Duration::from_secs(2);
const JOBS: usize = 9;

/// Takes jobs from its own queue until the queue is closed and empty.
async fn worker(mut jobs: Receiver<u32>, done: Arc<AtomicUsize>) -> &'static str {
    while let Some(_job) = jobs.recv().await {
        sleep(Duration::from_millis(50)).await; // the work
        done.fetch_add(1, Ordering::SeqCst);
    }
    "drained the queue, cleaned up, stopped"
}

/// A task that never looks at any stop signal.
async fn stubborn() -> &'static str {
    let _connection = Connection("stubborn");
    sleep(Duration::from_secs(60)).await;
    "finished"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let wait_for_user = wait_option("graceful_shutdown_tokio");
    let (mut ctrl_c, mut terminate) = (
        signal(SignalKind::interrupt())?,
        signal(SignalKind::terminate())?,
    );
    let (tracker, hard_stop) = (TaskTracker::new(), CancellationToken::new());
    let done = Arc::new(AtomicUsize::new(0));
    let (mut queues, mut tasks) = (Vec::new(), Vec::new());
    for n in 1..=3 {
        let (queue, jobs) = channel(JOBS);
        queues.push(queue);
        let work = hard_stop
            .clone()
            .run_until_cancelled_owned(worker(jobs, Arc::clone(&done)));
        tasks.push((format!("worker-{n}"), tracker.spawn(work)));
    }
    for job in 1..=JOBS as u32 {
        let _ = queues[job as usize % 3].send(job).await;
    }
    tasks.push((
        "stubborn".into(),
        tracker.spawn(hard_stop.clone().run_until_cancelled_owned(stubborn())),
    ));
    println!("{JOBS} jobs queued; 3 workers and a stubborn task started");
    interrupt(wait_for_user)?;

    // ANCHOR: shutdown
    let which = tokio::select! {
        _ = ctrl_c.recv() => "SIGINT",
        _ = terminate.recv() => "SIGTERM",
    };
    println!("{which}: the queues are closed, the workers drain them");
    drop(queues);

    println!("waiting up to {} for every task:", seconds(GRACE));
    tracker.close(); // no more tasks: wait() can now return
    if timeout(GRACE, tracker.wait()).await.is_err() {
        hard_stop.cancel(); // stops the rest at their next .await
        tracker.wait().await; // returns once their futures are dropped
    }
    for (name, task) in tasks {
        match task.await {
            Ok(Some(report)) => println!("  {name}: {report}"),
            _ => println!("  {name}: still running after the grace period: cancelled"),
        }
    }
    // ANCHOR_END: shutdown
    println!(
        "{} of {JOBS} jobs done; no task left running",
        done.load(Ordering::SeqCst)
    );
    Ok(())
}
