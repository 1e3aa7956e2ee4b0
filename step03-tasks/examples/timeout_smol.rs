//! Giving up after a time limit, on smol:
//! `cargo run -p step03-tasks --example timeout_smol`.
//!
//! The twin of `timeout.rs`. smol has no `timeout` function: a race
//! between the work and a `Timer` (`FutureExt::or`) is one, in three lines.

mod client_smol;

use std::time::Duration;

use smol::Timer;
use smol::future::FutureExt;
use step03_tasks::lesson::{guarded_job, print_fetch_timed_out};
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

// ANCHOR: main
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let (limit, ms) = (Duration::from_millis(500), Duration::from_millis);
        let quick = timeout(limit, guarded_job("quick job", Timer::after(ms(100)))).await;
        println!("quick job (100 ms) with a 500 ms limit: {quick:?}");
        let slow = timeout(limit, guarded_job("slow job", Timer::after(ms(5_000)))).await;
        println!("slow job (5000 ms) with a 500 ms limit: {slow:?}");

        let server = Server::start(ms(100)).await?;
        let slow_fetch = client_smol::fetch(server.addr(), "report", Some(ms(5_000)));
        let timed_out = timeout(limit, slow_fetch).await.is_err();
        let stats = server.wait_until(limit, |stats| stats.abandoned == 1).await;
        print_fetch_timed_out(timed_out, stats);
        Ok(())
    })
}
// ANCHOR_END: main
