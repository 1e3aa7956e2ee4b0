//! Step 4's finale: the Step 3 program (three one-second jobs, one after
//! the other, then as three tasks) on the executor this step builds, on
//! async-std, on smol and on tokio, in one table:
//! `cargo run -p step04-executor --example finale`.
//!
//! The program is written once, against the `Runtime` trait of the
//! benchmark (`runtimes/mod.rs`): what changes from one runtime to the
//! next is only its adapter, three calls long. The table adds the thread
//! the runtime ran a spawned task on, the difference the times hide.

use std::future::Future;
use std::thread;
use std::time::{Duration, Instant};

use runtimes::{AsyncStd, Runtime, Smol, Step04, Tokio};
use step03_tasks::lesson::JOB_NAMES;
use step03_tasks::seconds;

// The runtimes' adapters, shared with the benchmark (`runtimes/mod.rs`).
#[allow(dead_code)] // each program uses its own part of it
mod runtimes;

const ONE_SECOND: Duration = Duration::from_secs(1);

// ANCHOR: program
/// Step 3's job: waits one second on the runtime's timer, then returns
/// its name. Not an `async fn`, which would borrow `rt`: a task must own
/// its future.
fn job(
    rt: &impl Runtime,
    name: &'static str,
) -> impl Future<Output = String> + Send + 'static {
    let one_second = rt.sleep(ONE_SECOND);
    async move {
        one_second.await;
        name.to_string()
    }
}

/// Step 3's program on any runtime: how long the jobs took one after the
/// other, and as three tasks.
async fn step3_program(rt: &impl Runtime) -> (Duration, Duration) {
    let start = Instant::now();
    let mut results = Vec::new();
    for name in JOB_NAMES {
        results.push(job(rt, name).await);
    }
    let one_after_the_other = start.elapsed();
    assert_eq!(results, JOB_NAMES, "the jobs return their names, in order");

    let start = Instant::now();
    let tasks = JOB_NAMES.map(|name| rt.spawn(job(rt, name)));
    let results = futures::future::join_all(tasks).await;
    assert_eq!(results, JOB_NAMES, "awaiting the tasks in order");
    (one_after_the_other, start.elapsed())
}
// ANCHOR_END: program

/// The name of the thread a task spawned on `rt` runs on.
async fn task_thread(rt: &impl Runtime) -> String {
    let name = rt.spawn(async { thread::current().name().map(String::from) });
    name.await.unwrap_or_else(|| "(unnamed)".to_string())
}

/// One line of the table, its columns aligned.
fn print_line(runtime: &str, one_after_the_other: &str, as_tasks: &str, ran_on: &str) {
    println!("{runtime:<10}{one_after_the_other:>20}{as_tasks:>16}  {ran_on}");
}

// ANCHOR: main
/// One row of the table: Step 3's program, timed on `rt`.
fn row(name: &str, rt: &impl Runtime) {
    let ((one_after_the_other, as_tasks), ran_on) =
        rt.block_on(async { (step3_program(rt).await, task_thread(rt).await) });
    let [one_after_the_other, as_tasks] = [one_after_the_other, as_tasks].map(seconds);
    print_line(name, &one_after_the_other, &as_tasks, &ran_on);
}

fn main() {
    println!("Step 3's program: three one-second jobs, on four runtimes.");
    println!();
    print_line(
        "runtime",
        "one after the other",
        "as three tasks",
        "a task ran on thread",
    );
    row("step04", &Step04);
    row("async-std", &AsyncStd);
    row("smol", &Smol);
    row("tokio", &Tokio::multi_thread(None)); // as #[tokio::main] starts it
}
// ANCHOR_END: main
