//! Retry with backoff on the real clock: an operation that fails three
//! times, then succeeds. `cargo run -p step03-tasks --example retry`
//! The same retry under a fake clock, without waiting, is in
//! `tests/time_in_tests.rs`.

use std::time::{Duration, Instant};

use step03_tasks::retry::{RealClock, retry};
use step03_tasks::seconds;

// ANCHOR: main
#[async_std::main]
async fn main() {
    let start = Instant::now();
    let mut attempts = 0;
    let answer = retry(&RealClock, 5, Duration::from_millis(100), || {
        attempts += 1;
        let attempt = attempts;
        let at = seconds(start.elapsed());
        async move {
            if attempt < 4 {
                println!("[{at}] attempt {attempt}: refused");
                Err("refused")
            } else {
                println!("[{at}] attempt {attempt}: ok");
                Ok(42)
            }
        }
    })
    .await;
    println!("{answer:?} after {}", seconds(start.elapsed()));
}
// ANCHOR_END: main
