//! Futures are lazy: `cargo run -p step02-basic-async --example lazy`.
//!
//! Uses only the standard library and `futures`, so it also runs on the
//! Rust playground.

use futures::executor::block_on;

// ANCHOR: lazy
async fn greet(name: &str) -> String {
    println!("   (greet is running for {name})");
    format!("hello, {name}")
}

fn main() {
    println!("1. calling greet() only builds a future");
    let future = greet("Ferris");

    println!("2. the future exists, yet greet has printed nothing");
    let greeting = block_on(future);

    println!("3. block_on polled it to the end: {greeting}");

    let forgotten = greet("nobody");
    drop(forgotten);
    println!("4. a future dropped before it is polled never runs at all");
}
// ANCHOR_END: lazy
