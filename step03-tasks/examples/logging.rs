//! Logging through the `log` facade with a real logger (env_logger),
//! around requests to the lesson server.
//! `cargo run -p step03-tasks --example logging`

use std::io::Write;
use std::time::{Duration, Instant};

use log::{debug, info, warn};
use step03_tasks::args;
use step03_tasks::client::fetch;
use step03_tasks::server::Server;

// ANCHOR: init
/// Installs env_logger as the `log` facade's backend. `RUST_LOG` picks what
/// is shown (`RUST_LOG=debug`, `RUST_LOG=client=debug,async_std=trace`);
/// without it, `info` and above. The format leaves out timestamps so that
/// this lesson's output is the same on every run; keep them in production.
fn init_logging() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info"))
        .target(env_logger::Target::Stdout)
        .format(|out, record| {
            writeln!(
                out,
                "{:<5} [{}] {}",
                record.level(),
                record.target(),
                record.args()
            )
        })
        .init();
}
// ANCHOR_END: init

// ANCHOR: logged
/// A fetch that says what it does: `debug` for detail, `info` for each
/// request's outcome and duration, `warn` for failures.
async fn logged_fetch(server: &Server, request: usize, name: &str) {
    debug!(target: "client", "request {request}: connecting for {name}");
    let started = Instant::now();
    let outcome = fetch(server.addr(), name).await;
    let took = format!("{} ms", started.elapsed().as_millis() / 10 * 10);
    match outcome {
        Ok(contents) => {
            info!(
                target: "client",
                "request {request}: {name} -> {contents:?} in {took}"
            )
        }
        Err(error) => {
            warn!(
                target: "client",
                "request {request}: {name} failed in {took}: {error}"
            )
        }
    }
}
// ANCHOR_END: logged

// ANCHOR: main
#[async_std::main]
async fn main() {
    init_logging();

    let server = match Server::start(Duration::from_millis(50)).await {
        Ok(server) => server,
        Err(error) => args::fail(&format!("cannot start the server: {error}")),
    };
    info!(target: "server", "listening on 127.0.0.1 (port chosen by the system)");
    for (request, name) in ["index", "missing-page", "about"].into_iter().enumerate() {
        logged_fetch(&server, request + 1, name).await;
    }
    let stats = server.stats();
    info!(
        target: "server",
        "served {} requests, {} connections",
        stats.served,
        stats.connections
    );
    server.shutdown().await;
    info!(target: "server", "shut down");
}
// ANCHOR_END: main
