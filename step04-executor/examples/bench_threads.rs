//! `bench` under a second name, so that its table on worker threads has a
//! checked output of its own (`bench_threads.out`; a program has one):
//! `cargo run --release -p step04-executor --example bench -- --tasks 100000
//! --threads 2` prints it, and so does this program with the same options.

// listing-output: shape-only

use std::process::ExitCode;

// A path: this program *is* `bench`, compiled a second time under another
// name (a program has one checked output, and this one needs a second).
#[path = "bench.rs"]
#[allow(dead_code)] // `bench`'s own entry point is the only part used
mod bench;

fn main() -> ExitCode {
    bench::main()
}
