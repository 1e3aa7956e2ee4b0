//! Giving up after a time limit, on tokio:
//! `cargo run -p step03-tasks --example timeout_tokio`.
//!
//! The twin of `timeout.rs`: `tokio::time::timeout` in place of async-std's
//! `future::timeout`; its error, `Elapsed`, reads "deadline has elapsed".

mod client_tokio;

use std::time::Duration;

use step03_tasks::lesson::{guarded_job, print_fetch_timed_out};
use step03_tasks::server::Server;
use tokio::time::{sleep, timeout};

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let (limit, ms) = (Duration::from_millis(500), Duration::from_millis);
    let quick = timeout(limit, guarded_job("quick job", sleep(ms(100)))).await;
    println!("quick job (100 ms) with a 500 ms limit: {quick:?}");
    let slow = timeout(limit, guarded_job("slow job", sleep(ms(5_000))))
        .await
        .map_err(|elapsed| elapsed.to_string());
    println!("slow job (5000 ms) with a 500 ms limit: {slow:?}");

    let server = Server::start(ms(100)).await?;
    let slow_fetch = client_tokio::fetch(server.addr(), "report", Some(ms(5_000)));
    let timed_out = timeout(limit, slow_fetch).await.is_err();
    let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
    print_fetch_timed_out(timed_out, stats);
    Ok(())
}
// ANCHOR_END: main
