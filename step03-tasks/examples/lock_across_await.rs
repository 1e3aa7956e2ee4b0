//! A lock held across `.await`: the awaited work needs the same lock, so
//! both wait forever. A timeout finds it; releasing the lock before the
//! `.await` fixes it.
//! `cargo run -p step03-tasks --example lock_across_await`

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use async_std::channel::{Receiver, Sender, bounded};
use async_std::future;
use async_std::sync::Mutex;
use async_std::task;

const LIMIT: Duration = Duration::from_millis(500);

#[derive(Debug)]
struct Stock {
    apples: u32,
}

// ANCHOR: auditor
/// Answers each request with the number of apples it counts. Counting
/// needs the lock on the stock.
async fn auditor(stock: Arc<Mutex<Stock>>, requests: Receiver<Sender<u32>>) {
    while let Ok(reply) = requests.recv().await {
        println!("  auditor: got a request, locking the stock");
        let apples = stock.lock().await.apples;
        println!("  auditor: {apples} apples counted");
        let _ = reply.send(apples).await;
    }
}

/// Sends one request to the auditor and awaits its answer.
async fn ask_auditor(auditor: &Sender<Sender<u32>>) -> u32 {
    let (reply, answer) = bounded(1);
    let _ = auditor.send(reply).await;
    answer.recv().await.unwrap_or_default()
}
// ANCHOR_END: auditor

// ANCHOR: wrong
/// Wrong: locks, then awaits the auditor while still holding the guard.
async fn restock_holding_the_lock(
    stock: Arc<Mutex<Stock>>,
    auditor: Sender<Sender<u32>>,
) {
    let mut guard = stock.lock().await;
    println!("  restock: locked the stock, asking the auditor");
    let counted = ask_auditor(&auditor).await; // the guard is still alive here
    guard.apples = counted + 10;
}
// ANCHOR_END: wrong

// ANCHOR: right
/// Right: awaits the auditor first, and holds the lock only for the update,
/// with no `.await` inside the block that holds the guard.
async fn restock_then_lock(stock: Arc<Mutex<Stock>>, auditor: Sender<Sender<u32>>) {
    println!("  restock: asking the auditor (lock not held)");
    let counted = ask_auditor(&auditor).await;
    {
        let mut guard = stock.lock().await;
        guard.apples = counted + 10;
        println!(
            "  restock: locked the stock, {counted} -> {} apples",
            guard.apples
        );
    } // the guard is dropped here, before any later .await
}
// ANCHOR_END: right

// ANCHOR: run
/// Runs the auditor and one restock, at most `LIMIT`, then reports. The
/// restock is an async closure (or async fn) run in place by this task.
async fn run(restock: impl AsyncFnOnce(Arc<Mutex<Stock>>, Sender<Sender<u32>>)) {
    let stock = Arc::new(Mutex::new(Stock { apples: 5 }));
    let (to_auditor, requests) = bounded(1);
    let auditor = task::spawn(auditor(Arc::clone(&stock), requests));
    let mut restock = pin!(restock(Arc::clone(&stock), to_auditor));

    let finished = future::timeout(LIMIT, restock.as_mut()).await.is_ok();
    if !finished {
        let locked = stock.try_lock().is_none();
        println!(
            "  no progress after {} ms: suspected deadlock (stock locked: {locked})",
            LIMIT.as_millis()
        );
    }
    // Cancel the auditor first, so that nothing runs after this report;
    // the restock future is dropped (cancelled) when `run` returns.
    auditor.cancel().await;
}
// ANCHOR_END: run

// ANCHOR: main
#[async_std::main]
async fn main() {
    println!("restock holds the lock across an .await that needs the lock:");
    run(restock_holding_the_lock).await;
    println!("fixed: restock awaits first and locks only for the update:");
    run(restock_then_lock).await;
}
// ANCHOR_END: main
