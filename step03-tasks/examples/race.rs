//! Racing two futures, keeping the first: `cargo run -p step03-tasks --example race`.

use std::pin::pin;
use std::time::Duration;

use futures::{FutureExt, select};
use step03_tasks::client::fetch_slow;
use step03_tasks::server::Server;

// ANCHOR: race
#[async_std::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(100)).await?;
    let addr = server.addr();
    println!("Asking two mirrors for the same file; mirror-b is faster today.");

    let (winner, contents) = {
        // select! needs fused futures (`.fuse()`) that are pinned (`pin!`).
        let mut from_a =
            pin!(fetch_slow(addr, "mirror-a", Duration::from_millis(600)).fuse());
        let mut from_b =
            pin!(fetch_slow(addr, "mirror-b", Duration::from_millis(100)).fuse());
        select! {
            result = from_a => ("mirror-a", result),
            result = from_b => ("mirror-b", result),
        }
    }; // Both futures are dropped here: the loser's connection is closed.
    println!("{winner} won: {:?}", contents.ok());

    let stats = server
        .wait_until(Duration::from_secs(1), |stats| stats.abandoned == 1)
        .await;
    println!(
        "server: {} served, {} abandoned, at most {} at once",
        stats.served, stats.abandoned, stats.max_in_flight
    );
    Ok(())
}
// ANCHOR_END: race
