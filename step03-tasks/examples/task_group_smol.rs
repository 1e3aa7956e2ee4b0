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
use step03_tasks::CancelGuard;

async fn fetch(name: &'static str, after: Duration, fails: bool) -> Result<String, String> {
    let guard = CancelGuard::new(name);
    Timer::after(after).await;
    guard.finish();
    if fails {
        println!("  {name}: failed");
        return Err(format!("{name} failed"));
    }
    println!("  {name}: done");
    Ok(format!("contents of {name}"))
}

fn ms(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

// ANCHOR: tasks
/// Tasks on `executor`: at b's error try_join_all drops c's Task, which
/// cancels c. The executor drops c's future the next time it runs.
async fn tasks_cancel(executor: &LocalExecutor<'_>) {
    let tasks = [
        executor.spawn(fetch("a", ms(100), false)),
        executor.spawn(fetch("b", ms(300), true)),
        executor.spawn(fetch("c", ms(10_000), false)),
    ];
    let outcome = try_join_all(tasks).await;
    println!("  -> {outcome:?}");
    smol::future::yield_now().await; // lets the executor drop c's future
}

fn main() {
    let executor = LocalExecutor::new();
    smol::block_on(executor.run(async {
        println!("futures in place, try_join_all:");
        let outcome = try_join_all([
            fetch("a", ms(100), false),
            fetch("b", ms(300), true),
            fetch("c", ms(10_000), false),
        ])
        .await;
        println!("  -> {outcome:?}");
        println!("spawned tasks, try_join_all over their Tasks:");
        tasks_cancel(&executor).await;
    }));
}
// ANCHOR_END: tasks
