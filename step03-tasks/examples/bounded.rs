//! At most k at a time: `cargo run -p step03-tasks --example bounded`.

use std::time::{Duration, Instant};

use step03_tasks::client::fetch_all_bounded;
use step03_tasks::seconds;
use step03_tasks::server::Server;

// ANCHOR: bounded
#[async_std::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(200)).await?;
    let names: Vec<String> = (1..=12).map(|number| format!("page-{number}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    println!("12 pages, 200 ms each, fetched with different limits:");
    println!("limit  took   most at once (counted by the server)");

    for limit in [1, 3, 12] {
        server.reset_stats();
        let start = Instant::now();
        let results = fetch_all_bounded(server.addr(), &names, limit).await;
        assert!(results.iter().all(Result::is_ok));
        let took = seconds(start.elapsed());
        let at_once = server.stats().max_in_flight;
        println!("{limit:>5}  {took}  {at_once}");
    }
    Ok(())
}
// ANCHOR_END: bounded
