//! Giving up after a time limit, on tokio:
//! `cargo run -p step03-tasks --example timeout_tokio`.
//!
//! The twin of `timeout.rs`: `tokio::time::timeout` in place of async-std's
//! `future::timeout`; its error, `Elapsed`, reads "deadline has elapsed".

mod client_tokio;

use std::time::Duration;

use client_tokio::fetch_slow;
use step03_tasks::CancelGuard;
use step03_tasks::server::Server;
use tokio::time::{sleep, timeout};

async fn guarded_job(name: &'static str, millis: u64) -> &'static str {
    let guard = CancelGuard::new(name);
    sleep(Duration::from_millis(millis)).await;
    guard.finish();
    name
}

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let limit = Duration::from_millis(500);
    let quick = timeout(limit, guarded_job("quick job", 100)).await;
    println!("quick job (100 ms) with a 500 ms limit: {quick:?}");
    let slow = timeout(limit, guarded_job("slow job", 5_000))
        .await
        .map_err(|elapsed| elapsed.to_string());
    println!("slow job (5000 ms) with a 500 ms limit: {slow:?}");

    let server = Server::start(Duration::from_millis(100)).await?;
    let slow_fetch = fetch_slow(server.addr(), "report", Duration::from_secs(5));
    let fetched = timeout(limit, slow_fetch).await;
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
// ANCHOR_END: main
