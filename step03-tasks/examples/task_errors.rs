//! Errors and panics in tasks: `cargo run -p step03-tasks --example task_errors`.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use async_std::task;
use futures::FutureExt;
use step03_tasks::client::fetch_all_concurrent;
use step03_tasks::server::Server;

// ANCHOR: results
#[async_std::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(100)).await?;
    let pages = ["page-1", "missing-page", "page-3"];

    // Each fetch returns a Result; one failure is one Err in the Vec.
    println!("fetching {pages:?} concurrently:");
    let results = fetch_all_concurrent(server.addr(), &pages).await;
    for (page, result) in pages.iter().zip(&results) {
        match result {
            Ok(contents) => println!("  {page}: {contents}"),
            Err(error) => println!("  {page}: failed, {error}"),
        }
    }
    let fetched = results.iter().filter(|result| result.is_ok()).count();
    println!(
        "{fetched} of {} fetched; the failure lost nothing else",
        pages.len()
    );
    // ANCHOR_END: results

    // ANCHOR: panics
    // A panic inside a task ends that task only. Awaiting its handle
    // re-raises the panic; catch_unwind turns it back into a value.
    println!("two tasks, one of which panics:");
    let failing = task::spawn(async { parse_age("minus one") });
    let working = task::spawn(async { parse_age("42") });
    for (name, handle) in [("failing", failing), ("working", working)] {
        match AssertUnwindSafe(handle).catch_unwind().await {
            Ok(age) => println!("  {name} task returned {age}"),
            Err(panic) => println!("  {name} task panicked: {}", message(&*panic)),
        }
    }
    Ok(())
}

fn parse_age(text: &str) -> u32 {
    text.parse().expect("an age is a whole number")
}

/// The text a panic was raised with.
fn message(panic: &(dyn Any + Send)) -> &str {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "(no message)"
    }
}
// ANCHOR_END: panics
