//! A load test: many concurrent clients against the lesson server on
//! 127.0.0.1, with throughput and latency percentiles at each level.
//! `cargo run --release -p step03-tasks --example load_test -- --requests 1000`
// listing-output: shape-only

use std::time::{Duration, Instant};

use async_std::future::timeout;
use async_std::task;
use step03_tasks::args;
use step03_tasks::client::fetch;
use step03_tasks::server::Server;

const USAGE: &str = "load_test [--requests N (1-20_000)] [--max-clients N (1-200)] [--delay-ms N (0-1000)]";
/// The whole test stops after this long, whatever happens.
const TIME_LIMIT: Duration = Duration::from_secs(120);

// ANCHOR: client
/// One client: `requests` fetches, one after the other, each timed from
/// just before the request to just after the answer.
async fn client(
    addr: std::net::SocketAddr,
    id: usize,
    requests: usize,
) -> (Vec<Duration>, usize) {
    let mut latencies = Vec::with_capacity(requests);
    let mut errors = 0;
    for number in 0..requests {
        let started = Instant::now();
        match fetch(addr, &format!("client{id}-page{number}")).await {
            Ok(_) => latencies.push(started.elapsed()),
            Err(_) => errors += 1,
        }
    }
    (latencies, errors)
}
// ANCHOR_END: client

// ANCHOR: level
/// What one level of concurrency measured.
#[derive(Debug)]
struct Level {
    clients: usize,
    latencies: Vec<Duration>,
    errors: usize,
    wall: Duration,
    server_max_in_flight: u64,
}

/// Runs `requests` requests spread over `clients` concurrent client tasks.
async fn run_level(server: &Server, clients: usize, requests: usize) -> Level {
    server.reset_stats();
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|id| {
            // Spread the requests evenly: the first clients take one more.
            let share = requests / clients + usize::from(id < requests % clients);
            task::spawn(client(server.addr(), id, share))
        })
        .collect();
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for (client_latencies, client_errors) in futures::future::join_all(tasks).await {
        latencies.extend(client_latencies);
        errors += client_errors;
    }
    latencies.sort_unstable();
    Level {
        clients,
        latencies,
        errors,
        wall: started.elapsed(),
        server_max_in_flight: server.stats().max_in_flight,
    }
}
// ANCHOR_END: level

// ANCHOR: report
/// The latency below which `percent` % of the requests finished.
fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn print_row(level: &Level) {
    let done = level.latencies.len();
    let per_second = done as f64 / level.wall.as_secs_f64();
    println!(
        "{:>7} {:>8} {:>6} {:>7.2} s {:>8.0} {:>9} {:>9} {:>9} {:>9} {:>9}",
        level.clients,
        done,
        level.errors,
        level.wall.as_secs_f64(),
        per_second,
        ms(percentile(&level.latencies, 50)),
        ms(percentile(&level.latencies, 90)),
        ms(percentile(&level.latencies, 99)),
        ms(level.latencies.last().copied().unwrap_or_default()),
        level.server_max_in_flight,
    );
}
// ANCHOR_END: report

/// The numbers of clients measured: 1, 10, 100 and `max_clients`, as far
/// as `max_clients` goes.
fn levels(max_clients: usize) -> Vec<usize> {
    let mut levels: Vec<usize> = [1, 10, 100]
        .into_iter()
        .filter(|&clients| clients <= max_clients)
        .collect();
    levels.extend((max_clients > 100).then_some(max_clients));
    levels
}

/// The option values (`--requests`, `--max-clients`, `--delay-ms`), unless
/// the server's time alone, level after level, would pass `TIME_LIMIT`:
/// such a run is bound to fail, so it is refused before it starts.
fn within_time_limit(values: Vec<u64>) -> Result<Vec<u64>, String> {
    let (requests, max_clients, delay_ms) = (values[0], values[1] as usize, values[2]);
    let serving: u64 = levels(max_clients)
        .into_iter()
        .map(|clients| requests.div_ceil(clients as u64) * delay_ms)
        .sum();
    let serving = Duration::from_millis(serving);
    if serving > TIME_LIMIT {
        return Err(format!(
            "{requests} requests at {delay_ms} ms each need at least {} s over the levels, \
             past the {} s limit: ask for fewer requests or a shorter delay",
            serving.as_secs(),
            TIME_LIMIT.as_secs()
        ));
    }
    Ok(values)
}

/// The table's header, in the widths `print_row` uses.
fn print_header() {
    println!(
        "{:>7} {:>8} {:>6} {:>9} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "clients",
        "done",
        "errors",
        "wall",
        "req/s",
        "p50",
        "p90",
        "p99",
        "max",
        "in flight"
    );
}

// ANCHOR: main
#[async_std::main]
async fn main() {
    let options = [
        args::number("--requests", 100, 1..=20_000),
        args::number("--max-clients", 100, 1..=200),
        args::number("--delay-ms", 10, 0..=1000),
    ];
    let values = args::read(USAGE, |arguments| {
        within_time_limit(args::numbers(arguments, &options)?)
    });
    let (requests, max_clients) = (values[0] as usize, values[1] as usize);
    let delay = Duration::from_millis(values[2]);

    let server = match Server::start(delay).await {
        Ok(server) => server,
        Err(error) => args::fail(&format!("cannot start the server: {error}")),
    };
    println!(
        "{requests} requests per level; the server takes {} ms per request",
        delay.as_millis()
    );
    print_header();
    let all = async {
        for clients in levels(max_clients) {
            print_row(&run_level(&server, clients.min(requests), requests).await);
        }
    };
    if timeout(TIME_LIMIT, all).await.is_err() {
        args::fail(&format!("stopped after {} s", TIME_LIMIT.as_secs()));
    }
    server.shutdown().await;
}
// ANCHOR_END: main
