//! Giving up after a time limit, on smol:
//! `cargo run -p step03-tasks --example timeout_smol`.
//!
//! The twin of `timeout.rs`. smol has no `timeout` function: a race
//! between the work and a `Timer` (`FutureExt::or`) is one, in three lines.

mod client_smol;

use std::time::Duration;

use smol::Timer;
use smol::future::FutureExt;
use step03_tasks::lesson::{LIMIT, guarded_job, time_limits};
use step03_tasks::server::Server;

// ANCHOR: timeout
/// `work`'s output, or `Err` once `limit` has passed: `or` polls both
/// futures, keeps the first to finish and drops the other.
async fn timeout<T>(
    limit: Duration,
    work: impl Future<Output = T>,
) -> Result<T, &'static str> {
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
        let server = Server::start(Duration::from_millis(100)).await?;
        let job = |name, millis| {
            let wait = Timer::after(Duration::from_millis(millis));
            timeout(LIMIT, guarded_job(name, wait))
        };
        let five_seconds = Some(Duration::from_secs(5));
        let slow_fetch = client_smol::fetch(server.addr(), "report", five_seconds);
        time_limits(job, || timeout(LIMIT, slow_fetch), &server).await;
        Ok(())
    })
}
// ANCHOR_END: main
