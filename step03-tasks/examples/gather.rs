//! Waiting for several futures at once: `cargo run -p step03-tasks --example gather`.

use std::time::{Duration, Instant};

use futures::future::join_all;
use futures::join;
use step03_tasks::{job, seconds};

// ANCHOR: gather
/// A job that says when it ends, so we can see the order of completion.
async fn announced(name: &'static str, millis: u64) -> &'static str {
    job(name, Duration::from_millis(millis)).await;
    println!("  {name} finished after {millis} ms");
    name
}
#[async_std::main]
async fn main() {
    // join!: a fixed set of futures, each of its own type; one tuple back.
    println!("join! of two different futures:");
    let start = Instant::now();
    let (count, name) = join!(
        async { announced("count", 200).await.len() },
        announced("name", 100)
    );
    println!("  got ({count}, {name:?}) in {}", seconds(start.elapsed()));

    // join_all: any number of futures of one type; a Vec back, in the
    // order of the input, whatever order they finished in.
    println!("join_all of three jobs, the slowest first:");
    let start = Instant::now();
    let jobs = [("slow", 300), ("medium", 200), ("fast", 100)];
    let results = join_all(jobs.map(|(name, millis)| announced(name, millis))).await;
    println!("  got {results:?} in {}", seconds(start.elapsed()));
}
// ANCHOR_END: gather
