//! Structured concurrency on smol: `cargo run -p step03-tasks --example task_group_smol`.
//!
//! The twin of `task_group.rs`, with the difference: a smol `Task` cancels
//! its task when dropped. So `try_join_all` over Tasks is already a task
//! group: at the first error it drops the others, and they stop. The tasks
//! run on a `LocalExecutor`, on this one thread, so that what follows a
//! drop happens in a fixed order.

use std::time::Duration;

use futures::future::try_join_all;
use smol::{LocalExecutor, Timer};
use step03_tasks::lesson::{fetch_or_fail, futures_in_place};

// ANCHOR: tasks
/// Tasks on `executor`: at b's error try_join_all drops c's Task, which
/// cancels c. The executor drops c's future the next time it runs.
async fn tasks_cancel(executor: &LocalExecutor<'_>) {
    let ms = Duration::from_millis;
    let tasks = [
        executor.spawn(fetch_or_fail("a", Timer::after(ms(100)), false)),
        executor.spawn(fetch_or_fail("b", Timer::after(ms(300)), true)),
        executor.spawn(fetch_or_fail("c", Timer::after(ms(10_000)), false)),
    ];
    let outcome = try_join_all(tasks).await;
    println!("  -> {outcome:?}");
    smol::future::yield_now().await; // lets the executor drop c's future
}

fn main() {
    let executor = LocalExecutor::new();
    smol::block_on(executor.run(async {
        futures_in_place(Timer::after).await;
        println!("spawned tasks, try_join_all over their Tasks:");
        tasks_cancel(&executor).await;
    }));
}
// ANCHOR_END: tasks
