//! The distributed example with a real broker: `cargo run -p step03-tasks --example distributed_redis`.
//!
//! `distributed.rs` hands out jobs itself; this program lets Redis do it.
//! It starts Debian's `redis-server` on a free port of 127.0.0.1, puts the
//! jobs on a stream, and starts worker processes (copies of itself) that
//! read them as one consumer group. Worker 2 crashes holding a job it has
//! not acknowledged; after `CLAIM_AFTER` another worker claims it. Delivery
//! is at least once, so results are recorded with HSETNX: once per job.
//! Runs on tokio, with the redis crate (whose 1.x supports smol and tokio).
// listing-needs: redis-server

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use redis::AsyncConnectionConfig;
use redis::aio::MultiplexedConnection;
use redis::streams::{StreamAutoClaimReply, StreamReadReply};
use redis::{AsyncCommands, cmd};
use step03_tasks::args;
use step03_tasks::lesson::print_job_table;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::time::{sleep, timeout};

const USAGE: &str = "distributed_redis   (no options; --worker ID PORT is internal)";
/// The stream of jobs, its consumer group, and the hash of results.
const STREAM: &str = "jobs";
const GROUP: &str = "workers";
const RESULTS: &str = "results";
const JOBS: u64 = 12;
const WORKERS: usize = 3;
const CRASHING_WORKER: usize = 2;
/// How long a job may stay unacknowledged before another worker claims it.
const CLAIM_AFTER: Duration = Duration::from_millis(1000);
/// Every wait is bounded: a stuck peer becomes an error, never a hang.
const LIMIT: Duration = Duration::from_secs(20);

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The same work as `distributed.rs`: primes below `1000 * (job + 1)`.
async fn work(job: u64) -> u64 {
    sleep(Duration::from_millis(100)).await;
    let is_prime = |n: &u64| {
        *n >= 2
            && (2..)
                .take_while(|d| d * d <= *n)
                .all(|d| !n.is_multiple_of(d))
    };
    (0..1000 * (job + 1)).filter(is_prime).count() as u64
}

// ANCHOR: server
/// A `redis-server` of our own, on a free loopback port, with nothing
/// saved to disk; dropping it stops it.
struct RedisServer {
    process: std::process::Child,
    port: u16,
}

impl RedisServer {
    fn start() -> Result<RedisServer, Failure> {
        // Port 0 would turn Redis's TCP off: ask the system for a free port.
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let process = std::process::Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => "redis-server is not installed \
                    (Debian: apt-get install redis-server; macOS: brew install redis)"
                    .into(),
                _ => Failure::from(error),
            })?;
        Ok(RedisServer { process, port })
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Connects to the server on `port`, retrying until it answers PING.
async fn connect(port: u16) -> Result<MultiplexedConnection, Failure> {
    let client = redis::Client::open(format!("redis://127.0.0.1:{port}/"))?;
    // redis-rs gives up on a reply after 0.5 s by default; on a busy machine
    // this program can wait longer than that for a core, and a timed-out
    // reply would end the lesson, not teach it.
    let config = AsyncConnectionConfig::new().set_response_timeout(Some(LIMIT));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = async {
            let mut redis = client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            cmd("PING").query_async::<String>(&mut redis).await?;
            Ok::<_, redis::RedisError>(redis)
        };
        match attempt.await {
            Ok(redis) => return Ok(redis),
            Err(error) if Instant::now() > deadline => return Err(error.into()),
            Err(_) => sleep(Duration::from_millis(20)).await,
        }
    }
}
// ANCHOR_END: server

// ANCHOR: next_job
/// The next job for consumer `me`: first one that another consumer took
/// and left unacknowledged for `CLAIM_AFTER` (XAUTOCLAIM), else a new one
/// (XREADGROUP `>`, waiting up to 100 ms). The bool says "claimed".
async fn next_job(
    redis: &mut MultiplexedConnection,
    me: &str,
) -> Result<Option<(String, u64, bool)>, Failure> {
    let idle = CLAIM_AFTER.as_millis() as u64;
    let claim: StreamAutoClaimReply = cmd("XAUTOCLAIM")
        .arg((STREAM, GROUP, me, idle, "0-0", "COUNT", 1))
        .query_async(redis)
        .await?;
    let read = match claim.claimed.into_iter().next() {
        Some(entry) => Some((entry, true)),
        None => {
            let reply: Option<StreamReadReply> = cmd("XREADGROUP")
                .arg(("GROUP", GROUP, me, "COUNT", 1, "BLOCK", 100))
                .arg(("STREAMS", STREAM, ">"))
                .query_async(redis)
                .await?;
            let entry = reply.and_then(|reply| {
                reply.keys.into_iter().next()?.ids.into_iter().next()
            });
            entry.map(|entry| (entry, false))
        }
    };
    Ok(read.and_then(|(entry, claimed)| {
        Some((entry.id.clone(), entry.get("job")?, claimed))
    }))
}
// ANCHOR_END: next_job

// ANCHOR: worker
/// The worker role: take jobs until the coordinator sets `stop`. Worker 2
/// exits (code 3) as soon as it holds a job: delivered, never acknowledged.
async fn worker(id: usize, port: u16) -> Result<(), Failure> {
    let mut redis = connect(port).await?;
    let me = format!("worker-{id}");
    println!("ready");
    std::io::stdout().flush()?;
    while !redis.exists::<_, bool>("stop").await? {
        let Some((entry, job, claimed)) = next_job(&mut redis, &me).await? else {
            continue;
        };
        if id == CRASHING_WORKER {
            std::process::exit(3); // a crash mid-job: no result, no XACK
        }
        if claimed {
            // A set: a job claimed twice (from a slow worker) counts once.
            redis.sadd::<_, _, ()>("claimed", &entry).await?;
        }
        let result = work(job).await;
        // Record and acknowledge in one transaction. A job delivered twice
        // (a slow worker, not a dead one) is recorded once: HSETNX.
        let (first,): (bool,) = redis::pipe()
            .atomic()
            .hset_nx(RESULTS, job, result)
            .xack(STREAM, GROUP, &[&entry])
            .ignore()
            .query_async(&mut redis)
            .await?;
        if !first {
            redis.incr::<_, _, ()>("duplicates", 1).await?;
        }
    }
    Ok(())
}
// ANCHOR_END: worker

/// Starts this same program as worker `id` and waits until it is ready.
async fn start_worker(id: usize, port: u16) -> Result<Child, Failure> {
    let mut process = Command::new(std::env::current_exe()?)
        .args(["--worker", &id.to_string(), &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let stdout = process.stdout.take().ok_or("worker has no stdout")?;
    let mut ready = String::new();
    timeout(LIMIT, BufReader::new(stdout).read_line(&mut ready)).await??;
    match ready.trim() {
        "ready" => Ok(process),
        _ => Err(format!("worker {id} did not start").into()),
    }
}

// ANCHOR: coordinator
async fn coordinator() -> Result<(), Failure> {
    let server = RedisServer::start()?;
    let mut redis = connect(server.port).await?;
    println!("redis-server started on a free port of 127.0.0.1");
    cmd("XGROUP")
        .arg("CREATE")
        .arg(STREAM)
        .arg(GROUP)
        .arg("$")
        .arg("MKSTREAM")
        .query_async::<()>(&mut redis)
        .await?;
    let mut workers = Vec::new();
    for id in 1..=WORKERS {
        workers.push(start_worker(id, server.port).await?);
    }
    println!(
        "{WORKERS} workers in consumer group `{GROUP}` (worker {CRASHING_WORKER} will crash mid-job)"
    );
    for job in 0..JOBS {
        redis
            .xadd::<_, _, _, _, ()>(STREAM, "*", &[("job", job)])
            .await?;
    }
    println!("{JOBS} jobs added to the stream `{STREAM}`");

    let deadline = Instant::now() + LIMIT;
    while redis.hlen::<_, u64>(RESULTS).await? < JOBS && Instant::now() < deadline {
        sleep(Duration::from_millis(50)).await;
    }
    redis.set::<_, _, ()>("stop", 1).await?;
    report(&mut redis).await?;
    println!("shutting down:");
    for (index, mut process) in workers.into_iter().enumerate() {
        let code = match timeout(LIMIT, process.wait()).await {
            Ok(Ok(status)) => status
                .code()
                .map_or("a signal".to_string(), |code| code.to_string()),
            _ => "nothing: killed".to_string(),
        };
        println!("  worker {} exited with {code}", index + 1);
    }
    Ok(())
}
// ANCHOR_END: coordinator

// ANCHOR: report
/// What Redis holds at the end: results, claims, duplicates, pending.
async fn report(redis: &mut MultiplexedConnection) -> Result<(), Failure> {
    let mut results: Vec<(u64, u64)> = redis.hgetall(RESULTS).await?;
    results.sort_unstable();
    let claimed: u64 = redis.scard("claimed").await?;
    let duplicates: Option<u64> = redis.get("duplicates").await?;
    let (pending, ..): (u64, redis::Value, redis::Value, redis::Value) =
        cmd("XPENDING")
            .arg(STREAM)
            .arg(GROUP)
            .query_async(redis)
            .await?;
    println!(
        "jobs claimed from a crashed worker after {} ms: {}",
        CLAIM_AFTER.as_millis(),
        claimed
    );
    println!(
        "{} of {JOBS} jobs done, {} recorded twice, {pending} unacknowledged:",
        results.len(),
        duplicates.unwrap_or(0)
    );
    print_job_table(&results);
    Ok(())
}
// ANCHOR_END: report

#[tokio::main]
async fn main() {
    let outcome = match args::read(USAGE, role) {
        None => coordinator().await,
        Some((id, port)) => worker(id, port).await,
    };
    if let Err(error) = outcome {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

/// Nothing (the coordinator), or `--worker ID PORT`: how the coordinator
/// starts its workers.
fn role(arguments: &[String]) -> Result<Option<(usize, u16)>, String> {
    match arguments {
        [] => Ok(None),
        [flag, id, port] if flag == "--worker" => match (id.parse(), port.parse()) {
            (Ok(id), Ok(port)) => Ok(Some((id, port))),
            _ => Err("--worker takes a number and a port".to_string()),
        },
        [other, ..] => Err(format!("unexpected argument `{other}`")),
    }
}
