//! Async or threads, measured: N concurrent waits of 100 ms each, on N OS
//! threads and on N async-std tasks, for several N; wall time and the
//! memory they took. Each row is measured in a fresh process (this program
//! runs itself), so that one row's peak memory does not hide the next.
//! `cargo run --release -p step03-tasks --example threads_vs_tasks -- --waits 10,100,10000`
//! `python3 step03-tasks/python/threads_vs_tasks.py` does the same with
//! Python threads and asyncio tasks.
// listing-output: shape-only

use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use async_std::task;
use step03_tasks::args;
use step03_tasks::scale::{
    megabytes, peak_resident_bytes, resident_bytes, with_commas,
};

const USAGE: &str = "threads_vs_tasks [--waits N,N,...]    \
                     1 to 5 counts, each 1 to 10_000 (default 10,100,10_000)";
/// One thread per wait, and systems limit threads per process (Linux by
/// default near 32,000, through `vm.max_map_count`; macOS to a few
/// thousand): past that, spawning a thread aborts the program. 10,000 is
/// the run the chapter shows.
const MAX_WAITS: u64 = 10_000;
const WAIT: Duration = Duration::from_millis(100);

// ANCHOR: waits
/// N threads, each blocked in a 100 ms sleep; returns when all have ended.
fn on_threads(waits: usize) {
    let threads: Vec<_> = (0..waits)
        .map(|_| std::thread::spawn(|| std::thread::sleep(WAIT)))
        .collect();
    for thread in threads {
        thread.join().expect("a sleeping thread does not panic");
    }
}

/// N tasks, each awaiting a 100 ms timer; returns when all have ended.
fn on_tasks(waits: usize) {
    task::block_on(async {
        let tasks: Vec<_> =
            (0..waits).map(|_| task::spawn(task::sleep(WAIT))).collect();
        for waiting in tasks {
            waiting.await;
        }
    });
}
// ANCHOR_END: waits

/// One row, in this process: prints `seconds bytes` for the parent to read.
fn measure_one(kind: &str, waits: usize) {
    let before = resident_bytes();
    let start = Instant::now();
    if kind == "threads" {
        on_threads(waits)
    } else {
        on_tasks(waits)
    }
    let wall = start.elapsed().as_secs_f64();
    let grown = peak_resident_bytes()
        .zip(before)
        .map(|(peak, before)| peak - before);
    println!(
        "{wall} {}",
        grown.map_or("n/a".to_string(), |bytes| bytes.to_string())
    );
}

// ANCHOR: table
fn run_all(counts: &[usize]) -> Result<(), String> {
    println!("concurrent waits of 100 ms, each row in a fresh process");
    println!(
        "{:>7}  {:<7}  {:>9}  {:>9}  {:>14}",
        "waits", "on", "wall", "memory", "per wait"
    );
    for &waits in counts {
        for kind in ["threads", "tasks"] {
            let (wall, grown) = measure_in_child(kind, waits)?;
            let per_wait = grown.map_or("n/a".into(), |bytes| {
                format!("{} bytes", bytes / waits as u64)
            });
            let wall = format!("{wall:.3} s");
            let memory = megabytes(grown);
            println!(
                "{:>7}  {kind:<7}  {wall:>9}  {memory:>9}  {per_wait:>14}",
                with_commas(waits)
            );
        }
    }
    Ok(())
}
// ANCHOR_END: table

/// Runs this program again with `--one KIND N` and reads its line.
fn measure_in_child(kind: &str, waits: usize) -> Result<(f64, Option<u64>), String> {
    let me = std::env::current_exe().map_err(|error| error.to_string())?;
    let output = Command::new(me)
        .args(["--one", kind, &waits.to_string()])
        .output()
        .map_err(|error| format!("could not run a measurement: {error}"))?;
    let line = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let bad = || {
        format!(
            "{kind} with {waits} waits failed: {line:?} {}",
            output.status
        )
    };
    let (wall, grown) = line.split_once(' ').ok_or_else(bad)?;
    Ok((wall.parse().map_err(|_| bad())?, grown.parse().ok()))
}

/// What the command line asks for.
enum Asked {
    /// The table, a row per count and kind (`--waits`, or the default).
    Table(Vec<usize>),
    /// One measurement, in this process: how this program runs itself.
    One(String, usize),
}

/// Reads the command line by the lessons' rules (`step03_tasks::args`).
fn asked(arguments: &[String]) -> Result<Asked, String> {
    let words: Vec<&str> = arguments.iter().map(String::as_str).collect();
    match words[..] {
        [] => Ok(Asked::Table(vec![10, 100, 10_000])),
        ["--waits", counts] => counts_from("--waits", counts).map(Asked::Table),
        ["--one", kind @ ("threads" | "tasks"), count] => {
            match counts_from("--one", count)?[..] {
                [waits] => Ok(Asked::One(kind.to_string(), waits)),
                _ => Err("--one takes one count".to_string()),
            }
        }
        [first, ..] => Err(format!(
            "unknown or incomplete arguments starting at `{first}`"
        )),
    }
}

/// `10,100,10_000`, the value of `option`: one to five counts, each 1 to
/// `MAX_WAITS`.
fn counts_from(option: &'static str, list: &str) -> Result<Vec<usize>, String> {
    let waits = args::number(option, 10, 1..=MAX_WAITS);
    let counts = list
        .split(',')
        .map(|count| args::whole_number(&waits, count).map(|count| count as usize))
        .collect::<Result<Vec<usize>, String>>()?;
    if counts.len() > 5 {
        return Err(format!(
            "{option} takes at most 5 counts, not {}",
            counts.len()
        ));
    }
    Ok(counts)
}

fn main() -> ExitCode {
    match args::read(USAGE, asked) {
        Asked::One(kind, waits) => measure_one(&kind, waits),
        Asked::Table(counts) => {
            if let Err(error) = run_all(&counts) {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
