//! Runtimes that meet: tokio's "there is no reactor running" and "Cannot
//! start a runtime from within a runtime" panics, reproduced and fixed, and
//! what async-std and smol do in the same places.
//! `cargo run -p step03-tasks --example runtimes_meet`.

mod caught;

use std::time::Duration;

use async_compat::Compat;
use caught::panic_message;
use tokio::runtime::{Builder, Handle, Runtime};

const TEN_MS: Duration = Duration::from_millis(10);

// ANCHOR: no_reactor
/// A tokio timer polled by another executor, then the fix.
fn tokio_future_elsewhere() {
    let message = panic_message(|| {
        futures::executor::block_on(async { tokio::time::sleep(TEN_MS).await })
    });
    println!(
        "tokio's sleep under futures' block_on panics:\n  {}",
        message.unwrap_or_default()
    );
    // Compat runs the future inside a tokio runtime of its own, started in
    // the background on first use.
    futures::executor::block_on(Compat::new(async {
        tokio::time::sleep(TEN_MS).await
    }));
    println!("the same sleep inside async_compat::Compat: done");
    // async-std's and smol's timers are driven by a thread of their own:
    // any executor can poll them.
    futures::executor::block_on(async_std::task::sleep(TEN_MS));
    futures::executor::block_on(async_io::Timer::after(TEN_MS));
    println!("async-std's and smol's timers under futures' block_on: done");
}
// ANCHOR_END: no_reactor

// ANCHOR: nested
/// A synchronous callback (say, from a library that takes a plain `Fn`)
/// that needs an async lookup, called from a task.
fn on_message(text: &str) -> usize {
    Handle::current().block_on(lookup(text)) // blocks a runtime thread: refused
}

async fn lookup(text: &str) -> usize {
    tokio::time::sleep(TEN_MS).await;
    text.len()
}

fn callback_inside_runtime(runtime: &Runtime) {
    let message = panic_message(|| runtime.block_on(async { on_message("ping") }));
    println!(
        "block_on inside the runtime panics:\n  {}",
        message.unwrap_or_default()
    );
    // The fix: run the callback on a blocking thread, where block_on is allowed.
    let length = runtime.block_on(async {
        let handle = Handle::current();
        let blocking =
            tokio::task::spawn_blocking(move || handle.block_on(lookup("ping")));
        blocking.await.expect("the callback did not panic")
    });
    println!("the callback on spawn_blocking with a Handle: {length}");
}
// ANCHOR_END: nested

// ANCHOR: elsewhere
/// async-std and smol in the same place: a nested block_on is allowed, and
/// it blocks the thread it runs on until its future is done.
fn nested_block_on_elsewhere() {
    let length = async_std::task::block_on(async {
        async_std::task::block_on(async { "ping".len() })
    });
    println!("async-std: block_on inside block_on returns {length}");
    let length =
        async_io::block_on(async { async_io::block_on(async { "ping".len() }) });
    println!("smol: block_on inside block_on returns {length}");
}
// ANCHOR_END: elsewhere

fn main() {
    tokio_future_elsewhere();
    let runtime = Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime starts");
    callback_inside_runtime(&runtime);
    nested_block_on_elsewhere();
}
