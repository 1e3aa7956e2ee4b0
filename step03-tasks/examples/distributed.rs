//! A small distributed system on one machine: a coordinator starts worker
//! processes (copies of this program), hands them jobs over TCP on
//! 127.0.0.1, notices when one dies, and gives its jobs to the others.
//! `cargo run -p step03-tasks --example distributed`

use std::io::Write;
use std::time::Duration;

use async_std::future::timeout;
use async_std::io::prelude::BufReadExt;
use async_std::io::{BufReader, WriteExt};
use async_std::net::{TcpListener, TcpStream};
use async_std::process::{Child, Command, Stdio};
use async_std::task;
use futures::StreamExt;
use step03_tasks::args;
use step03_tasks::lesson::print_job_table;

const USAGE: &str = "distributed [--workers N (2-6)] [--jobs N (1-60)]";
/// The worker that crashes, and after how many answered jobs.
const CRASHING_WORKER: usize = 2;
const CRASH_AFTER: u64 = 2;
/// Every wait is bounded: a stuck peer becomes an error, never a hang.
const REPLY_LIMIT: Duration = Duration::from_secs(5);
const IDLE_LIMIT: Duration = Duration::from_secs(10);
const MAX_ROUNDS: usize = 5;

type Failure = Box<dyn std::error::Error + Send + Sync>;

// ANCHOR: work
/// The work itself: the number of primes below `1000 * (job + 1)`, plus a
/// pause that stands for I/O. Any deterministic function would do.
async fn work(job: u64) -> u64 {
    task::sleep(Duration::from_millis(100)).await;
    let is_prime = |n: &u64| {
        *n >= 2
            && (2..)
                .take_while(|d| d * d <= *n)
                .all(|d| !n.is_multiple_of(d))
    };
    (0..1000 * (job + 1)).filter(is_prime).count() as u64
}
// ANCHOR_END: work

// ANCHOR: worker
/// The worker role: listen on a free port of 127.0.0.1, tell the
/// coordinator which one on stdout, then answer `JOB n` lines with
/// `DONE n result` until `QUIT`, end of input, or `IDLE_LIMIT` of silence.
async fn worker(crash_after: u64) -> Result<(), Failure> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    println!("{}", listener.local_addr()?.port());
    std::io::stdout().flush()?;
    let (stream, _) = timeout(IDLE_LIMIT, listener.accept()).await??;

    let mut lines = BufReader::new(&stream).lines();
    let mut answered = 0;
    while let Some(line) = timeout(IDLE_LIMIT, lines.next()).await? {
        let line = line?;
        let reply = match line.strip_prefix("JOB ").map(str::parse::<u64>) {
            Some(Ok(job)) if job < 1000 => {
                if crash_after > 0 && answered == crash_after {
                    // A crash: no reply, no goodbye, the socket just closes.
                    std::process::exit(3);
                }
                answered += 1;
                format!("DONE {job} {}\n", work(job).await)
            }
            _ if line == "QUIT" => break,
            _ => "ERR expected: JOB <n> or QUIT\n".to_string(),
        };
        (&stream).write_all(reply.as_bytes()).await?;
    }
    Ok(())
}
// ANCHOR_END: worker

// ANCHOR: start
/// A worker process as the coordinator sees it.
#[derive(Debug)]
struct Worker {
    id: usize,
    process: Child,
    connection: TcpStream,
    replies: async_std::io::Lines<BufReader<TcpStream>>,
}

/// Starts this same program as a worker, reads its port, connects.
async fn start_worker(id: usize) -> Result<Worker, Failure> {
    let crash_after = if id == CRASHING_WORKER {
        CRASH_AFTER
    } else {
        0
    };
    let mut process = Command::new(std::env::current_exe()?)
        .args(["--worker", "--crash-after", &crash_after.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .kill_on_drop(true) // a coordinator that fails and unwinds kills it
        .spawn()?;
    let stdout = process.stdout.take().ok_or("worker has no stdout")?;
    let mut port = String::new();
    timeout(REPLY_LIMIT, BufReader::new(stdout).read_line(&mut port)).await??;
    let port: u16 = port.trim().parse()?;
    let connection = TcpStream::connect(("127.0.0.1", port)).await?;
    let replies = BufReader::new(connection.clone()).lines();
    Ok(Worker {
        id,
        process,
        connection,
        replies,
    })
}
// ANCHOR_END: start

// ANCHOR: ask
/// Sends one job and waits (bounded) for its result.
async fn ask(worker: &mut Worker, job: u64) -> Result<u64, Failure> {
    worker
        .connection
        .write_all(format!("JOB {job}\n").as_bytes())
        .await?;
    let reply = timeout(REPLY_LIMIT, worker.replies.next())
        .await?
        .ok_or("connection closed")??;
    let expected = format!("DONE {job} ");
    let result = reply.strip_prefix(&expected).ok_or("unexpected reply")?;
    Ok(result.parse()?)
}
// ANCHOR_END: ask

// ANCHOR: share
/// What one worker did with its share of a round.
#[derive(Debug)]
struct Outcome {
    worker: Worker,
    results: Vec<(u64, u64)>,
    unfinished: Vec<u64>,
    alive: bool,
}

/// Runs `jobs` on `worker` one after the other; stops at the first failure
/// and hands back the jobs it did not finish.
async fn run_share(mut worker: Worker, jobs: Vec<u64>) -> Outcome {
    let mut results = Vec::new();
    for (index, &job) in jobs.iter().enumerate() {
        match ask(&mut worker, job).await {
            Ok(result) => results.push((job, result)),
            Err(_) => {
                let unfinished = jobs[index..].to_vec();
                return Outcome {
                    worker,
                    results,
                    unfinished,
                    alive: false,
                };
            }
        }
    }
    Outcome {
        worker,
        results,
        unfinished: Vec::new(),
        alive: true,
    }
}
// ANCHOR_END: share

// ANCHOR: deal
/// Deals out `pending` round-robin over the live workers, all workers in
/// parallel, and repeats with whatever the dead ones left undone.
async fn coordinate(
    mut alive: Vec<Worker>,
    jobs: u64,
) -> (Vec<(u64, u64)>, Vec<Worker>, Vec<Worker>) {
    let mut pending: Vec<u64> = (0..jobs).collect();
    let (mut results, mut dead) = (Vec::new(), Vec::new());
    for round in 1..=MAX_ROUNDS {
        if pending.is_empty() || alive.is_empty() {
            break;
        }
        let ids: Vec<String> =
            alive.iter().map(|worker| worker.id.to_string()).collect();
        println!(
            "round {round}: {} jobs over workers {}",
            pending.len(),
            ids.join(", ")
        );
        let mut shares = vec![Vec::new(); alive.len()];
        for (index, job) in pending.drain(..).enumerate() {
            shares[index % alive.len()].push(job);
        }
        let running: Vec<_> = alive
            .drain(..)
            .zip(shares)
            .map(|(worker, share)| task::spawn(run_share(worker, share)))
            .collect();
        // ANCHOR_END: deal
        // ANCHOR: collect
        for outcome in futures::future::join_all(running).await {
            results.extend(outcome.results);
            pending.extend(&outcome.unfinished);
            if outcome.alive {
                alive.push(outcome.worker);
            } else {
                println!(
                    "  worker {} died; its jobs {:?} go back to the queue",
                    outcome.worker.id, outcome.unfinished
                );
                dead.push(outcome.worker);
            }
        }
        pending.sort_unstable();
    }
    results.sort_unstable();
    (results, alive, dead)
}
// ANCHOR_END: collect

// ANCHOR: shutdown
/// Tells live workers to quit, then waits for every process to end
/// (bounded; a straggler is killed) so that none is left as a zombie.
async fn shut_down(alive: Vec<Worker>, dead: Vec<Worker>) {
    let mut all: Vec<Worker> = alive.into_iter().chain(dead).collect();
    all.sort_by_key(|worker| worker.id);
    for worker in &mut all {
        let _ = worker.connection.write_all(b"QUIT\n").await;
    }
    for mut worker in all {
        let status = match timeout(REPLY_LIMIT, worker.process.status()).await {
            Ok(Ok(status)) => status,
            _ => {
                let _ = worker.process.kill();
                match worker.process.status().await {
                    Ok(status) => status,
                    Err(_) => continue,
                }
            }
        };
        let code = status
            .code()
            .map_or("a signal".to_string(), |code| code.to_string());
        println!("  worker {} exited with {code}", worker.id);
    }
}
// ANCHOR_END: shutdown

// ANCHOR: coordinator
async fn coordinator(workers: usize, jobs: u64) -> Result<(), Failure> {
    let mut alive = Vec::new();
    for id in 1..=workers {
        alive.push(start_worker(id).await?);
    }
    println!(
        "started {workers} worker processes on 127.0.0.1 \
         (worker {CRASHING_WORKER} will crash)"
    );

    let (results, alive, dead) = coordinate(alive, jobs).await;
    println!("{} of {jobs} jobs done:", results.len());
    print_job_table(&results);
    println!("shutting down:");
    shut_down(alive, dead).await;
    Ok(())
}
// ANCHOR_END: coordinator

// ANCHOR: main
#[async_std::main]
async fn main() {
    let outcome = match args::read(USAGE, role) {
        Role::Worker { crash_after } => worker(crash_after).await,
        Role::Coordinator { workers, jobs } => coordinator(workers, jobs).await,
    };
    if let Err(error) = outcome {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
// ANCHOR_END: main

/// What this process is: the coordinator, or one of the workers it starts.
enum Role {
    Coordinator { workers: usize, jobs: u64 },
    Worker { crash_after: u64 },
}

/// The coordinator's options, or `--worker [--crash-after N]`: how the
/// coordinator starts its workers.
fn role(arguments: &[String]) -> Result<Role, String> {
    if let Some((first, rest)) = arguments.split_first()
        && first == "--worker"
    {
        let values =
            args::numbers(rest, &[args::number("--crash-after", 0, 0..=1000)])?;
        return Ok(Role::Worker {
            crash_after: values[0],
        });
    }
    let options = [
        args::number("--workers", 3, 2..=6),
        args::number("--jobs", 12, 1..=60),
    ];
    let values = args::numbers(arguments, &options)?;
    Ok(Role::Coordinator {
        workers: values[0] as usize,
        jobs: values[1],
    })
}
