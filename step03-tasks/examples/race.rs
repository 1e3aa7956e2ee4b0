//! Racing two futures, keeping the first: `cargo run -p step03-tasks --example race`.

use std::time::Duration;

use futures::{FutureExt, pin_mut, select};
use step03_tasks::client::fetch_slow;
use step03_tasks::server::Server;

// ANCHOR: race
#[async_std::main]
async fn main() -> std::io::Result<()> {
    step03_tasks::reject_arguments();
    let server = Server::start(Duration::from_millis(100)).await?;
    let addr = server.addr();
    println!("Asking two mirrors for the same file; mirror-b is faster today.");

    let (winner, contents) = {
        // select! needs fused futures (`.fuse()`) that are pinned (`pin_mut!`).
        let from_a = fetch_slow(addr, "mirror-a", Duration::from_millis(600)).fuse();
        let from_b = fetch_slow(addr, "mirror-b", Duration::from_millis(100)).fuse();
        pin_mut!(from_a, from_b);
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
