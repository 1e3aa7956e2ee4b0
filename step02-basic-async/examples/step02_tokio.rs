//! Step 2's program on tokio: `cargo run -p step02-basic-async --example step02_tokio`.
//!
//! The twin of `src/main.rs`: two sleeps, one after the other. Only the
//! timer and the attribute on `main` change; the rest is
//! `hello_then_world`, which `src/lib.rs` shares with the smol twin.

use std::time::Duration;

use step02_basic_async::hello_then_world;

// ANCHOR: say_after
async fn say_after(delay: Duration, what: &str) -> String {
    tokio::time::sleep(delay).await;
    what.to_string()
}
// ANCHOR_END: say_after

// ANCHOR: main
#[tokio::main]
async fn main() {
    hello_then_world(say_after).await;
}
// ANCHOR_END: main
