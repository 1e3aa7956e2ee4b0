//! A panic in a task, on tokio:
//! `cargo run -p step03-tasks --example task_panic_tokio`.
//!
//! The twin of `task_panic.rs`, with the difference: tokio catches a
//! task's panic itself. Awaiting the JoinHandle gives `Err(JoinError)`,
//! `is_panic()` says why, and `into_panic()` hands over what it carried;
//! no `catch_unwind` is needed, and the awaiting task does not panic.

use step03_tasks::lesson::{
    PRICES, print_panics_in_one_line, print_ticket, ticket_time,
};
use step03_tasks::panic_message;
use tokio::time::sleep;

/// A buggy job: for ticket 7 it indexes past the end of the list.
async fn handle_ticket(ticket: usize) -> usize {
    sleep(ticket_time(ticket)).await;
    PRICES[ticket]
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
    let tickets = [2, 7, 4];
    let handles = tickets.map(|ticket| tokio::spawn(handle_ticket(ticket)));
    // Every result first: the hook prints ticket 7's panic when it happens,
    // so the report comes after it on any machine.
    let joined = futures::future::join_all(handles).await;
    for (ticket, joined) in tickets.into_iter().zip(joined) {
        let outcome = match joined {
            Ok(price) => Ok(price),
            Err(error) if error.is_panic() => Err(panic_message(&*error.into_panic())),
            Err(error) => Err(error.to_string()), // aborted: not here
        };
        print_ticket(ticket, outcome);
    }
}
// ANCHOR_END: main
