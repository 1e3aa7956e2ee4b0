//! A panic in a task, on smol:
//! `cargo run -p step03-tasks --example task_panic_smol`.
//!
//! The twin of `task_panic.rs`. As on async-std, a detached task's panic
//! is printed and lost, and awaiting the `Task` of one that panicked panics
//! again in the awaiting task; `catch_unwind` turns the panic into an `Err`.
//! smol's tasks have no names, so the panic message cannot say which one.

use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use smol::{Task, Timer};
use step03_tasks::lesson::{
    PRICES, print_panics_in_one_line, print_ticket, ticket_time,
};
use step03_tasks::panic_message;

/// A buggy job: for ticket 7 it indexes past the end of the list.
async fn handle_ticket(ticket: usize) -> usize {
    Timer::after(ticket_time(ticket)).await;
    PRICES[ticket]
}

// ANCHOR: catch
fn spawn_catching<T: Send + 'static>(
    work: impl Future<Output = T> + Send + 'static,
) -> Task<Result<T, String>> {
    let caught = AssertUnwindSafe(work)
        .catch_unwind()
        .map(|result| result.map_err(|panic| panic_message(&*panic)));
    smol::spawn(caught)
}
// ANCHOR_END: catch

// ANCHOR: main
fn main() {
    print_panics_in_one_line();
    smol::block_on(async {
        println!("a detached task panics; the program goes on without it:");
        let (gone, task_is_gone) = smol::channel::bounded::<()>(1);
        smol::spawn(async move {
            let _gone = gone; // dropped with the task's future
            handle_ticket(7).await
        })
        .detach();
        let _ = task_is_gone.recv().await;
        println!("  main is still running, and the ticket's work is lost");

        println!("the same job, caught, next to good ones:");
        let tickets = [2, 7, 4];
        let tasks = tickets.map(|ticket| spawn_catching(handle_ticket(ticket)));
        // Every result first: the hook prints ticket 7's panic when it
        // happens, so the report comes after it on any machine.
        let outcomes = futures::future::join_all(tasks).await;
        for (ticket, outcome) in tickets.into_iter().zip(outcomes) {
            print_ticket(ticket, outcome);
        }
    })
}
// ANCHOR_END: main
