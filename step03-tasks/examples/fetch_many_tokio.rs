//! The lesson server's client on tokio:
//! `cargo run -p step03-tasks --example fetch_many_tokio`.
//!
//! The twin of `fetch_many.rs`: five pages one after the other, then all
//! at once with `join_all` (`lesson::fetch_many`), through the tokio client
//! (`client_tokio/mod.rs`).

mod client_tokio;

use std::time::Duration;

use step03_tasks::lesson::fetch_many;
use step03_tasks::server::Server;

// ANCHOR: fetch_many
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(200)).await?;
    let fetch = |page| client_tokio::fetch(server.addr(), page, None);
    fetch_many(fetch, || server.stats(), || server.reset_stats()).await;
    Ok(())
}
// ANCHOR_END: fetch_many
