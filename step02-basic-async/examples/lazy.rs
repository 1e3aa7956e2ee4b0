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
    reject_arguments();
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

/// Ends the program with exit code 2 and a usage line if it was given any
/// argument: this program takes none, and silently ignoring input is worse
/// than saying so. A copy of `step01_setup::reject_arguments`, which the
/// other programs share: this one also runs on the Rust playground, where
/// no crate of this tutorial is available.
fn reject_arguments() {
    let mut args = std::env::args();
    let program = args.next().unwrap_or_default();
    if let Some(unexpected) = args.next() {
        eprintln!("error: unexpected argument `{unexpected}`\nusage: {program} (no arguments)");
        std::process::exit(2);
    }
}
