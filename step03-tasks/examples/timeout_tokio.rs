//! Giving up after a time limit, on tokio:
//! `cargo run -p step03-tasks --example timeout_tokio`.
//!
//! The twin of `timeout.rs`: `tokio::time::timeout` in place of async-std's
//! `future::timeout`; its error, `Elapsed`, reads "deadline has elapsed".

mod client_tokio;

use std::time::Duration;

use step03_tasks::lesson::{LIMIT, guarded_job, time_limits};
use step03_tasks::server::Server;
use tokio::time::{sleep, timeout};

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(100)).await?;
    let job = |name, millis| async move {
        let job = guarded_job(name, sleep(Duration::from_millis(millis)));
        timeout(LIMIT, job)
            .await
            .map_err(|elapsed| elapsed.to_string())
    };
    let slow_fetch =
        client_tokio::fetch(server.addr(), "report", Some(Duration::from_secs(5)));
    time_limits(job, || timeout(LIMIT, slow_fetch), &server).await;
    Ok(())
}
// ANCHOR_END: main
