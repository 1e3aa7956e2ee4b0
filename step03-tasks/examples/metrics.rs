//! Metrics in the Prometheus text format: request counts by outcome,
//! requests in flight, and a latency histogram, around the lesson server.
//! `cargo run -p step03-tasks --example metrics`
// listing-output: shape-only

mod beyond_cli;

use std::sync::Arc;
use std::time::{Duration, Instant};

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use step03_tasks::client::fetch;
use step03_tasks::server::Server;

const USAGE: &str = "metrics (no arguments)";

// ANCHOR: metrics
/// Every metric the service exports. Cloning shares the same counters
/// (they are atomics behind an `Arc`), so each task can hold a copy.
#[derive(Clone, Debug)]
struct Metrics {
    requests: Counter,
    errors: Counter,
    in_flight: Gauge,
    latency: Histogram,
    server_max_in_flight: Gauge,
}

impl Metrics {
    /// Creates the metrics and registers them under their exported names.
    fn register(registry: &mut Registry) -> Metrics {
        let metrics = Metrics {
            requests: Counter::default(),
            errors: Counter::default(),
            in_flight: Gauge::default(),
            // Buckets 5 ms, 10 ms, 20 ms, ... 640 ms.
            latency: Histogram::new(exponential_buckets(0.005, 2.0, 8)),
            server_max_in_flight: Gauge::default(),
        };
        registry.register("lesson_requests", "Requests sent", metrics.requests.clone());
        registry.register(
            "lesson_errors",
            "Requests that failed",
            metrics.errors.clone(),
        );
        registry.register(
            "lesson_in_flight",
            "Requests being handled now",
            metrics.in_flight.clone(),
        );
        registry.register(
            "lesson_request_duration_seconds",
            "Time from request to answer",
            metrics.latency.clone(),
        );
        registry.register(
            "lesson_server_max_in_flight",
            "Most requests the server handled at once",
            metrics.server_max_in_flight.clone(),
        );
        metrics
    }
}
// ANCHOR_END: metrics

// ANCHOR: instrumented
/// A fetch that updates the metrics: in flight while it runs, counted
/// (and counted as an error if it failed), its duration observed in the histogram.
async fn instrumented_fetch(metrics: Metrics, server: std::net::SocketAddr, name: String) {
    metrics.in_flight.inc();
    let started = Instant::now();
    let outcome = fetch(server, &name).await;
    metrics.latency.observe(started.elapsed().as_secs_f64());
    metrics.in_flight.dec();
    metrics.requests.inc();
    if outcome.is_err() {
        metrics.errors.inc();
    }
}
// ANCHOR_END: instrumented

// ANCHOR: main
#[async_std::main]
async fn main() {
    beyond_cli::no_arguments(USAGE);
    let mut registry = Registry::default();
    let metrics = Metrics::register(&mut registry);
    let registry = Arc::new(registry);

    let server = match Server::start(Duration::from_millis(20)).await {
        Ok(server) => server,
        Err(error) => beyond_cli::fail(&format!("cannot start the server: {error}"), USAGE),
    };
    // 20 requests, 5 at a time; every fifth asks for a missing page.
    let names: Vec<String> = (0..20)
        .map(|n| {
            if n % 5 == 4 {
                format!("missing-{n}")
            } else {
                format!("page-{n}")
            }
        })
        .collect();
    for batch in names.chunks(5) {
        let requests = batch
            .iter()
            .map(|name| instrumented_fetch(metrics.clone(), server.addr(), name.clone()));
        futures::future::join_all(requests).await;
    }
    metrics
        .server_max_in_flight
        .set(server.stats().max_in_flight as i64);
    server.shutdown().await;

    // What a scrape of GET /metrics would return.
    let mut text = String::new();
    encode(&mut text, &registry).expect("writing to a String cannot fail");
    print!("{text}");
}
// ANCHOR_END: main
