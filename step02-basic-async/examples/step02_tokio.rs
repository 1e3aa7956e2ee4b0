//! Step 2's program on tokio: `cargo run -p step02-basic-async --example step02_tokio`.
//!
//! The twin of `src/main.rs`: two sleeps, one after the other. Only the
//! timer and the attribute on `main` change.

use std::time::Duration;

use step02_basic_async::Stopwatch;

// ANCHOR: say_after
async fn say_after(delay: Duration, what: &str) -> String {
    tokio::time::sleep(delay).await;
    what.to_string()
}
// ANCHOR_END: say_after

// ANCHOR: main
#[tokio::main]
async fn main() {
    let watch = Stopwatch::start();
    println!("{}", watch.stamp("started"));

    let first = say_after(Duration::from_secs(1), "hello").await;
    println!("{}", watch.stamp(&first));
    let second = say_after(Duration::from_secs(2), "world").await;
    println!("{}", watch.stamp(&second));

    let done = "finished: 1 s + 2 s, one after the other";
    println!("{}", watch.stamp(done));
}
// ANCHOR_END: main
