//! What `#[async_std::main]` does: `cargo run -p step02-basic-async --example block_on`.

use std::time::Duration;

use async_std::task;
use step02_basic_async::say_after;

// ANCHOR: block_on
async fn async_main() -> String {
    say_after(Duration::from_millis(100), "done").await
}

// No attribute: a plain `fn main` that hands the future to an executor.
// `#[async_std::main]` generates exactly this wrapper for you.
fn main() {
    println!("main is an ordinary function; it cannot .await");
    let result = task::block_on(async_main());
    println!("task::block_on drove async_main to the end: {result}");
}
// ANCHOR_END: block_on
