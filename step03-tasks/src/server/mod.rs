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
//!
//! # Layout
//!
//! One file per concern, as in tokio's mini-redis:
//!
//! - this file: the server a lesson starts and stops ([`Server`],
//!   [`Config`]) and the protocol's limits;
//! - `stats.rs`: what it counts ([`Stats`]), shared by every task;
//! - `accept.rs`: the listening socket and the accept loop, one task per
//!   connection;
//! - `connection.rs`: one connection: reading lines, waiting out a delay
//!   while watching for a client that hangs up, closing gracefully;
//! - `request.rs`: parsing a request line and the answer it gets, and
//!   [`reply_to`], the whole exchange but the I/O, which the smol and
//!   tokio twins of the server's core (`examples/server_smol.rs`,
//!   `server_tokio.rs`) share.

mod accept;
mod connection;
mod request;
mod stats;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use async_std::channel::{self, Sender};
use async_std::net::TcpListener;
use async_std::task::{self, JoinHandle};

pub use request::reply_to;
pub use stats::{Counters, Stats};

use accept::{accept_loop, listen_on_loopback};

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
    pub async fn wait_until(
        &self,
        limit: Duration,
        done: impl Fn(&Stats) -> bool,
    ) -> Stats {
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
