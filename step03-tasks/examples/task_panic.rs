//! A panic in a task: what happens, how to catch it, and how to find which
//! task it was.
//! `cargo run -p step03-tasks --example task_panic`

use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use async_std::task::{self, JoinHandle};
use futures::FutureExt;
use step03_tasks::panic_message;

/// A buggy job: for ticket 7 it indexes past the end of a list.
async fn handle_ticket(ticket: usize) -> usize {
    task::sleep(Duration::from_millis(10 * ticket as u64)).await;
    let prices = [10, 20, 30, 40, 50, 60, 70];
    prices[ticket]
}

// ANCHOR: hook
/// Replaces the default panic message ("thread 'async-std/runtime'
/// panicked at ...", on stderr) with one that names the *task*: with
/// hundreds of tasks sharing a few threads, the thread name says nothing.
fn name_the_task_in_panic_messages() {
    panic::set_hook(Box::new(|info| {
        let task = task::try_current()
            .and_then(|task| task.name().map(|name| format!("task `{name}`")))
            .unwrap_or_else(|| "an unnamed task".to_string());
        let place = info
            .location()
            .map(|place| format!("{}:{}", place.file(), place.line()))
            .unwrap_or_default();
        println!(
            "  panic in {task} at {place}: {}",
            panic_message(info.payload())
        );
    }));
}
// ANCHOR_END: hook

// ANCHOR: catch
/// Spawns a named task whose panic becomes an `Err` instead of travelling
/// on. Awaiting the `JoinHandle` of a task that panicked panics again in the
/// awaiting task, which here would be `main`, and end the program.
fn spawn_catching<T: Send + 'static>(
    name: String,
    work: impl Future<Output = T> + Send + 'static,
) -> JoinHandle<Result<T, String>> {
    let caught = AssertUnwindSafe(work)
        .catch_unwind()
        .map(|result| result.map_err(|panic| panic_message(&*panic)));
    task::Builder::new()
        .name(name)
        .spawn(caught)
        .expect("spawning a task only fails if the OS refuses a thread")
}

// ANCHOR_END: catch

// ANCHOR: main
#[async_std::main]
async fn main() {
    name_the_task_in_panic_messages();

    println!("a detached task panics; the program goes on without it:");
    let (gone, task_is_gone) = async_std::channel::bounded::<()>(1);
    drop(task::spawn(async move {
        let _gone = gone; // dropped with the task's future: closes the channel
        handle_ticket(7).await
    }));
    // Wait until the task is gone, so that its panic line comes first
    // however busy the machine is (a sleep would only make that likely).
    let _ = task_is_gone.recv().await;
    println!("  main is still running, and the ticket's work is lost");

    println!("the same job, caught, next to good ones:");
    let tickets = [2, 7, 4];
    let handles = tickets.map(|ticket| {
        spawn_catching(format!("ticket-{ticket}"), handle_ticket(ticket))
    });
    // Every result first: the hook prints ticket 7's panic when it happens,
    // so reporting only after all are in keeps the order the same on any
    // machine.
    let results = futures::future::join_all(handles).await;
    for (ticket, result) in tickets.into_iter().zip(results) {
        match result {
            Ok(price) => println!("  ticket {ticket}: price {price}"),
            Err(panic) => println!("  ticket {ticket}: task panicked: {panic}"),
        }
    }
}
// ANCHOR_END: main
