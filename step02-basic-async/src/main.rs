//! `cargo run -p step02-basic-async`: two sleeps, one after the other.
//!
//! The Rust twin of the first example in Python's asyncio documentation:
//! awaiting two coroutines in sequence takes the sum of their delays.

use std::time::Duration;

use step02_basic_async::{Stopwatch, say_after};

// ANCHOR: main
#[async_std::main]
async fn main() {
    let watch = Stopwatch::start();
    println!("{}", watch.stamp("started"));

    // Each `.await` waits for its future to finish before the next line runs.
    let first = say_after(Duration::from_secs(1), "hello").await;
    println!("{}", watch.stamp(&first));
    let second = say_after(Duration::from_secs(2), "world").await;
    println!("{}", watch.stamp(&second));

    println!(
        "{}",
        watch.stamp("finished: 1 s + 2 s, one after the other")
    );
}
// ANCHOR_END: main
