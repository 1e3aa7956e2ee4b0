//! At most k at a time, on smol:
//! `cargo run -p step03-tasks --example bounded_smol`.
//!
//! The twin of `bounded.rs`: the same `buffered(limit)` from the
//! `futures` crate, over the smol client; it runs unchanged on any runtime.

mod client_smol;

use std::time::{Duration, Instant};

use client_smol::fetch;
use futures::{StreamExt, stream};
use step03_tasks::seconds;
use step03_tasks::server::Server;

// ANCHOR: bounded
fn main() -> std::io::Result<()> {
    smol::block_on(async {
        let server = Server::start(Duration::from_millis(200)).await?;
        let names: Vec<String> = (1..=12).map(|number| format!("page-{number}")).collect();
        println!("12 pages, 200 ms each, fetched with different limits:");
        println!("limit  took   most at once (counted by the server)");

        for limit in [1, 3, 12] {
            server.reset_stats();
            let start = Instant::now();
            let results: Vec<_> = stream::iter(&names)
                .map(|name| fetch(server.addr(), name))
                .buffered(limit)
                .collect()
                .await;
            assert!(results.iter().all(Result::is_ok));
            let took = seconds(start.elapsed());
            let at_once = server.stats().max_in_flight;
            println!("{limit:>5}  {took}  {at_once}");
        }
        Ok(())
    })
}
// ANCHOR_END: bounded
