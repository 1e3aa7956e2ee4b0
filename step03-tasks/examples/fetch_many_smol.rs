//! The lesson server's client on smol:
//! `cargo run -p step03-tasks --example fetch_many_smol`.
//!
//! The twin of `fetch_many.rs`: five pages one after the other, then all
//! at once with `join_all`, through the smol client (`client_smol/mod.rs`).

mod client_smol;

use std::io;
use std::time::{Duration, Instant};

use client_smol::fetch;
use futures::future::join_all;
use step03_tasks::seconds;
use step03_tasks::server::Server;

// ANCHOR: fetch_many
fn main() -> io::Result<()> {
    smol::block_on(run())
}

async fn run() -> io::Result<()> {
    let server = Server::start(Duration::from_millis(200)).await?;
    let addr = server.addr();
    let pages = ["page-1", "page-2", "page-3", "page-4", "page-5"];
    println!(
        "The server takes 200 ms per request. Fetching {} pages.",
        pages.len()
    );

    let start = Instant::now();
    let mut results = Vec::new();
    for page in pages {
        results.push(fetch(addr, page).await);
    }
    report("one after the other", &results, start, &server);

    server.reset_stats();
    let start = Instant::now();
    let results = join_all(pages.map(|page| fetch(addr, page))).await;
    report("all at once", &results, start, &server);

    println!("first result: {:?}", results[0].as_ref().ok());
    Ok(())
}
// ANCHOR_END: fetch_many

fn report(how: &str, results: &[io::Result<String>], start: Instant, server: &Server) {
    let fetched = results.iter().filter(|result| result.is_ok()).count();
    let took = seconds(start.elapsed());
    let at_once = server.stats().max_in_flight;
    println!("{how}: {fetched} pages in {took}, the server had at most {at_once} at once");
}
