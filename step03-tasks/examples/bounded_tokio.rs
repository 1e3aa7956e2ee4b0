//! At most k at a time, on tokio:
//! `cargo run -p step03-tasks --example bounded_tokio`.
//!
//! The twin of `bounded.rs`, the way tokio code usually bounds work: a
//! `Semaphore` of `limit` permits, one per task, and a `JoinSet` that owns
//! the tasks. (`futures`' `buffered(limit)`, as in `bounded_smol.rs`,
//! works on tokio too.)

mod client_tokio;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use client_tokio::fetch;
use step03_tasks::client::FetchResult;
use step03_tasks::lesson::{bounded_table, twelve_pages};
use step03_tasks::server::Server;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

// ANCHOR: semaphore
/// Fetches every name, at most `limit` at once; results in name order.
async fn fetch_all_bounded(
    addr: SocketAddr,
    names: &[String],
    limit: usize,
) -> Vec<FetchResult> {
    let permits = Arc::new(Semaphore::new(limit));
    let mut set = JoinSet::new();
    for (index, name) in names.iter().cloned().enumerate() {
        // Waits here while `limit` tasks hold a permit: no task is even
        // spawned beyond the limit. The permit is released when dropped.
        let permit = Arc::clone(&permits).acquire_owned().await;
        set.spawn(async move {
            let _permit = permit;
            (index, fetch(addr, &name, None).await)
        });
    }
    // join_all gives the results in the order the tasks finished.
    let mut results = set.join_all().await;
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}
// ANCHOR_END: semaphore

// ANCHOR: bounded
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(200)).await?;
    let names = twelve_pages();
    let fetch_all = |limit| fetch_all_bounded(server.addr(), &names, limit);
    bounded_table(fetch_all, || server.stats(), || server.reset_stats()).await;
    Ok(())
}
// ANCHOR_END: bounded
