//! Racing two futures, keeping the first, on tokio:
//! `cargo run -p step03-tasks --example race_tokio`.
//!
//! The twin of `race.rs`: `tokio::select!`, which needs neither `fuse()`
//! nor `pin!` for futures written in place.

mod client_tokio;

use std::time::Duration;

use step03_tasks::lesson::print_race;
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
        got = client_tokio::fetch(addr, "mirror-a", Some(slow)) => ("mirror-a", got),
        got = client_tokio::fetch(addr, "mirror-b", Some(fast)) => ("mirror-b", got),
    };
    let limit = Duration::from_secs(1);
    let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
    print_race(winner, contents, stats);
    Ok(())
}
// ANCHOR_END: race
