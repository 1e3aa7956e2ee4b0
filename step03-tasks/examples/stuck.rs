//! Where is it stuck? Two fetches, one of which waits for a reply that
//! never comes: tracing spans say which task each event comes from, and a
//! watchdog prints the stage a task has been in for too long.
//! `cargo run -p step03-tasks --example stuck`

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_std::channel::{Receiver, Sender, unbounded};
use async_std::task;
use step03_tasks::seconds;
use tracing::{Instrument, info, info_span};

/// After this long in one stage, the watchdog reports a task.
const STUCK_AFTER: Duration = Duration::from_millis(500);

// ANCHOR: stages
/// What each task is waiting for, and since when: tasks write, the
/// watchdog reads.
#[derive(Debug, Clone, Default)]
struct Stages(Arc<Mutex<BTreeMap<String, (&'static str, Instant)>>>);

impl Stages {
    /// Awaits `work`, recorded as `task`'s current stage while it runs.
    async fn at<F: Future>(
        &self,
        task: &str,
        stage: &'static str,
        work: F,
    ) -> F::Output {
        info!("{stage}");
        let entry = (stage, Instant::now());
        self.0.lock().unwrap().insert(task.to_string(), entry);
        let output = work.await;
        self.0.lock().unwrap().remove(task);
        output
    }

    /// The tasks that have been in one stage longer than `bound`.
    fn stuck(&self, bound: Duration) -> Vec<(String, &'static str)> {
        let stages = self.0.lock().unwrap();
        let too_long = stages
            .iter()
            .filter(|(_, (_, since))| since.elapsed() > bound);
        too_long
            .map(|(task, (stage, _))| (task.clone(), *stage))
            .collect()
    }
}
// ANCHOR_END: stages

// ANCHOR: fetch
/// Connects, then waits for a reply on `replies`.
async fn fetch(page: &'static str, stages: Stages, replies: Receiver<String>) {
    let name = format!("fetch {page}");
    let connect = task::sleep(Duration::from_millis(200));
    stages.at(&name, "connecting", connect).await;
    let reply = stages
        .at(&name, "waiting for the reply", replies.recv())
        .await;
    info!("got {:?}", reply.unwrap_or_default());
}

fn spawn_fetch(
    page: &'static str,
    stages: &Stages,
    replies: Receiver<String>,
) -> task::JoinHandle<()> {
    let span = info_span!("fetch", page); // every event inside carries it
    task::spawn(fetch(page, stages.clone(), replies).instrument(span))
}
// ANCHOR_END: fetch

// ANCHOR: watchdog
/// Every tenth of a second, prints each task stuck in one stage for longer
/// than `bound`, once.
async fn watchdog(stages: Stages, bound: Duration) {
    let mut reported = Vec::new();
    loop {
        task::sleep(Duration::from_millis(100)).await;
        for (task, stage) in stages.stuck(bound) {
            if !reported.contains(&task) {
                println!(
                    "watchdog: {task} has been `{stage}` for over {}",
                    seconds(bound)
                );
                reported.push(task);
            }
        }
    }
}
// ANCHOR_END: watchdog

// ANCHOR: main
#[async_std::main]
async fn main() {
    tracing_subscriber::fmt()
        .without_time()
        .with_target(false)
        .init();
    let stages = Stages::default();
    task::spawn(watchdog(stages.clone(), STUCK_AFTER));
    let (answer_a, replies_a): (Sender<String>, _) = unbounded();
    let (never_sent, replies_b) = unbounded();
    // The bug: a sender kept and never used. (Forgotten rather than dropped
    // at the end of main: a drop would close the channel and wake b.)
    std::mem::forget(never_sent);
    let a = spawn_fetch("a", &stages, replies_a);
    task::sleep(Duration::from_millis(100)).await;
    let b = spawn_fetch("b", &stages, replies_b);
    task::sleep(Duration::from_millis(300)).await;
    answer_a
        .send("page a".into())
        .await
        .expect("a waits for it");
    a.await;
    let start = Instant::now();
    let outcome = match async_std::future::timeout(Duration::from_secs(1), b).await {
        Ok(()) => "done",
        Err(_) => "gave up", // dropping the handle detaches b: it waits on
    };
    println!(
        "main: {outcome} on fetch b after {}",
        seconds(start.elapsed())
    );
}
// ANCHOR_END: main
