//! Racing two futures, keeping the first, on smol:
//! `cargo run -p step03-tasks --example race_smol`.
//!
//! The twin of `race.rs`: `FutureExt::or` in place of `futures::select!`.
//! No `fuse()` and no `pin!`: `or` takes the two futures by value.

mod client_smol;

use std::time::Duration;

use client_smol::fetch_slow;
use smol::future::FutureExt;
use step03_tasks::server::Server;

// ANCHOR: race
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let server = Server::start(Duration::from_millis(100)).await?;
        let addr = server.addr();
        println!("Asking two mirrors for the same file; mirror-b is faster today.");

        let from_a = async {
            let slow = Duration::from_millis(600);
            ("mirror-a", fetch_slow(addr, "mirror-a", slow).await)
        };
        let from_b = async {
            let fast = Duration::from_millis(100);
            ("mirror-b", fetch_slow(addr, "mirror-b", fast).await)
        };
        // `or` polls from_a first, then from_b, and returns the first
        // output; the loser is dropped, which closes its connection.
        let (winner, contents) = from_a.or(from_b).await;
        println!("{winner} won: {:?}", contents.ok());

        let limit = Duration::from_secs(1);
        let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
        println!(
            "server: {} served, {} abandoned, at most {} at once",
            stats.served, stats.abandoned, stats.max_in_flight
        );
        Ok(())
    })
}
// ANCHOR_END: race
