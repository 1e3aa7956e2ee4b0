//! Step 2's program on smol: `cargo run -p step02-basic-async --example step02_smol`.
//!
//! The twin of `src/main.rs`: two sleeps, one after the other. Only the
//! timer and the way `main` starts change; the rest is
//! `hello_then_world`, which `src/lib.rs` shares with the tokio twin.

use std::time::Duration;

use step02_basic_async::hello_then_world;

// ANCHOR: say_after
async fn say_after(delay: Duration, what: &str) -> String {
    smol::Timer::after(delay).await;
    what.to_string()
}
// ANCHOR_END: say_after

// ANCHOR: main
fn main() {
    smol::block_on(hello_then_world(say_after));
}
// ANCHOR_END: main
