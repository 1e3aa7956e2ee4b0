//! Non-blocking I/O against the lesson server:
//! `cargo run -p step03-tasks --example fetch_many`.

use std::time::{Duration, Instant};

use step03_tasks::client::{FetchResult, fetch_all_concurrent, fetch_all_sequential};
use step03_tasks::seconds;
use step03_tasks::server::Server;

// ANCHOR: fetch_many
#[async_std::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(200)).await?;
    let addr = server.addr();
    let pages = ["page-1", "page-2", "page-3", "page-4", "page-5"];
    println!(
        "The server takes 200 ms per request. Fetching {} pages.",
        pages.len()
    );

    let start = Instant::now();
    let results = fetch_all_sequential(addr, &pages).await;
    report("one after the other", &results, start, &server);

    server.reset_stats();
    let start = Instant::now();
    let results = fetch_all_concurrent(addr, &pages).await;
    report("all at once", &results, start, &server);

    println!("first result: {:?}", results[0].as_ref().ok());
    Ok(())
}

fn report(how: &str, results: &[FetchResult], start: Instant, server: &Server) {
    let fetched = results.iter().filter(|result| result.is_ok()).count();
    let took = seconds(start.elapsed());
    let at_once = server.stats().max_in_flight;
    println!(
        "{how}: {fetched} pages in {took}, the server had at most {at_once} at once"
    );
}
// ANCHOR_END: fetch_many
