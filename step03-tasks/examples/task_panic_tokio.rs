//! A panic in a task, on tokio:
//! `cargo run -p step03-tasks --example task_panic_tokio`.
//!
//! The twin of `task_panic.rs`, with the difference: tokio catches a
//! task's panic itself. Awaiting the JoinHandle gives `Err(JoinError)`,
//! `is_panic()` says why, and `into_panic()` hands over what it carried;
//! no `catch_unwind` is needed, and the awaiting task does not panic.

use std::panic;
use std::time::Duration;

use step03_tasks::panic_message;
use tokio::time::sleep;

async fn handle_ticket(ticket: usize) -> usize {
    sleep(Duration::from_millis(10 * ticket as u64)).await;
    let prices = [10, 20, 30, 40, 50, 60, 70];
    prices[ticket]
}

/// Prints panics on stdout, one line, with where they happened.
fn print_panics_in_one_line() {
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|place| format!("{}:{}", place.file(), place.line()))
            .unwrap_or_default();
        println!("  panic at {place}: {}", panic_message(info.payload()));
    }));
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    print_panics_in_one_line();

    println!("a detached task panics; the program goes on without it:");
    let (gone, mut task_is_gone) = tokio::sync::mpsc::channel::<()>(1);
    drop(tokio::spawn(async move {
        let _gone = gone; // dropped with the task's future
        handle_ticket(7).await
    }));
    let _ = task_is_gone.recv().await;
    println!("  main is still running, and the ticket's work is lost");

    println!("the same job, next to good ones; no catch_unwind:");
    let handles = [2, 7, 4].map(|ticket| (ticket, tokio::spawn(handle_ticket(ticket))));
    for (ticket, handle) in handles {
        match handle.await {
            Ok(price) => println!("  ticket {ticket}: price {price}"),
            Err(error) if error.is_panic() => {
                let panic = panic_message(&*error.into_panic());
                println!("  ticket {ticket}: task panicked: {panic}");
            }
            Err(error) => println!("  ticket {ticket}: {error}"),
        }
    }
}
// ANCHOR_END: main
