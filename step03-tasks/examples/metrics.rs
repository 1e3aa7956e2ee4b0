//! Metrics in the Prometheus text format: request counts by outcome,
//! requests in flight, and a latency histogram, around the lesson server.
//! `cargo run -p step03-tasks --example metrics`
// listing-output: shape-only

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_std::io::{self, BufReader};
use async_std::net::{TcpListener, TcpStream};
use async_std::prelude::*;
use async_std::task;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Metric, Registry};
use step03_tasks::args;
use step03_tasks::client::fetch;
use step03_tasks::server::Server;

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
    /// Creates the metrics, each registered under its exported name.
    fn register(registry: &mut Registry) -> Metrics {
        let mut add = Registering(registry);
        // Buckets 5 ms, 10 ms, 20 ms, ... 640 ms.
        let latency = Histogram::new(exponential_buckets(0.005, 2.0, 8));
        Metrics {
            requests: add.counter("lesson_requests", "Requests sent"),
            errors: add.counter("lesson_errors", "Requests that failed"),
            in_flight: add.gauge("lesson_in_flight", "Requests being handled now"),
            latency: add.metric(
                "lesson_request_duration_seconds",
                "Time from request to answer",
                latency,
            ),
            server_max_in_flight: add.gauge(
                "lesson_server_max_in_flight",
                "Most requests the server handled at once",
            ),
        }
    }
}
// ANCHOR_END: metrics

/// Registers each metric it makes and hands it back: the registry keeps a
/// clone, which shares the metric's atomics.
struct Registering<'a>(&'a mut Registry);

impl Registering<'_> {
    fn metric<M: Metric + Clone>(&mut self, name: &str, help: &str, metric: M) -> M {
        self.0.register(name, help, metric.clone());
        metric
    }

    fn counter(&mut self, name: &str, help: &str) -> Counter {
        self.metric(name, help, Counter::default())
    }

    fn gauge(&mut self, name: &str, help: &str) -> Gauge {
        self.metric(name, help, Gauge::default())
    }
}

// ANCHOR: instrumented
/// A fetch that updates the metrics: in flight while it runs, counted
/// (and counted as an error if it failed), its duration observed in the histogram.
async fn instrumented_fetch(metrics: Metrics, server: SocketAddr, name: String) {
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

// ANCHOR: endpoint
/// Serves `GET /metrics` on 127.0.0.1 (a free port) in the Prometheus text
/// format, the way a monitoring system scrapes a service. Plain HTTP/1.0,
/// one request per connection: all a scraper needs.
async fn serve_metrics(
    registry: Arc<Registry>,
) -> io::Result<(SocketAddr, task::JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let accept_loop = task::spawn(async move {
        let mut incoming = listener.incoming();
        while let Some(accepted) = incoming.next().await {
            let Ok(stream) = accepted else {
                // E.g. out of file descriptors: the next may work, in a moment.
                task::sleep(Duration::from_millis(10)).await;
                continue;
            };
            task::spawn(answer_scrape(stream, Arc::clone(&registry)));
        }
    });
    Ok((addr, accept_loop))
}
// ANCHOR_END: endpoint

// ANCHOR: scrape
/// Answers one scrape, then closes the connection.
async fn answer_scrape(stream: TcpStream, registry: Arc<Registry>) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(&stream).take(1024); // no endless lines
    // A client that says nothing for a second is dropped, not waited for.
    let read =
        io::timeout(Duration::from_secs(1), reader.read_line(&mut request_line)).await;
    let (status, body) = match read {
        Ok(_) if request_line.starts_with("GET /metrics ") => {
            let mut text = String::new();
            encode(&mut text, &registry).expect("writing to a String cannot fail");
            ("200 OK", text)
        }
        Ok(_) => ("404 Not Found", "try GET /metrics\n".to_string()),
        Err(_) => return,
    };
    let response = format!(
        "HTTP/1.0 {status}\r\n\
         Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    // A scraper that hung up early is its own problem, not the service's.
    let _ = (&stream).write_all(response.as_bytes()).await;
}

/// What a monitoring system does every few seconds: fetch `/metrics`.
async fn scrape(endpoint: SocketAddr) -> io::Result<String> {
    let mut stream = TcpStream::connect(endpoint).await?;
    stream.write_all(b"GET /metrics HTTP/1.0\r\n\r\n").await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    Ok(response)
}
// ANCHOR_END: scrape

// ANCHOR: main
#[async_std::main]
async fn main() {
    let mut registry = Registry::default();
    let metrics = Metrics::register(&mut registry);
    let registry = Arc::new(registry);

    let server = match Server::start(Duration::from_millis(20)).await {
        Ok(server) => server,
        Err(error) => args::fail(&format!("cannot start the server: {error}")),
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
        let requests = batch.iter().map(|name| {
            instrumented_fetch(metrics.clone(), server.addr(), name.clone())
        });
        futures::future::join_all(requests).await;
    }
    metrics
        .server_max_in_flight
        .set(server.stats().max_in_flight as i64);
    server.shutdown().await;
    // ANCHOR_END: main

    // ANCHOR: expose
    // Expose the metrics and scrape them, as Prometheus would.
    let (endpoint, accept_loop) = match serve_metrics(Arc::clone(&registry)).await {
        Ok(running) => running,
        Err(error) => args::fail(&format!("cannot serve /metrics: {error}")),
    };
    match scrape(endpoint).await {
        Ok(response) => {
            let (head, body) =
                response.split_once("\r\n\r\n").unwrap_or((&response, ""));
            println!("GET /metrics -> {}", head.lines().next().unwrap_or(""));
            print!("{body}");
        }
        Err(error) => println!("scraping /metrics failed: {error}"),
    }
    accept_loop.cancel().await;
}
// ANCHOR_END: expose
