//! Backpressure: a bounded channel makes a fast producer wait for a slow
//! consumer, so the queue between them never grows past its capacity.
//! `cargo run -p step03-tasks --example backpressure`

use std::time::{Duration, Instant};

use async_std::channel::{self, Receiver, Sender, TrySendError};
use async_std::task;
use step03_tasks::args;

const USAGE: &str = "backpressure [--items N (1-200)] [--capacity N (1-100)]";
const WORK: Duration = Duration::from_millis(20);

// ANCHOR: pipeline
/// Sends `items` as fast as the channel allows; returns when it finished
/// and the longest the queue ever was.
async fn producer(
    sender: Sender<u64>,
    items: u64,
    started: Instant,
) -> (Duration, usize) {
    let mut peak = 0;
    for item in 0..items {
        // On a full bounded channel, `send` waits for room: backpressure.
        // On an unbounded one it never waits, and the queue just grows.
        if sender.send(item).await.is_err() {
            break;
        }
        peak = peak.max(sender.len());
    }
    (started.elapsed(), peak)
}

// ANCHOR_END: pipeline

// ANCHOR: pipeline_run
/// Takes items one by one, each costing `WORK`.
async fn consumer(receiver: Receiver<u64>, started: Instant) -> Duration {
    while receiver.recv().await.is_ok() {
        task::sleep(WORK).await;
    }
    started.elapsed()
}

/// Runs both ends over one channel and prints what happened.
async fn run(
    label: &str,
    (sender, receiver): (Sender<u64>, Receiver<u64>),
    items: u64,
) {
    let started = Instant::now();
    // One task, two futures: the same interleaving as asyncio's event loop,
    // so the numbers are the same on every run.
    let ((produced, peak), consumed) = futures::join!(
        producer(sender, items, started),
        consumer(receiver, started)
    );
    println!(
        "{label:<14} producer done at {:>6}, queue peaked at {peak:>2} items, \
         consumer done at {:>6}",
        millis(produced),
        millis(consumed)
    );
}
// ANCHOR_END: pipeline_run

// ANCHOR: shed
/// Load shedding: `try_send` never waits; on a full channel it fails at
/// once, and the producer can drop the item or answer "busy".
fn shed(items: u64, capacity: usize) {
    let (sender, _receiver) = channel::bounded(capacity);
    let rejected = (0..items)
        .filter(|item| matches!(sender.try_send(*item), Err(TrySendError::Full(_))))
        .count();
    println!(
        "try_send:      {} accepted, {rejected} rejected as full",
        items as usize - rejected
    );
}
// ANCHOR_END: shed

fn millis(duration: Duration) -> String {
    let rounded = (duration.as_secs_f64() * 100.0).round() * 10.0;
    format!("{rounded:.0} ms")
}

// ANCHOR: main
#[async_std::main]
async fn main() {
    let options = [
        args::number("--items", 10, 1..=200),
        args::number("--capacity", 2, 1..=100),
    ];
    let values = args::read(USAGE, |arguments| args::numbers(arguments, &options));
    let (items, capacity) = (values[0], values[1] as usize);

    println!("{items} items; the consumer takes 20 ms per item");
    run("unbounded:", channel::unbounded(), items).await;
    run(
        &format!("bounded({capacity}):"),
        channel::bounded(capacity),
        items,
    )
    .await;
    shed(items, capacity);
}
// ANCHOR_END: main
