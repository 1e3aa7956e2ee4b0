//! Giving up after a time limit: `cargo run -p step03-tasks --example timeout`.

use std::time::Duration;

use async_std::future;
use async_std::task;
use step03_tasks::CancelGuard;
use step03_tasks::client::fetch_slow;
use step03_tasks::server::Server;

// ANCHOR: timeout
/// A job that announces it if it is cancelled before it finishes.
async fn guarded_job(name: &'static str, millis: u64) -> &'static str {
    let guard = CancelGuard::new(name);
    task::sleep(Duration::from_millis(millis)).await;
    guard.finish();
    name
}
#[async_std::main]
async fn main() -> std::io::Result<()> {
    let limit = Duration::from_millis(500);

    // future::timeout wraps any future: Ok(output) if it finishes in time,
    // Err(TimeoutError) if not, and then the inner future is dropped.
    let quick = future::timeout(limit, guarded_job("quick job", 100)).await;
    println!("quick job (100 ms) with a 500 ms limit: {quick:?}");
    let slow = future::timeout(limit, guarded_job("slow job", 5_000))
        .await
        .map_err(|timeout| timeout.to_string());
    println!("slow job (5000 ms) with a 500 ms limit: {slow:?}");

    // The same with real I/O: dropping the fetch closes its connection,
    // and the server sees the client go.
    let server = Server::start(Duration::from_millis(100)).await?;
    let fetched = future::timeout(
        limit,
        fetch_slow(server.addr(), "report", Duration::from_secs(5)),
    )
    .await;
    println!(
        "a 5 s fetch with a 500 ms limit: timed out = {}",
        fetched.is_err()
    );
    let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
    println!(
        "the server saw {} abandoned request, {} still in flight",
        stats.abandoned, stats.in_flight
    );
    Ok(())
}
// ANCHOR_END: timeout
