//! Racing two futures, keeping the first, on smol:
//! `cargo run -p step03-tasks --example race_smol`.
//!
//! The twin of `race.rs`: `FutureExt::or` in place of `futures::select!`.
//! No `fuse()` and no `pin!`: `or` takes the two futures by value.

mod client_smol;

use std::time::Duration;

use smol::future::FutureExt;
use step03_tasks::lesson::print_race;
use step03_tasks::server::Server;

// ANCHOR: race
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let server = Server::start(Duration::from_millis(100)).await?;
        let addr = server.addr();
        println!("Asking two mirrors for the same file; mirror-b is faster today.");

        let from_a = async {
            let slow = Duration::from_millis(600);
            (
                "mirror-a",
                client_smol::fetch(addr, "mirror-a", Some(slow)).await,
            )
        };
        let from_b = async {
            let fast = Duration::from_millis(100);
            (
                "mirror-b",
                client_smol::fetch(addr, "mirror-b", Some(fast)).await,
            )
        };
        // `or` polls from_a first, then from_b, and returns the first
        // output; the loser is dropped, which closes its connection.
        let (winner, contents) = from_a.or(from_b).await;
        let limit = Duration::from_secs(1);
        let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
        print_race(winner, contents, stats);
        Ok(())
    })
}
// ANCHOR_END: race
