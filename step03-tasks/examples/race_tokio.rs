//! Racing two futures, keeping the first, on tokio:
//! `cargo run -p step03-tasks --example race_tokio`.
//!
//! The twin of `race.rs`: `tokio::select!`, which needs neither `fuse()`
//! nor `pin!` for futures written in place.

mod client_tokio;

use std::time::Duration;

use client_tokio::fetch_slow;
use step03_tasks::server::Server;

// ANCHOR: race
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(100)).await?;
    let addr = server.addr();
    println!("Asking two mirrors for the same file; mirror-b is faster today.");

    let (slow, fast) = (Duration::from_millis(600), Duration::from_millis(100));
    // `biased;` polls the branches in the order written, not at random.
    // Every branch that loses is dropped: select! suits futures that are
    // cancel-safe, or (as here) whose whole work may be thrown away.
    let (winner, contents) = tokio::select! {
        biased;
        result = fetch_slow(addr, "mirror-a", slow) => ("mirror-a", result),
        result = fetch_slow(addr, "mirror-b", fast) => ("mirror-b", result),
    };
    println!("{winner} won: {:?}", contents.ok());

    let limit = Duration::from_secs(1);
    let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
    println!(
        "server: {} served, {} abandoned, at most {} at once",
        stats.served, stats.abandoned, stats.max_in_flight
    );
    Ok(())
}
// ANCHOR_END: race
