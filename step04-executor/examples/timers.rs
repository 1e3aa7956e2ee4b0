//! Stage 4: one timer heap for every sleep:
//! `cargo run -p step04-executor --example timers`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use step04_executor::{block_on, sleep, spawn};

/// A duration in whole milliseconds, rounded down to a multiple of 10 so
/// that runs print the same text.
fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis() / 10 * 10)
}

// ANCHOR: timers
fn main() {
    step04_executor::reject_arguments();
    let start = Instant::now();
    let log = Arc::new(Mutex::new(Vec::new()));
    block_on(async {
        // Spawned in one order, due in another.
        let handles: Vec<_> = [("c", 300), ("a", 100), ("d", 400), ("b", 200)]
            .into_iter()
            .map(|(name, ms)| {
                let log = log.clone();
                spawn(async move {
                    sleep(Duration::from_millis(ms)).await;
                    log.lock().unwrap().push(name);
                    println!("[{}] {name} woke up", millis(start.elapsed()));
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    println!("woken in deadline order: {:?}", log.lock().unwrap());

    // Ten thousand sleeps on one thread, without a thread per sleep.
    let start = Instant::now();
    block_on(async {
        let handles: Vec<_> = (0..10_000)
            .map(|_| spawn(sleep(Duration::from_millis(200))))
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    println!(
        "10000 tasks slept 200 ms each, together, in {}",
        millis(start.elapsed())
    );
}
// ANCHOR_END: timers
