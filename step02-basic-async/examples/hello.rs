//! A first coroutine: `cargo run -p step02-basic-async --example hello`.

use std::time::Duration;

use async_std::task;

// ANCHOR: hello
async fn hello() {
    println!("hello ...");
    task::sleep(Duration::from_millis(500)).await; // other tasks could run here
    println!("... world");
}

#[async_std::main]
async fn main() {
    hello().await;
}
// ANCHOR_END: hello
