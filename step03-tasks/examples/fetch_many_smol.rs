//! The lesson server's client on smol:
//! `cargo run -p step03-tasks --example fetch_many_smol`.
//!
//! The twin of `fetch_many.rs`: five pages one after the other, then all
//! at once with `join_all` (`lesson::fetch_many`), through the smol client
//! (`client_smol/mod.rs`).

mod client_smol;

use std::time::Duration;

use step03_tasks::lesson::fetch_many;
use step03_tasks::server::Server;

// ANCHOR: fetch_many
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let server = Server::start(Duration::from_millis(200)).await?;
        let fetch = |page| client_smol::fetch(server.addr(), page, None);
        fetch_many(fetch, || server.stats(), || server.reset_stats()).await;
        Ok(())
    })
}
// ANCHOR_END: fetch_many
