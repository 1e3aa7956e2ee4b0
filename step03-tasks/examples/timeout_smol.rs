//! Giving up after a time limit, on smol:
//! `cargo run -p step03-tasks --example timeout_smol`.
//!
//! The twin of `timeout.rs`. smol has no `timeout` function: a race
//! between the work and a `Timer` (`FutureExt::or`) is one, in three lines.

mod client_smol;

use std::time::Duration;

use client_smol::fetch_slow;
use smol::Timer;
use smol::future::FutureExt;
use step03_tasks::CancelGuard;
use step03_tasks::server::Server;

// ANCHOR: timeout
/// `work`'s output, or `Err` once `limit` has passed: `or` polls both
/// futures, keeps the first to finish and drops the other.
async fn timeout<T>(limit: Duration, work: impl Future<Output = T>) -> Result<T, &'static str> {
    let timer = async {
        Timer::after(limit).await;
        Err("timed out")
    };
    async { Ok(work.await) }.or(timer).await
}
// ANCHOR_END: timeout

async fn guarded_job(name: &'static str, millis: u64) -> &'static str {
    let guard = CancelGuard::new(name);
    Timer::after(Duration::from_millis(millis)).await;
    guard.finish();
    name
}

// ANCHOR: main
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let limit = Duration::from_millis(500);
        let quick = timeout(limit, guarded_job("quick job", 100)).await;
        println!("quick job (100 ms) with a 500 ms limit: {quick:?}");
        let slow = timeout(limit, guarded_job("slow job", 5_000)).await;
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
    })
}
// ANCHOR_END: main
