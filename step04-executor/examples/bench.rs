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

// listing-output: shape-only

use std::future::Future;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use futures::channel::mpsc;
use futures::{FutureExt, SinkExt, StreamExt};
use measure::{
    Benchmark, TaskCount, benchmark_args_from, measure_in_child_with, refuse,
};
use measure::{bytes_per_task, peak_resident_bytes, resident_bytes};
use step04_executor::yield_now;

// The benchmarks' command line and child processes (`measure/mod.rs`,
// shared with the other benchmark program).
#[allow(dead_code)] // each benchmark program uses its own part of it
mod measure;

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

// ANCHOR: runtime
/// What a workload needs from a runtime. Its four implementations look
/// alike on purpose: each maps the same three calls onto one runtime.
trait Runtime {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T;
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static;
    /// A sleep whose clock starts at its first poll, on every runtime.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static;
}

struct Step04;

impl Runtime for Step04 {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        step04_executor::block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        // `map`, not an `async` block that awaits the handle: that would
        // hold the handle twice (the other runtimes' adapters do the same).
        step04_executor::spawn(future).map(|output| output.expect("tasks do not panic"))
    }
    // Not `async fn`: that would borrow `self`, and the future must be 'static.
    #[allow(clippy::manual_async_fn)]
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { step04_executor::sleep(duration).await }
    }
}
// ANCHOR_END: runtime

// ANCHOR: tokio_runtime
/// tokio's current-thread runtime (`#[tokio::main(flavor = "current_thread")]`).
struct TokioCt(tokio::runtime::Runtime);

impl Runtime for TokioCt {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        self.0.block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        TokioCt::spawn_on_current(future)
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { tokio::time::sleep(duration).await }
    }
}

impl TokioCt {
    fn spawn_on_current<T: Send + 'static>(
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        tokio::spawn(future).map(|output| output.expect("tasks do not panic"))
    }
}
// ANCHOR_END: tokio_runtime

// ANCHOR: threaded_runtimes
/// step04's multi-threaded executor (stage 7) with this many workers.
struct Step04Threads(usize);

impl Runtime for Step04Threads {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        step04_executor::multi_thread::block_on_threads(self.0, future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        let handle = step04_executor::multi_thread::spawn(future);
        handle.map(|output| output.expect("tasks do not panic"))
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { step04_executor::sleep(duration).await }
    }
}

/// tokio's multi-thread runtime (`#[tokio::main(worker_threads = N)]`):
/// `block_on` runs the main future on the calling thread, beside the
/// workers.
struct TokioMt(tokio::runtime::Runtime);

impl Runtime for TokioMt {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        self.0.block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        TokioCt::spawn_on_current(future)
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { tokio::time::sleep(duration).await }
    }
}
// ANCHOR_END: threaded_runtimes

/// async-executor with async-io's reactor, run by this many threads
/// (the caller's among them): what `smol` does.
struct AsyncExecutor(async_executor::Executor<'static>, usize);

impl Runtime for AsyncExecutor {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        let executor = &self.0;
        std::thread::scope(|threads| {
            // Each helper thread runs the executor until its `stop` drops.
            let stops: Vec<_> = (1..self.1)
                .map(|_| {
                    let (stop, stopped) = futures::channel::oneshot::channel::<()>();
                    threads.spawn(move || async_io::block_on(executor.run(stopped)));
                    stop
                })
                .collect();
            let output = async_io::block_on(executor.run(future));
            drop(stops);
            output
        })
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        self.0.spawn(future)
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move {
            async_io::Timer::after(duration).await;
        }
    }
}

/// async-std as the lessons use it: a pool of worker threads.
struct AsyncStd;

impl Runtime for AsyncStd {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        async_std::task::block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        async_std::task::spawn(future)
    }
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async_std::task::sleep(duration) // an `async fn`: starts at its first poll
    }
}

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

/// The best and the slowest of several rounds of one workload.
#[derive(Clone, Copy)]
struct Spread {
    best: f64,
    slowest: f64,
}

impl Spread {
    fn of(rounds: impl IntoIterator<Item = f64>) -> Spread {
        rounds.into_iter().fold(
            Spread {
                best: f64::MAX,
                slowest: 0.0,
            },
            |spread, round| Spread {
                best: spread.best.min(round),
                slowest: spread.slowest.max(round),
            },
        )
    }
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

/// One runtime's results, as the child prints them on one line.
struct Results {
    spawn: Spread,
    yields: Spread,
    ping_pong: Spread,
    /// Wall time of the sleep rounds, in milliseconds.
    sleep_wall: Spread,
    /// The best sleep round's `last_armed`, in milliseconds.
    sleep_armed: f64,
    sleep_bytes: Option<u64>,
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

impl Results {
    fn to_line(&self) -> String {
        let bytes = self
            .sleep_bytes
            .map_or("n/a".to_string(), |b| b.to_string());
        let [a, b, c, d] = [self.spawn, self.yields, self.ping_pong, self.sleep_wall];
        format!(
            "{} {} {} {} {} {} {} {} {} {bytes}",
            a.best,
            a.slowest,
            b.best,
            b.slowest,
            c.best,
            c.slowest,
            d.best,
            d.slowest,
            self.sleep_armed
        )
    }

    fn from_line(line: &str) -> Option<Results> {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [numbers @ .., bytes] = &fields[..] else {
            return None;
        };
        let numbers: Vec<f64> = numbers
            .iter()
            .map(|f| f.parse().ok())
            .collect::<Option<_>>()?;
        let [a, a2, b, b2, c, c2, d, d2, armed] = numbers[..] else {
            return None;
        };
        let spread = |best, slowest| Spread { best, slowest };
        Some(Results {
            spawn: spread(a, a2),
            yields: spread(b, b2),
            ping_pong: spread(c, c2),
            sleep_wall: spread(d, d2),
            sleep_armed: armed,
            sleep_bytes: bytes.parse().ok(),
        })
    }
}

/// A row of the table: its label, and how to get its value from results.
type Row<T> = (&'static str, fn(&Results) -> T);

// ANCHOR: table
fn print_table(n: usize, threads: Option<usize>, all: &[Results; 4]) {
    println!(
        "{n} tasks per workload, best of {ROUNDS} rounds ({SLEEP_ROUNDS} for sleeps)"
    );
    println!("each runtime in a fresh process, with glibc's heap trimming off");
    let names = match threads {
        Some(threads) => {
            println!(
                "{threads} worker threads each (tokio and async-std poll block_on's \
                 future\non the calling thread besides; step04 and async-executor on a \
                 worker)"
            );
            RUNTIMES_ON_THREADS
        }
        None => RUNTIMES,
    };
    println!();
    let line = |label: &str, cells: [String; 4]| {
        let [a, b, c, d] = cells;
        println!("{label:<34}{a:>8}{b:>10}{c:>16}{d:>11}");
    };
    let cells = |value: &dyn Fn(&Results) -> String| all.each_ref().map(value);
    line("workload", names.map(String::from));
    let timed: [Row<Spread>; 4] = [
        ("spawn + join (ns/task)", |r| r.spawn),
        ("10 yields per task (ns/poll)", |r| r.yields),
        ("channel ping-pong (ns/round trip)", |r| r.ping_pong),
        ("all sleep 100 ms: wall (ms)", |r| r.sleep_wall),
    ];
    for (label, spread) in timed {
        line(label, cells(&|r| format!("{:.1}", spread(r).best)));
        line(
            "  slowest round / best",
            cells(&|r| format!("{:.2}×", spread(r).slowest / spread(r).best)),
        );
    }
    let nap_ms = NAP.as_secs_f64() * 1000.0;
    line(
        "  vs ideal (100 ms)",
        cells(&|r| format!("{:.2}×", r.sleep_wall.best / nap_ms)),
    );
    line(
        "  last sleep started after (ms)",
        cells(&|r| format!("{:.1}", r.sleep_armed)),
    );
    line(
        "  done, after last deadline (ms)",
        cells(&|r| {
            format!(
                "{:.1}",
                (r.sleep_wall.best - r.sleep_armed - nap_ms).max(0.0)
            )
        }),
    );
    line(
        "memory per sleeping task (bytes)",
        cells(&|r| r.sleep_bytes.map_or("n/a".to_string(), |b| b.to_string())),
    );
    print_step04_against_the_others(all);
}
// ANCHOR_END: table

/// step04's time (or memory) divided by each other runtime's, per row:
/// below 1.00× step04 is ahead.
fn print_step04_against_the_others(all: &[Results; 4]) {
    println!();
    println!("step04 / each other runtime (below 1.00×: step04 is ahead)");
    let rows: [Row<Option<f64>>; 5] = [
        ("spawn + join", |r| Some(r.spawn.best)),
        ("10 yields per task", |r| Some(r.yields.best)),
        ("channel ping-pong", |r| Some(r.ping_pong.best)),
        ("all sleep 100 ms: wall", |r| Some(r.sleep_wall.best)),
        ("memory per sleeping task", |r| {
            r.sleep_bytes.map(|bytes| bytes as f64)
        }),
    ];
    for (label, value) in rows {
        let [ours, peers @ ..] = all.each_ref().map(value);
        let ratio = |peer: &Option<f64>| match (ours, peer) {
            (Some(ours), Some(peer)) => format!("{:.2}×", ours / peer),
            _ => "n/a".to_string(),
        };
        let [a, b, c] = [&peers[0], &peers[1], &peers[2]].map(ratio);
        println!("{label:<34}{:>8}{a:>10}{b:>16}{c:>11}", "");
    }
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    match value.parse::<usize>() {
        Ok(threads) if (1..=MAX_THREADS).contains(&threads) => {
            Ok((Some(threads), args))
        }
        _ => Err(format!("--threads takes 1 to {MAX_THREADS}, not `{value}`")),
    }
}

/// The child's part: measures one runtime and prints one line.
fn measure_one(name: &str, n: usize, threads: Option<usize>) -> ExitCode {
    let workers = threads.unwrap_or(1);
    let results = match (name, threads) {
        ("step04", None) => measure_all(&Step04, n),
        ("step04", Some(threads)) => measure_all(&Step04Threads(threads), n),
        ("tokio-ct", _) => measure_all(&TokioCt(tokio_current_thread()), n),
        ("tokio-mt", _) => measure_all(&TokioMt(tokio_multi_thread(workers)), n),
        ("async-executor", _) => {
            measure_all(&AsyncExecutor(async_executor::Executor::new(), workers), n)
        }
        ("async-std", _) => measure_all(&AsyncStd, n),
        (other, _) => return refuse(&format!("unknown runtime `{other}`"), &usage()),
    };
    println!("{}", results.to_line());
    ExitCode::SUCCESS
}

fn tokio_current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("tokio's runtime starts")
}

fn tokio_multi_thread(workers: usize) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_time()
        .build()
        .expect("tokio's runtime starts")
}
