//! The parts of Step 3's programs that no runtime changes: the jobs, what
//! the programs print, and the reports they print it in.
//!
//! Each lesson program has twins on smol and tokio (`NAME_smol.rs`,
//! `NAME_tokio.rs`). They call these functions and keep only their
//! runtime's own lines: starting it, spawning, sleeping, racing, timing
//! out. Where a job must sleep, the caller hands over its runtime's timer
//! as a future (`smol::Timer::after(d)`, `tokio::time::sleep(d)`,
//! `async_std::task::sleep(d)`): awaiting it is the only thing that
//! depends on the runtime.

use std::fmt::Debug;
use std::future::Future;
use std::panic;
use std::thread;
use std::time::{Duration, Instant};

use futures::channel::oneshot;
use futures::future::{join_all, pending, try_join_all};

use crate::client::FetchResult;
use crate::server::{Server, Stats};
use crate::{CancelGuard, panic_message, seconds};

// ANCHOR: jobs
/// The names of Step 3's three one-second jobs.
pub const JOB_NAMES: [&str; 3] = ["a", "b", "c"];

/// Step 3's first half on any runtime: the jobs one after the other.
pub async fn jobs_one_after_the_other<F: Future<Output = String>>(
    job: impl Fn(&'static str) -> F,
) {
    println!("Three jobs, one second each.");
    let start = Instant::now();
    let mut results = Vec::new();
    for name in JOB_NAMES {
        results.push(job(name).await);
    }
    print_took("one after the other:", &results, start);
}

/// `how: [results] in 1.0 s`, the time rounded as Step 2 rounds it.
pub fn print_took(how: &str, results: &[String], start: Instant) {
    println!("{how} {results:?} in {}", seconds(start.elapsed()));
}
// ANCHOR_END: jobs

/// spawn_handles' task: waits on `work` (the runtime's 300 ms timer), then
/// returns its report and when it finished, counted from `start`.
pub async fn report_task(work: impl Future, start: Instant) -> (&'static str, String) {
    work.await;
    ("report", seconds(start.elapsed()))
}

/// spawn_handles' last two lines, once the handle has given the task's
/// result (`report_task`'s): it had finished long before it was awaited.
pub fn print_awaited((report, finished): (&str, String), start: Instant) {
    let took = seconds(start.elapsed());
    println!("3. the task had finished at {finished}, before anyone awaited it");
    println!("4. handle.await gave {report:?}; total {took}, not 0.3 + 0.5 s");
}

// ANCHOR: ticker
/// How many ticks the ticker makes, and how far apart.
pub const TICKS: usize = 10;
/// The time between two ticks when nothing hogs the thread.
pub const PERIOD: Duration = Duration::from_millis(100);
/// How many blocking jobs run next to the ticker, and how long each takes.
pub const BLOCKING_JOBS: usize = 3;
const JOB_TIME: Duration = Duration::from_millis(250);

/// Ticks `TICKS` times, `PERIOD` apart (`sleep` is the runtime's timer),
/// and returns when each tick happened. If nothing else hogs the thread,
/// consecutive ticks are `PERIOD` apart.
pub async fn ticker<F: Future>(sleep: impl Fn(Duration) -> F) -> Vec<Instant> {
    let mut ticks = Vec::with_capacity(TICKS);
    for _ in 0..TICKS {
        ticks.push(Instant::now());
        sleep(PERIOD).await;
    }
    ticks
}

/// A blocking call, such as a synchronous database driver or a long
/// computation: `thread::sleep` stands for it. It holds the thread.
pub fn blocking_job() {
    thread::sleep(JOB_TIME);
}
// ANCHOR_END: ticker

// ANCHOR: report
/// Summarises a ticker run: total time and the longest gap between ticks.
pub fn ticker_report(ticks: &[Instant]) -> String {
    let gaps: Vec<Duration> = ticks.windows(2).map(|pair| pair[1] - pair[0]).collect();
    let longest = gaps.iter().max().copied().unwrap_or_default();
    let total = ticks[ticks.len() - 1] - ticks[0];
    format!(
        "{TICKS} ticks took {}, longest gap {}",
        millis(total),
        millis(longest)
    )
}

/// A duration rounded to 10 ms, e.g. `250 ms`: stable from run to run.
fn millis(duration: Duration) -> String {
    let rounded = (duration.as_secs_f64() * 100.0).round() * 10.0;
    format!("{rounded:.0} ms")
}
// ANCHOR_END: report

/// The blocking ticker on any runtime: the ticker (on `sleep`, the
/// runtime's timer) next to blocking calls made in place, with a
/// `yield_now` between two, then next to the same calls handed to
/// `run_blocking`, the runtime's pool of blocking threads.
pub async fn blocking_ticker<S: Future, Y: Future, B: Future>(
    sleep: impl Fn(Duration) -> S,
    yield_now: impl Fn() -> Y,
    run_blocking: impl Fn(fn()) -> B,
    run_blocking_name: &str,
) {
    println!("a ticker every 100 ms, next to {BLOCKING_JOBS} jobs of 250 ms each");
    let in_place = async {
        for _ in 0..BLOCKING_JOBS {
            blocking_job();
            yield_now().await;
        }
    };
    let (ticks, ()) = futures::join!(ticker(&sleep), in_place);
    println!("blocking calls in async code: {}", ticker_report(&ticks));
    let on_blocking_threads = async {
        for _ in 0..BLOCKING_JOBS {
            run_blocking(blocking_job).await;
        }
    };
    let (ticks, ()) = futures::join!(ticker(&sleep), on_blocking_threads);
    let label = format!("{run_blocking_name}:");
    println!("{label:<30}{}", ticker_report(&ticks));
}

/// A job that announces it if it is cancelled before `wait` (the runtime's
/// timer) is over: the timeout and task group programs' work.
pub async fn guarded_job(name: &'static str, wait: impl Future) -> &'static str {
    let guard = CancelGuard::new(name);
    wait.await;
    guard.finish();
    name
}

/// The task group programs' fetch: waits `wait` (the runtime's timer),
/// then succeeds or fails. Its guard prints a line if it is cancelled.
pub async fn fetch_or_fail(
    name: &'static str,
    wait: impl Future,
    fails: bool,
) -> Result<String, String> {
    guarded_job(name, wait).await;
    if fails {
        println!("  {name}: failed");
        return Err(format!("{name} failed"));
    }
    println!("  {name}: done");
    Ok(format!("contents of {name}"))
}

/// Futures polled in place by one task, on any runtime: `try_join_all`
/// drops the others at b's error, and dropping a future cancels it.
pub async fn futures_in_place<F: Future>(sleep: impl Fn(Duration) -> F) {
    println!("futures in place, try_join_all:");
    let outcome = try_join_all([
        fetch_or_fail("a", sleep(Duration::from_millis(100)), false),
        fetch_or_fail("b", sleep(Duration::from_millis(300)), true),
        fetch_or_fail("c", sleep(Duration::from_millis(10_000)), false),
    ])
    .await;
    println!("  -> {outcome:?}");
}

/// What each ticket costs, for the task panic programs' buggy job: it
/// indexes past the end of this list for ticket 7. (The job stays in each
/// program, so that its panic message names the program's own file.)
pub const PRICES: [usize; 7] = [10, 20, 30, 40, 50, 60, 70];

/// How long ticket `ticket` takes: later tickets finish later.
pub fn ticket_time(ticket: usize) -> Duration {
    Duration::from_millis(10 * ticket as u64)
}

/// Prints panics on stdout, one line, with where they happened.
pub fn print_panics_in_one_line() {
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|place| format!("{}:{}", place.file(), place.line()))
            .unwrap_or_default();
        println!("  panic at {place}: {}", panic_message(info.payload()));
    }));
}

/// One ticket's outcome: its price, or the panic of its task.
pub fn print_ticket(ticket: usize, outcome: Result<usize, String>) {
    match outcome {
        Ok(price) => println!("  ticket {ticket}: price {price}"),
        Err(panic) => println!("  ticket {ticket}: task panicked: {panic}"),
    }
}

/// Stands for anything with cleanup to do (a connection to close politely,
/// a file to flush): says so when it is dropped.
#[derive(Debug)]
pub struct Connection(pub &'static str);

impl Drop for Connection {
    fn drop(&mut self) {
        println!("  {}: connection closed (Drop ran)", self.0);
    }
}

/// The worker of `leftover_tasks`' smol and tokio twins: opens a
/// connection, says so through `opened`, then waits forever. A `futures`
/// oneshot channel works on any runtime, so the twins share this worker
/// and differ only in their `main`.
pub async fn hold_connection_forever(name: &'static str, opened: oneshot::Sender<()>) {
    let _connection = Connection(name);
    let _ = opened.send(());
    pending::<()>().await;
}

/// The five pages `fetch_many` fetches, each 200 ms on the server.
pub const PAGES: [&str; 5] = ["page-1", "page-2", "page-3", "page-4", "page-5"];

/// `fetch_many` on any runtime: the pages one after the other, then all
/// at once, with what the server counted. `fetch` is the runtime's client,
/// `stats` and `reset` the server's counters, whichever runtime serves.
pub async fn fetch_many<F: Future<Output = FetchResult>>(
    fetch: impl Fn(&'static str) -> F,
    stats: impl Fn() -> Stats,
    reset: impl Fn(),
) {
    println!("The server takes 200 ms per request. Fetching 5 pages.");
    let (start, mut results) = (Instant::now(), Vec::new());
    for page in PAGES {
        results.push(fetch(page).await);
    }
    print_fetched("one after the other", &results, start, stats());
    reset();
    let start = Instant::now();
    let results = join_all(PAGES.map(&fetch)).await;
    print_fetched("all at once", &results, start, stats());
    println!("first result: {:?}", results[0].as_ref().ok());
}

fn print_fetched(how: &str, results: &[FetchResult], start: Instant, stats: Stats) {
    let fetched = results.iter().filter(|result| result.is_ok()).count();
    let (took, at_once) = (seconds(start.elapsed()), stats.max_in_flight);
    println!(
        "{how}: {fetched} pages in {took}, the server had at most {at_once} at once"
    );
}

/// The twelve pages of the bounded programs.
pub fn twelve_pages() -> Vec<String> {
    (1..=12).map(|number| format!("page-{number}")).collect()
}

/// The bounded programs' table: each limit, how long the twelve pages
/// took, and the most the server had at once. `fetch_all(limit)` is the
/// runtime's way to fetch them at most `limit` at once.
pub async fn bounded_table<F: Future<Output = Vec<FetchResult>>>(
    fetch_all: impl Fn(usize) -> F,
    stats: impl Fn() -> Stats,
    reset: impl Fn(),
) {
    println!("12 pages, 200 ms each, fetched with different limits:");
    println!("limit  took   most at once (counted by the server)");
    for limit in [1, 3, 12] {
        reset();
        let start = Instant::now();
        let results = fetch_all(limit).await;
        assert!(results.iter().all(Result::is_ok), "{results:?}");
        let took = seconds(start.elapsed());
        println!("{limit:>5}  {took}  {}", stats().max_in_flight);
    }
}

/// The time limit of the timeout programs.
pub const LIMIT: Duration = Duration::from_millis(500);

/// The timeout programs on any runtime: a quick and a slow job, then a
/// slow fetch, each under [`LIMIT`], and what the server saw of the fetch
/// given up on. `job(name, millis)` is the runtime's timeout around a
/// [`guarded_job`] on its timer; `fetch()` its timeout around a 5 s fetch
/// from `server`, called only when its turn comes: `tokio::time::timeout`
/// starts counting when it is called, not when it is first awaited.
pub async fn time_limits<
    J: Future<Output = impl Debug>,
    F: Future<Output = Result<T, E>>,
    T,
    E,
>(
    job: impl Fn(&'static str, u64) -> J,
    fetch: impl FnOnce() -> F,
    server: &Server,
) {
    let quick = job("quick job", 100).await;
    println!("quick job (100 ms) with a 500 ms limit: {quick:?}");
    let slow = job("slow job", 5_000).await;
    println!("slow job (5000 ms) with a 500 ms limit: {slow:?}");
    let timed_out = fetch().await.is_err();
    println!("a 5 s fetch with a 500 ms limit: timed out = {timed_out}");
    let stats = server.wait_until(LIMIT, |stats| stats.abandoned == 1).await;
    let (abandoned, in_flight) = (stats.abandoned, stats.in_flight);
    println!(
        "the server saw {abandoned} abandoned request, {in_flight} still in flight"
    );
}

/// The race programs' report: the winner, and what the server counted
/// once the loser's connection was closed.
pub fn print_race(winner: &str, contents: FetchResult, stats: Stats) {
    println!("{winner} won: {:?}", contents.ok());
    let (served, abandoned) = (stats.served, stats.abandoned);
    let at_once = stats.max_in_flight;
    println!(
        "server: {served} served, {abandoned} abandoned, at most {at_once} at once"
    );
}

/// The distributed programs' results, `(job, primes)` sorted by job, four
/// jobs to a line: `job  0 =  168   job  1 =  303 ...`. Its Redis variant
/// prints the same table, so that the two runs compare line by line.
pub fn print_job_table(results: &[(u64, u64)]) {
    for chunk in results.chunks(4) {
        let line: Vec<String> = chunk
            .iter()
            .map(|(job, primes)| format!("job {job:>2} = {primes:>4}"))
            .collect();
        println!("  {}", line.join("   "));
    }
}
