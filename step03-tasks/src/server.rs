//! A small lesson server: real non-blocking I/O to practise on.
//!
//! It listens on `127.0.0.1` on a port the system picks, and answers each
//! request after a delay, the way a slow web service would. It counts what
//! it does, above all how many requests it was handling *at the same time*
//! ([`Stats::max_in_flight`]): that number proves that a client ran its
//! requests concurrently, with no stopwatch involved.
//!
//! # Protocol
//!
//! One request per line, any number of requests per connection, one after
//! the other:
//!
//! ```text
//! GET <name>              ->  OK contents of <name>      (after the server's delay)
//! GET <name> <delay_ms>   ->  the same, after <delay_ms> milliseconds instead
//! GET missing-<anything>  ->  ERR not found: missing-<anything>   (after the delay)
//! anything else           ->  ERR <what is wrong>          (at once)
//! ```
//!
//! A name is 1 to 64 visible ASCII characters. A delay is at most
//! [`MAX_DELAY_MS`]. A line longer than [`MAX_LINE`] bytes gets an error and
//! the connection is closed.
//!
//! A client may shut its sending side once its requests are sent (`nc -N`,
//! `shutdown(Write)`): every request is still answered, the last one even
//! without its newline, and then the server closes the connection. Such a
//! client receives the first byte of an answer at once and the rest after
//! the delay (how the server tells it from one that hung up, see below).
//!
//! # Limits, so that no client can exhaust it
//!
//! - at most [`Config::max_connections`] connections are served at once;
//!   one more is answered `ERR busy` and closed. Connections that arrive
//!   together wait in the system's queue until the server accepts them;
//!   the server asks for a queue of [`BACKLOG`] so that a burst gets
//!   `ERR busy` rather than silence (Linux caps it at
//!   `net.core.somaxconn`, 4096 by default; macOS at `kern.ipc.somaxconn`,
//!   128 by default);
//! - a connection that sends no complete line within
//!   [`Config::idle_timeout`] is closed. So `max_connections` clients (256
//!   by default) that connect and stay silent hold every slot for up to
//!   that long (5 s by default), and meanwhile every other client is
//!   answered `ERR busy`: the server stays up, but serves nobody else
//!   (for as long as they reconnect);
//! - a client that disconnects while its request is waiting is noticed
//!   within milliseconds (counted in [`Stats::abandoned`]) and costs
//!   nothing more;
//! - [`Server::shutdown`], or dropping the [`Server`], stops everything.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_std::channel::{self, Receiver, Sender};
use async_std::io::{ReadExt, WriteExt};
use async_std::net::{TcpListener, TcpStream};
use async_std::task::{self, JoinHandle};
use futures::future::{self, Either};

/// The longest request line the server reads, in bytes.
pub const MAX_LINE: usize = 256;
/// The longest delay a request may ask for, in milliseconds.
pub const MAX_DELAY_MS: u64 = 10_000;
/// The longest resource name, in characters.
pub const MAX_NAME: usize = 64;
/// How many connections the system may hold for the server before it
/// accepts them (`listen`'s backlog). std and async-std ask for 128, and a
/// burst of more clients than that, arriving faster than the accept loop
/// takes them, would see some connection attempts dropped: silence, where
/// `ERR busy` is due. The system caps it (Linux: `net.core.somaxconn`).
pub const BACKLOG: i32 = 4096;

/// How a server behaves. `Config::default()` suits most lessons.
#[derive(Debug, Clone)]
pub struct Config {
    /// How long the server takes to answer a request that names no delay.
    pub delay: Duration,
    /// How many connections it serves at once; more are turned away.
    pub max_connections: u64,
    /// How long a connection may stay silent before the server closes it.
    pub idle_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            delay: Duration::from_millis(100),
            max_connections: 256,
            idle_timeout: Duration::from_secs(5),
        }
    }
}

// ANCHOR: stats
/// What the server has done so far: a snapshot of its counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Connections accepted and served.
    pub connections: u64,
    /// Connections turned away with `ERR busy` (too many at once).
    pub rejected: u64,
    /// Requests answered after their delay (`OK ...` or `ERR not found`).
    pub served: u64,
    /// Malformed requests, answered `ERR ...` at once.
    pub errors: u64,
    /// Requests whose client disconnected before the answer was ready.
    pub abandoned: u64,
    /// Requests being handled right now.
    pub in_flight: u64,
    /// The most requests ever handled at the same time.
    pub max_in_flight: u64,
}
// ANCHOR_END: stats

/// A running lesson server. Dropping it shuts it down.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    counters: Arc<Counters>,
    /// Dropping the only sender closes the channel: every loop of the server
    /// is waiting on it too, so they all stop.
    stop: Option<Sender<()>>,
    accept_loop: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server on `127.0.0.1` (a free port) that answers after `delay`.
    pub async fn start(delay: Duration) -> io::Result<Server> {
        Server::start_with(Config {
            delay,
            ..Config::default()
        })
        .await
    }

    /// Starts a server with every setting chosen.
    pub async fn start_with(config: Config) -> io::Result<Server> {
        let listener = TcpListener::from(listen_on_loopback()?);
        let addr = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let (stop, stopped) = channel::bounded(1);
        let accept_loop = task::spawn(accept_loop(
            listener,
            Arc::new(config),
            Arc::clone(&counters),
            stopped,
        ));
        Ok(Server {
            addr,
            counters,
            stop: Some(stop),
            accept_loop: Some(accept_loop),
        })
    }

    /// The address to connect to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.counters.snapshot()
    }

    /// Sets every counter except `in_flight` back to zero, to measure one
    /// phase of a program on its own.
    pub fn reset_stats(&self) {
        self.counters.reset();
    }

    /// Waits until `done(stats)` holds or `limit` has passed, and returns the
    /// last snapshot. For what happens a moment *after* a client acts, such
    /// as the server noticing that a client went away.
    pub async fn wait_until(&self, limit: Duration, done: impl Fn(&Stats) -> bool) -> Stats {
        let step = Duration::from_millis(5);
        let tries = limit.as_millis() / step.as_millis() + 1;
        for _ in 0..tries {
            let stats = self.stats();
            if done(&stats) {
                return stats;
            }
            task::sleep(step).await;
        }
        self.stats()
    }

    /// Stops accepting, closes every connection, and waits for the accept
    /// loop to end.
    pub async fn shutdown(mut self) {
        self.stop.take();
        if let Some(accept_loop) = self.accept_loop.take() {
            accept_loop.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Closing the channel is enough: the loops notice and end on their own.
        self.stop.take();
    }
}

/// A listening socket on `127.0.0.1`, on a port the system picks, with a
/// queue of [`BACKLOG`] connections.
fn listen_on_loopback() -> io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    // std's `bind` has already called `listen` with a backlog of 128;
    // calling it again on a listening socket only changes the backlog
    // (Linux, macOS and the BSDs; Windows keeps the first one).
    rustix::net::listen(&listener, BACKLOG)?;
    Ok(listener)
}

/// The counters, shared by every task of the server.
#[derive(Debug, Default)]
struct Counters {
    connections: AtomicU64,
    open: AtomicU64,
    rejected: AtomicU64,
    served: AtomicU64,
    errors: AtomicU64,
    abandoned: AtomicU64,
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> Stats {
        let get = |counter: &AtomicU64| counter.load(Ordering::SeqCst);
        Stats {
            connections: get(&self.connections),
            rejected: get(&self.rejected),
            served: get(&self.served),
            errors: get(&self.errors),
            abandoned: get(&self.abandoned),
            in_flight: get(&self.in_flight),
            max_in_flight: get(&self.max_in_flight),
        }
    }

    fn reset(&self) {
        for counter in [
            &self.connections,
            &self.rejected,
            &self.served,
            &self.errors,
            &self.abandoned,
        ] {
            counter.store(0, Ordering::SeqCst);
        }
        let now = self.in_flight.load(Ordering::SeqCst);
        self.max_in_flight.store(now, Ordering::SeqCst);
    }

    fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::SeqCst);
    }

    /// Marks one request as in flight until the returned guard is dropped,
    /// however the request ends (answered, abandoned, server stopped).
    fn start_request(&self) -> InFlight<'_> {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self)
    }
}

/// Decrements `in_flight` when dropped.
struct InFlight<'a>(&'a Counters);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Decrements the number of open connections when dropped.
struct OpenConnection(Arc<Counters>);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `work` unless the server is told to stop first (`None` then).
async fn unless_stopped<F: Future>(stopped: &Receiver<()>, work: F) -> Option<F::Output> {
    match future::select(pin!(work), pin!(stopped.recv())).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

// ANCHOR: accept_loop
/// Accepts connections until the server stops, one task per connection:
/// a slow client holds up only its own task.
async fn accept_loop(
    listener: TcpListener,
    config: Arc<Config>,
    counters: Arc<Counters>,
    stopped: Receiver<()>,
) {
    while let Some(accepted) = unless_stopped(&stopped, listener.accept()).await {
        // An accept error (e.g. out of file descriptors) is not fatal: the
        // next client may well succeed.
        let Ok((stream, _peer)) = accepted else {
            task::sleep(Duration::from_millis(10)).await;
            continue;
        };
        if counters.open.load(Ordering::SeqCst) >= config.max_connections {
            Counters::add(&counters.rejected);
            task::spawn(async move {
                let _ = (&stream).write_all(b"ERR busy\n").await;
                close_gracefully(&stream).await;
            });
            continue;
        }
        counters.open.fetch_add(1, Ordering::SeqCst);
        Counters::add(&counters.connections);
        let open = OpenConnection(Arc::clone(&counters));
        let (config, counters, stopped) =
            (Arc::clone(&config), Arc::clone(&counters), stopped.clone());
        task::spawn(async move {
            // Frees the connection's slot when this task ends, however it ends.
            let _open = open;
            unless_stopped(&stopped, serve_connection(stream, &config, &counters)).await;
        });
    }
}
// ANCHOR_END: accept_loop

/// One request, parsed.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    name: String,
    delay: Option<Duration>,
}

/// What came in on a connection.
enum Incoming {
    Line(Vec<u8>),
    TooLong,
    Closed,
}

async fn serve_connection(stream: TcpStream, config: &Config, counters: &Counters) {
    let mut pending = Vec::new();
    loop {
        let incoming =
            async_std::future::timeout(config.idle_timeout, read_line(&stream, &mut pending)).await;
        let line = match incoming {
            Ok(Ok(Incoming::Line(line))) => line,
            Ok(Ok(Incoming::TooLong)) => {
                Counters::add(&counters.errors);
                let _ = (&stream).write_all(b"ERR line too long\n").await;
                close_gracefully(&stream).await;
                return;
            }
            // Closed, broken, or silent for too long: either way, done.
            Ok(Ok(Incoming::Closed)) | Ok(Err(_)) | Err(_) => return,
        };
        let reply = match parse_request(&line) {
            Err(problem) => {
                Counters::add(&counters.errors);
                format!("ERR {problem}\n")
            }
            Ok(request) => {
                match serve_request(&stream, &mut pending, &request, config, counters).await {
                    Some(rest_of_reply) => rest_of_reply,
                    None => return, // the client left
                }
            }
        };
        let written =
            async_std::future::timeout(config.idle_timeout, (&stream).write_all(reply.as_bytes()))
                .await;
        if !matches!(written, Ok(Ok(()))) {
            return;
        }
    }
}

/// Waits out a well-formed request's delay and returns what remains to be
/// written of its reply, or `None` if the client left meanwhile.
async fn serve_request(
    stream: &TcpStream,
    pending: &mut Vec<u8>,
    request: &Request,
    config: &Config,
    counters: &Counters,
) -> Option<String> {
    let _in_flight = counters.start_request();
    let delay = request.delay.unwrap_or(config.delay);
    let reply = answer(&request.name);
    let mut sent = 0;
    if !wait_while_client_stays(stream, pending, delay, reply.as_bytes(), &mut sent).await {
        Counters::add(&counters.abandoned);
        return None;
    }
    Counters::add(&counters.served);
    Some(reply[sent..].to_string())
}

/// Ends a connection the client may still be writing to.
///
/// Closing a socket that has unread input makes the system reset the
/// connection, and the client may then lose the reply that explains why.
/// So: say we are done writing, then read and discard (at most 64 KiB, for
/// at most a second) until the client closes its side.
async fn close_gracefully(stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let drain = async {
        let mut chunk = [0u8; 1024];
        for _ in 0..64 {
            match (&*stream).read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    let _ = async_std::future::timeout(Duration::from_secs(1), drain).await;
}

/// The reply to a well-formed request.
fn answer(name: &str) -> String {
    if name.starts_with("missing") {
        format!("ERR not found: {name}\n")
    } else {
        format!("OK contents of {name}\n")
    }
}

/// Reads until `pending` holds a whole line, and takes it out.
async fn read_line(stream: &TcpStream, pending: &mut Vec<u8>) -> io::Result<Incoming> {
    let mut chunk = [0u8; 512];
    loop {
        if let Some(end) = pending.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            return Ok(Incoming::Line(line));
        }
        if pending.len() > MAX_LINE {
            return Ok(Incoming::TooLong);
        }
        let read = (&*stream).read(&mut chunk).await?;
        if read == 0 && pending.is_empty() {
            return Ok(Incoming::Closed);
        }
        if read == 0 {
            // The input ended inside a line: that last line still counts.
            return Ok(Incoming::Line(std::mem::take(pending)));
        }
        pending.extend_from_slice(&chunk[..read]);
    }
}

// ANCHOR: hangup
/// Sleeps for `delay` while watching the connection: returns `false` as
/// soon as the client hangs up, `true` if it is still there at the end.
///
/// Anything the client sends meanwhile (its next request) is kept in
/// `pending`. `sent` counts the bytes of `reply` sent early, if any.
async fn wait_while_client_stays(
    stream: &TcpStream,
    pending: &mut Vec<u8>,
    delay: Duration,
    reply: &[u8],
    sent: &mut usize,
) -> bool {
    let watch = async {
        let mut chunk = [0u8; 512];
        // Stop reading once enough is buffered: a flood waits for its turn.
        while pending.len() <= MAX_LINE * 4 {
            match (&*stream).read(&mut chunk).await {
                Err(_) => return, // the connection was reset
                Ok(0) => return confirm_hangup(stream, reply, sent).await,
                Ok(read) => pending.extend_from_slice(&chunk[..read]),
            }
        }
        future::pending::<()>().await;
    };
    match future::select(pin!(task::sleep(delay)), pin!(watch)).await {
        Either::Left(_) => true,
        Either::Right(_) => false,
    }
}
// ANCHOR_END: hangup

// ANCHOR: confirm_hangup
/// Returns once the client, whose input has ended, turns out to be gone;
/// never, if it has only shut its sending side.
///
/// A read of 0 bytes says only that the client will send nothing more. It
/// may have closed the connection, or only shut its sending side (`nc -N`)
/// and still wait for the answer. TCP tells the two apart when data comes:
/// a closed socket answers it with a reset. So the answer's first byte goes
/// out now, and after a reset every write fails, even one of zero bytes.
async fn confirm_hangup(stream: &TcpStream, reply: &[u8], sent: &mut usize) {
    if (&*stream).write_all(&reply[..1]).await.is_err() {
        return;
    }
    *sent = 1;
    // Checked every 10 ms: on loopback the reset is back within microseconds.
    while (&*stream).write(&[]).await.is_ok() {
        task::sleep(Duration::from_millis(10)).await;
    }
}
// ANCHOR_END: confirm_hangup

fn parse_request(line: &[u8]) -> Result<Request, String> {
    let text = std::str::from_utf8(line).map_err(|_| "request is not UTF-8".to_string())?;
    let mut words = text.trim_end_matches(['\r', '\n']).split(' ');
    match words.next() {
        Some("GET") => {}
        Some("") | None => return Err("empty request".into()),
        Some(_) => return Err("unknown command, expected: GET <name> [delay_ms]".into()),
    }
    let name = words.next().unwrap_or_default();
    let valid_name =
        (1..=MAX_NAME).contains(&name.len()) && name.bytes().all(|byte| byte.is_ascii_graphic());
    if !valid_name {
        return Err("bad name: 1 to 64 visible ASCII characters".into());
    }
    let delay = match words.next() {
        None => None,
        Some(millis) => match millis.parse::<u64>() {
            Ok(millis) if millis <= MAX_DELAY_MS => Some(Duration::from_millis(millis)),
            _ => return Err(format!("bad delay: 0 to {MAX_DELAY_MS} milliseconds")),
        },
    };
    if words.next().is_some() {
        return Err("too many words, expected: GET <name> [delay_ms]".into());
    }
    Ok(Request {
        name: name.to_string(),
        delay,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse() {
        let request = parse_request(b"GET index\n").unwrap();
        assert_eq!(request.name, "index");
        assert_eq!(request.delay, None);
        let request = parse_request(b"GET a 250\r\n").unwrap();
        assert_eq!(request.delay, Some(Duration::from_millis(250)));
    }

    #[test]
    fn bad_requests_are_explained() {
        for bad in [
            &b"\n"[..],
            b"PUT x\n",
            b"GET\n",
            b"GET two words here\n",
            b"GET x soon\n",
            b"GET x 99999999\n",
            b"GET \xff\n",
        ] {
            assert!(parse_request(bad).is_err(), "{bad:?} was accepted");
        }
    }

    /// Linux only: elsewhere the system's cap cannot be read this simply.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_listen_queue_holds_more_connections_than_std_s_128() {
        let cap: usize = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(128);
        let listener = listen_on_loopback().unwrap();
        let addr = listener.local_addr().unwrap();
        // Nobody accepts, so every connection waits in the queue. Beyond
        // it, the system drops the attempt and the client retries a second
        // later, then three, ... which the limit below turns into a failure.
        let waiting = cap.min(200);
        let connected = task::block_on(async_std::future::timeout(
            Duration::from_secs(10),
            future::join_all((0..waiting).map(|_| TcpStream::connect(addr))),
        ))
        .expect("connections beyond the listen queue are not answered");
        assert!(connected.iter().all(Result::is_ok));
    }

    #[test]
    fn missing_names_are_not_found() {
        assert_eq!(answer("a"), "OK contents of a\n");
        assert_eq!(answer("missing-page"), "ERR not found: missing-page\n");
    }
}
