//! Why one timer heap and not one thread per sleep:
//! `cargo run --release -p step04-executor --example timer_threads -- --tasks 10000`.
//!
//! Each design runs in a fresh process (this program started again with
//! `--child DESIGN`), so that the peak memory of one does not hide the
//! other's.

// listing-output: shape-only

use std::process::ExitCode;
use std::time::{Duration, Instant};

use measure::{Benchmark, TaskCount, benchmark_args, measure_in_child, refuse};
use measure::{bytes_per_task, peak_resident_bytes, resident_bytes};
use step04_executor::thread_timer::thread_sleep;
use step04_executor::{block_on, sleep, spawn};

// The benchmarks' command line and child processes (`measure/mod.rs`,
// shared with the other benchmark program).
mod measure;

const USAGE: &str =
    "usage: timer_threads [--tasks N]    N: 1 to 10000 sleeping tasks (default 10000)";
/// One thread per sleeping task, and systems limit threads per process
/// (Linux by default near 32,000, through `vm.max_map_count`; macOS to a
/// few thousand): past that, `thread::spawn` fails. 10,000 is the run the
/// chapter shows.
const TASKS: TaskCount = TaskCount {
    default: 10_000,
    max: 10_000,
};
const NAP: Duration = Duration::from_millis(100);

// ANCHOR: measure
/// `n` tasks sleep `NAP` at once, with either timer: the wall time, and the
/// peak memory growth per task.
fn sleep_all(n: usize, one_thread_per_sleep: bool) -> (Duration, String) {
    block_on(async {
        let before = resident_bytes();
        let start = Instant::now();
        let handles: Vec<_> = (0..n)
            .map(|_| {
                spawn(async move {
                    if one_thread_per_sleep {
                        thread_sleep(NAP).await; // stage 2's timer
                    } else {
                        sleep(NAP).await; // stage 4's timer heap
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
        let per_task = bytes_per_task(before, peak_resident_bytes(), n);
        let per_task = per_task.map_or("n/a".to_string(), |bytes| bytes.to_string());
        (start.elapsed(), per_task)
    })
}
// ANCHOR_END: measure

fn main() -> ExitCode {
    let n = match benchmark_args(USAGE, TASKS) {
        Ok(Benchmark::All { tasks }) => tasks,
        Ok(Benchmark::One { name, tasks }) => return measure_one(&name, tasks),
        Err(exit) => return exit,
    };
    println!("{n} tasks each sleep 100 ms on the step04 executor");
    println!();
    println!(
        "{:<22}{:>10}{:>10}{:>16}",
        "timer", "wall", "vs ideal", "bytes per task"
    );
    for (label, design) in [
        ("a thread per sleep", "threads"),
        ("one heap of timers", "heap"),
    ] {
        let output = measure_in_child(design, n);
        let mut fields = output.split_whitespace();
        let wall: f64 = fields
            .next()
            .and_then(|f| f.parse().ok())
            .unwrap_or(f64::NAN);
        let bytes = fields.next().unwrap_or("n/a");
        println!(
            "{label:<22}{:>10}{:>10}{bytes:>16}",
            format!("{:.0} ms", wall * 1000.0),
            format!("{:.2}×", wall / NAP.as_secs_f64()),
        );
    }
    ExitCode::SUCCESS
}

/// The child's part: measures one timer design and prints one line.
fn measure_one(design: &str, n: usize) -> ExitCode {
    let (wall, bytes) = match design {
        "threads" => sleep_all(n, true),
        "heap" => sleep_all(n, false),
        other => return refuse(&format!("unknown design `{other}`"), USAGE),
    };
    println!("{} {bytes}", wall.as_secs_f64());
    ExitCode::SUCCESS
}
