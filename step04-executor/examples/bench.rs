//! The same workloads on the step04 executor, on tokio's current-thread
//! runtime, on async-executor run on one thread, and on async-std:
//! `cargo run --release -p step04-executor --example bench -- --tasks 100000`.
//! With `--threads 2`: step04's multi-threaded executor, tokio's
//! multi-thread runtime, async-executor and async-std, each on two worker
//! threads (`bench_threads.rs` is this program under a second name, so
//! that this table has a checked output of its own).
//!
//! Each runtime runs in a fresh process (this program started again with
//! `--child NAME`), so that memory one runtime freed cannot be reused by
//! the next and hide its cost.
//!
//! This file holds the workloads and the command line; the runtimes'
//! adapters are in `runtimes/mod.rs` (shared with `finale`), the results
//! and their table in `bench_report/mod.rs`.

// listing-output: shape-only

use std::future::Future;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use bench_report::{Results, Spread, print_table};
use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use measure::{
    Benchmark, TaskCount, arguments, benchmark_args_from, measure_in_child_with, refuse,
};
use measure::{bytes_per_task, peak_resident_bytes, resident_bytes};
use runtimes::{AsyncExecutor, AsyncStd, Runtime, Step04, Step04Threads, Tokio};
use step03_tasks::args;
use step04_executor::yield_now;

// The benchmarks' command line and child processes (`measure/mod.rs`,
// shared with the other benchmark program).
#[allow(dead_code)] // each benchmark program uses its own part of it
mod measure;

// The runtimes' adapters (`runtimes/mod.rs`, shared with `finale`).
#[allow(dead_code)] // each program uses its own part of it
mod runtimes;

// The results, as a child prints them, and the table.
mod bench_report;

/// The usage line, under the name the program was started as: `bench`, or
/// `bench_threads`, the same program.
fn usage() -> String {
    let started_as = std::env::args().next().unwrap_or_default();
    let name = std::path::Path::new(&started_as)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("bench");
    format!(
        "usage: {name} [--tasks N] [--threads T]    N: 1 to 1000000 tasks per workload \
         (default 100000); T: 1 to 64 worker threads (default: one-thread runtimes)"
    )
}
/// The most worker threads `--threads` takes: far more than any machine
/// this runs on has cores, and few enough to refuse a typo.
const MAX_THREADS: usize = 64;
/// As many as step 3's `scale` allows: at a few hundred bytes a task, a
/// million fit in memory on any machine that builds this workspace.
const TASKS: TaskCount = TaskCount {
    default: 100_000,
    max: 1_000_000,
};
const YIELDS: usize = 10;
/// Rounds per workload (the sleeps, which take 100 ms each, get fewer).
const ROUNDS: usize = 10;
const SLEEP_ROUNDS: usize = 5;
const NAP: Duration = Duration::from_millis(100);
/// The runtimes on one thread, and with `--threads`.
const RUNTIMES: [&str; 4] = ["step04", "tokio-ct", "async-executor", "async-std"];
const RUNTIMES_ON_THREADS: [&str; 4] =
    ["step04", "tokio-mt", "async-executor", "async-std"];

// ANCHOR: workloads
/// Spawns `n` tasks and awaits them in order: nanoseconds per task.
async fn spawn_and_join(rt: &impl Runtime, n: usize) -> f64 {
    let start = Instant::now();
    let handles: Vec<_> = (0..n).map(|i| rt.spawn(async move { i })).collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await;
    }
    assert_eq!(sum, n * (n - 1) / 2);
    nanos_each(start, n)
}

/// `n` tasks that each yield `YIELDS` times: nanoseconds per poll.
async fn yields(rt: &impl Runtime, n: usize) -> f64 {
    let start = Instant::now();
    let handles: Vec<_> = (0..n)
        .map(|_| {
            rt.spawn(async {
                for _ in 0..YIELDS {
                    yield_now().await;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await;
    }
    nanos_each(start, n * (YIELDS + 1))
}
// ANCHOR_END: workloads

// ANCHOR: ping_pong
/// Two tasks pass a number back and forth `n` times over channels:
/// nanoseconds per round trip.
async fn ping_pong(rt: &impl Runtime, n: usize) -> f64 {
    let (mut to_pong, mut pong_inbox) = mpsc::channel::<usize>(1);
    let (mut to_ping, mut ping_inbox) = mpsc::channel::<usize>(1);
    let start = Instant::now();
    let pong = rt.spawn(async move {
        while let Some(ball) = pong_inbox.next().await {
            to_ping.send(ball + 1).await.expect("ping is listening");
        }
    });
    let ping = rt.spawn(async move {
        let mut ball = 0;
        for _ in 0..n {
            to_pong.send(ball).await.expect("pong is listening");
            ball = ping_inbox.next().await.expect("pong answers");
        }
        ball
    });
    assert_eq!(ping.await, n);
    pong.await;
    nanos_each(start, n)
}
// ANCHOR_END: ping_pong

// ANCHOR: sleeps
/// One round of `n` tasks sleeping `NAP` at once.
struct SleepRound {
    wall: Duration,
    /// When the last task's sleep started: every deadline was set by then.
    last_armed: Duration,
    /// Peak resident memory growth per task, in bytes.
    bytes_per_task: Option<u64>,
}

async fn many_sleeps(rt: &impl Runtime, n: usize) -> SleepRound {
    let before = resident_bytes();
    let start = Instant::now();
    let handles: Vec<_> = (1..n).map(|_| rt.spawn(rt.sleep(NAP))).collect();
    // The last task notes when its first poll comes: tasks are polled in
    // the order they were spawned, so it is the last one to set a deadline.
    let nap = rt.sleep(NAP);
    let last = rt.spawn(async move {
        let armed = Instant::now();
        nap.await;
        armed
    });
    for handle in handles {
        handle.await;
    }
    let last_armed = last.await - start;
    SleepRound {
        wall: start.elapsed(),
        last_armed,
        bytes_per_task: bytes_per_task(before, peak_resident_bytes(), n),
    }
}
// ANCHOR_END: sleeps

fn nanos_each(start: Instant, count: usize) -> f64 {
    start.elapsed().as_nanos() as f64 / count as f64
}

/// Measures `workload` `rounds` times in a row.
async fn rounds<F: Future<Output = f64>>(
    rounds: usize,
    mut workload: impl FnMut() -> F,
) -> Spread {
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        times.push(workload().await);
    }
    Spread::of(times)
}

/// Runs every workload on one runtime (in this, a fresh process), all in
/// one `block_on`, several times each, and keeps the best and the slowest
/// round: the machine's other work can only make a round slower. The
/// sleeps go first, while the heap is fresh; the memory is that of their
/// first round.
fn measure_all(rt: &impl Runtime, n: usize) -> Results {
    rt.block_on(async {
        // Warm up: start the runtime's threads and timer machinery first,
        // so that only the tasks count.
        rt.spawn(rt.sleep(Duration::from_millis(1))).await;
        let mut sleeps = Vec::with_capacity(SLEEP_ROUNDS);
        for _ in 0..SLEEP_ROUNDS {
            sleeps.push(many_sleeps(rt, n).await);
        }
        let millis = |duration: Duration| duration.as_secs_f64() * 1000.0;
        let best_sleep = (sleeps.iter())
            .min_by_key(|round| round.wall)
            .expect("at least one round");
        Results {
            sleep_wall: Spread::of(sleeps.iter().map(|round| millis(round.wall))),
            sleep_armed: millis(best_sleep.last_armed),
            sleep_bytes: sleeps[0].bytes_per_task,
            spawn: rounds(ROUNDS, || spawn_and_join(rt, n)).await,
            yields: rounds(ROUNDS, || yields(rt, n)).await,
            ping_pong: rounds(ROUNDS, || ping_pong(rt, n)).await,
        }
    })
}

pub fn main() -> ExitCode {
    // `--help` and text first, anywhere on the line, before `--threads`.
    let args = match arguments(&usage()) {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    let (threads, rest) = match take_threads(args) {
        Ok(read) => read,
        Err(error) => return refuse(&error, &usage()),
    };
    let tasks = match benchmark_args_from(rest, &usage(), TASKS) {
        Ok(Benchmark::All { tasks }) => tasks,
        Ok(Benchmark::One { name, tasks }) => {
            return measure_one(&name, tasks, threads);
        }
        Err(exit) => return exit,
    };
    let names = threads.map_or(RUNTIMES, |_| RUNTIMES_ON_THREADS);
    let results = names.map(|name| {
        let output = match threads {
            // async-std reads its pool's size from the environment.
            Some(threads) => measure_in_child_with(
                name,
                tasks,
                &["--threads".into(), threads.to_string()],
                &[("ASYNC_STD_THREAD_COUNT", threads.to_string())],
            ),
            None => measure_in_child_with(name, tasks, &[], &[]),
        };
        Results::from_line(&output).unwrap_or_else(|| {
            eprintln!("measuring {name} printed `{output}`");
            std::process::exit(1);
        })
    });
    print_table(tasks, threads, &results);
    ExitCode::SUCCESS
}

/// Takes `--threads T` out of `args`, wherever it is: the worker threads
/// (1 to `MAX_THREADS`), if given, and the other arguments.
fn take_threads(mut args: Vec<String>) -> Result<(Option<usize>, Vec<String>), String> {
    let Some(at) = args.iter().position(|arg| arg == "--threads") else {
        return Ok((None, args));
    };
    let value = args.drain(at..(at + 2).min(args.len())).nth(1);
    let Some(value) = value else {
        return Err("--threads needs a number of threads".into());
    };
    let option = args::number("--threads", 1, 1..=MAX_THREADS as u64);
    let threads = args::whole_number(&option, &value)?;
    Ok((Some(threads as usize), args))
}

/// The child's part: measures one runtime and prints one line.
fn measure_one(name: &str, n: usize, threads: Option<usize>) -> ExitCode {
    let workers = threads.unwrap_or(1);
    let results = match (name, threads) {
        ("step04", None) => measure_all(&Step04, n),
        ("step04", Some(threads)) => measure_all(&Step04Threads(threads), n),
        ("tokio-ct", _) => measure_all(&Tokio::current_thread(), n),
        ("tokio-mt", _) => measure_all(&Tokio::multi_thread(Some(workers)), n),
        ("async-executor", _) => {
            measure_all(&AsyncExecutor(async_executor::Executor::new(), workers), n)
        }
        ("async-std", _) => measure_all(&AsyncStd, n),
        (other, _) => return refuse(&format!("unknown runtime `{other}`"), &usage()),
    };
    println!("{}", results.to_line());
    ExitCode::SUCCESS
}
