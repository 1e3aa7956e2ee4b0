//! The same workloads on the step04 executor, on async-executor run on one
//! thread, and on async-std:
//! `cargo run --release -p step04-executor --example bench -- --tasks 100000`.
//!
//! Each executor runs in a fresh process (this program started again with
//! `--child NAME`), so that memory one executor freed cannot be reused by
//! the next and hide its cost.

// listing-output: shape-only

use std::future::Future;
use std::time::{Duration, Instant};

use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use step04_executor::measure::{parse_tasks, peak_resident_bytes, resident_bytes, run_self};
use step04_executor::yield_now;

const USAGE: &str =
    "usage: bench [--tasks N]    N: 1 to 1000000 tasks per workload (default 100000)";
const DEFAULT_TASKS: usize = 100_000;
/// As many as step 3's `scale` allows: at a few hundred bytes a task, a
/// million fit in memory on any machine that builds this workspace.
const MAX_TASKS: usize = 1_000_000;
const YIELDS: usize = 10;
/// Rounds per workload (the sleeps, which take 100 ms each, get fewer).
const ROUNDS: usize = 10;
const SLEEP_ROUNDS: usize = 5;
const NAP: Duration = Duration::from_millis(100);
const RUNTIMES: [&str; 3] = ["step04", "async-executor", "async-std"];

// ANCHOR: runtime
/// What a workload needs from an executor.
trait Runtime {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T;
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static;
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
        let handle = step04_executor::spawn(future);
        async move { handle.await.expect("benchmark tasks do not panic") }
    }
    // Not `async fn`: that would borrow `self`, and the future must be 'static.
    #[allow(clippy::manual_async_fn)]
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        // Like the others, start the clock at the first poll.
        async move { step04_executor::sleep(duration).await }
    }
}

/// async-executor on one thread, with async-io's reactor: what `smol`
/// does when it runs on a single thread.
struct AsyncExecutor(async_executor::Executor<'static>);

impl Runtime for AsyncExecutor {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        async_io::block_on(self.0.run(future))
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
        async_std::task::sleep(duration)
    }
}
// ANCHOR_END: runtime

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

/// `n` tasks sleep `NAP` at once: the wall time, and the memory each task
/// costs while they all wait (peak resident memory growth / n).
async fn many_sleeps(rt: &impl Runtime, n: usize) -> (Duration, String) {
    let before = resident_bytes();
    let start = Instant::now();
    let handles: Vec<_> = (0..n).map(|_| rt.spawn(rt.sleep(NAP))).collect();
    for handle in handles {
        handle.await;
    }
    let per_task = step04_executor::measure::bytes_per_task(before, peak_resident_bytes(), n);
    (start.elapsed(), per_task)
}
// ANCHOR_END: workloads

fn nanos_each(start: Instant, count: usize) -> f64 {
    start.elapsed().as_nanos() as f64 / count as f64
}

/// One executor's results, in the order the child prints them.
struct Results {
    spawn_ns: f64,
    yield_ns: f64,
    ping_pong_ns: f64,
    sleep_wall: Duration,
    sleep_bytes: String,
}

/// Runs every workload on one executor (in this, a fresh process), all in
/// one `block_on`, several times each, and keeps the best time: the
/// machine's other work can only make a round slower. The sleeps go first,
/// while the heap is fresh; the memory is that of their first round.
fn measure_all(rt: &impl Runtime, n: usize) -> String {
    rt.block_on(async {
        // Warm up: start the runtime's threads and timer machinery first,
        // so that only the tasks count.
        rt.spawn(rt.sleep(Duration::from_millis(1))).await;
        let (mut wall, bytes) = many_sleeps(rt, n).await;
        for _ in 1..SLEEP_ROUNDS {
            wall = wall.min(many_sleeps(rt, n).await.0);
        }
        let (mut spawn, mut yielded, mut ping) = (f64::MAX, f64::MAX, f64::MAX);
        for _ in 0..ROUNDS {
            spawn = spawn.min(spawn_and_join(rt, n).await);
        }
        for _ in 0..ROUNDS {
            yielded = yielded.min(yields(rt, n).await);
        }
        for _ in 0..ROUNDS {
            ping = ping.min(ping_pong(rt, n).await);
        }
        format!("{spawn} {yielded} {ping} {} {bytes}", wall.as_secs_f64())
    })
}

fn parse_results(line: &str) -> Option<Results> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [spawn, yielded, ping, wall, bytes] = fields[..] else {
        return None;
    };
    Some(Results {
        spawn_ns: spawn.parse().ok()?,
        yield_ns: yielded.parse().ok()?,
        ping_pong_ns: ping.parse().ok()?,
        sleep_wall: Duration::from_secs_f64(wall.parse().ok()?),
        sleep_bytes: bytes.to_string(),
    })
}

// ANCHOR: table
fn print_table(n: usize, results: &[Results]) {
    let [ours, executor, std] = results else {
        unreachable!("three runtimes")
    };
    println!("{n} tasks per workload, best of {ROUNDS} rounds ({SLEEP_ROUNDS} for sleeps)");
    println!("each executor in a fresh process, with glibc's heap trimming off");
    println!();
    println!(
        "{:<36}{:>10}{:>16}{:>12}",
        "workload", RUNTIMES[0], RUNTIMES[1], RUNTIMES[2]
    );
    let row = |label: &str, values: [f64; 3], unit: &str| {
        println!(
            "{:<36}{:>10}{:>16}{:>12}",
            format!("{label} ({unit})"),
            format!("{:.1}", values[0]),
            format!("{:.1}", values[1]),
            format!("{:.1}", values[2]),
        );
    };
    let ratio = |label: &str, values: [f64; 3], base: f64| {
        println!(
            "{:<36}{:>10}{:>16}{:>12}",
            format!("  {label}"),
            format!("{:.2}×", values[0] / base),
            format!("{:.2}×", values[1] / base),
            format!("{:.2}×", values[2] / base),
        );
    };
    let all = [ours, executor, std];
    for (label, unit, values) in [
        ("spawn + join", "ns/task", all.map(|r| r.spawn_ns)),
        ("10 yields per task", "ns/poll", all.map(|r| r.yield_ns)),
        (
            "channel ping-pong",
            "ns/round trip",
            all.map(|r| r.ping_pong_ns),
        ),
    ] {
        row(label, values, unit);
        ratio("vs async-executor", values, values[1]);
    }
    let walls = all.map(|r| r.sleep_wall.as_secs_f64() * 1000.0);
    row("all sleep 100 ms: wall", walls, "ms");
    ratio("vs ideal (100 ms)", walls, NAP.as_secs_f64() * 1000.0);
    println!(
        "{:<36}{:>10}{:>16}{:>12}",
        "  memory per sleeping task (bytes)",
        ours.sleep_bytes,
        executor.sleep_bytes,
        std.sleep_bytes
    );
}
// ANCHOR_END: table

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--child NAME --tasks N`: measure one executor and print one line.
    if let [flag, name, rest @ ..] = &args[..]
        && flag == "--child"
    {
        let n = parse_tasks(rest, DEFAULT_TASKS, MAX_TASKS).unwrap_or_else(|error| fail(&error));
        let line = match name.as_str() {
            "step04" => measure_all(&Step04, n),
            "async-executor" => measure_all(&AsyncExecutor(async_executor::Executor::new()), n),
            "async-std" => measure_all(&AsyncStd, n),
            other => fail(&format!("unknown executor `{other}`")),
        };
        println!("{line}");
        return;
    }
    let n = parse_tasks(&args, DEFAULT_TASKS, MAX_TASKS).unwrap_or_else(|error| fail(&error));
    let results: Vec<Results> = RUNTIMES
        .iter()
        .map(|name| {
            let args = ["--child", name, "--tasks", &n.to_string()].map(String::from);
            let output = run_self(&args).unwrap_or_else(|error| {
                eprintln!("measuring {name} failed: {error}");
                std::process::exit(1);
            });
            parse_results(&output).unwrap_or_else(|| {
                eprintln!("measuring {name} printed `{output}`");
                std::process::exit(1);
            })
        })
        .collect();
    print_table(n, &results);
}

fn fail(error: &str) -> ! {
    eprintln!("error: {error}\n{USAGE}");
    std::process::exit(2);
}
