//! At most k at a time, on smol:
//! `cargo run -p step03-tasks --example bounded_smol`.
//!
//! The twin of `bounded.rs`: the same `buffered(limit)` from the
//! `futures` crate, over the smol client; it runs unchanged on any runtime.

mod client_smol;

use std::time::Duration;

use futures::{StreamExt, stream};
use step03_tasks::lesson::{bounded_table, twelve_pages};
use step03_tasks::server::Server;

// ANCHOR: bounded
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let server = Server::start(Duration::from_millis(200)).await?;
        let names = twelve_pages();
        let fetch_all = |limit| {
            stream::iter(&names)
                .map(|name| client_smol::fetch(server.addr(), name, None))
                .buffered(limit)
                .collect()
        };
        bounded_table(fetch_all, || server.stats(), || server.reset_stats()).await;
        Ok(())
    })
}
// ANCHOR_END: bounded
