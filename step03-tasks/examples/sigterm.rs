//! SIGTERM, not only Ctrl-C: systemd, `docker stop` and Kubernetes stop a
//! program with SIGTERM, then wait a grace period before SIGKILL. The
//! program listens for both signals, finishes the request in flight and
//! exits 0. `cargo run -p step03-tasks --example sigterm` sends itself the
//! SIGTERM that `docker stop` would send.

use std::time::Duration;

use async_signal::{Signal, Signals};
use async_std::future::timeout;
use async_std::task;
use futures::StreamExt;

/// Shorter than the orchestrator's own grace period (10 s for `docker stop`
/// and systemd's default is longer; Kubernetes 30 s), so that we exit first.
const GRACE: Duration = Duration::from_secs(2);

async fn handle_request(number: u32) -> String {
    task::sleep(Duration::from_millis(200)).await; // the work
    format!("request {number} answered")
}

// ANCHOR: main
#[async_std::main]
async fn main() -> std::io::Result<()> {
    // First of all, both signals: SIGINT is Ctrl-C in a terminal; SIGTERM
    // is what systemd, `docker stop` and Kubernetes send.
    let mut signals = Signals::new([Signal::Term, Signal::Int])?;
    let in_flight = task::spawn(handle_request(1));
    send_myself_sigterm()?;

    let signal = signals
        .next()
        .await
        .expect("the signal stream never ends")?;
    println!("received {signal:?}: stop accepting, finish what is in flight");
    match timeout(GRACE, in_flight).await {
        Ok(reply) => println!("  {reply}"),
        Err(_) => println!("  grace period over: exiting anyway"),
    }
    println!("exiting with code 0: a clean stop, before any SIGKILL");
    Ok(())
}
// ANCHOR_END: main

/// What `docker stop` does first: send SIGTERM to the container's process.
fn send_myself_sigterm() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{Signal, getpid, kill_process};
        println!("sending myself SIGTERM, as docker stop would");
        kill_process(getpid(), Signal::TERM)?;
    }
    Ok(())
}
