//! The benchmark's results and its table: a child process prints one
//! runtime's [`Results`] on one line, the parent reads the four lines back
//! and prints them as one table (`print_table`), with step04's numbers
//! divided by each other runtime's below.
//!
//! A module of `bench` (and of `bench_threads`, the same program): the
//! workloads and the command line are in `bench.rs`, the runtimes'
//! adapters in `runtimes/mod.rs`.

use super::{NAP, ROUNDS, RUNTIMES, RUNTIMES_ON_THREADS, SLEEP_ROUNDS};

/// The best and the slowest of several rounds of one workload.
#[derive(Clone, Copy)]
pub struct Spread {
    pub best: f64,
    pub slowest: f64,
}

impl Spread {
    pub fn of(rounds: impl IntoIterator<Item = f64>) -> Spread {
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

/// One runtime's results, as the child prints them on one line.
pub struct Results {
    pub spawn: Spread,
    pub yields: Spread,
    pub ping_pong: Spread,
    /// Wall time of the sleep rounds, in milliseconds.
    pub sleep_wall: Spread,
    /// The best sleep round's `last_armed`, in milliseconds.
    pub sleep_armed: f64,
    pub sleep_bytes: Option<u64>,
}

impl Results {
    pub fn to_line(&self) -> String {
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

    pub fn from_line(line: &str) -> Option<Results> {
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
pub fn print_table(n: usize, threads: Option<usize>, all: &[Results; 4]) {
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
