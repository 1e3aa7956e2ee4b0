//! A client for the lesson [server](crate::server): fetch one resource, or
//! many, one after the other, all at once, or at most `limit` at once.
//!
//! Every `fetch_all_*` function returns one result per name, in the order
//! of the names, whatever order the answers arrived in.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use async_std::net::TcpStream;
use futures::StreamExt;
use futures::future::join_all;
use futures::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use futures::stream;

/// Why a fetch failed.
#[derive(Debug)]
pub enum FetchError {
    /// The connection failed or broke.
    Io(io::Error),
    /// The server answered with an error, e.g. `not found: missing-page`.
    Server(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Io(error) => write!(f, "connection failed: {error}"),
            FetchError::Server(message) => write!(f, "server said: {message}"),
        }
    }
}

impl std::error::Error for FetchError {}

impl From<io::Error> for FetchError {
    fn from(error: io::Error) -> Self {
        FetchError::Io(error)
    }
}

/// What one fetch gives: the resource's contents, or why not.
pub type FetchResult = Result<String, FetchError>;

// ANCHOR: fetch
/// Fetches `name` from the server at `addr`, on a connection of its own.
pub async fn fetch(addr: SocketAddr, name: &str) -> FetchResult {
    fetch_over(TcpStream::connect(addr).await?, name, None).await
}

/// Fetches `name`, asking the server to take `delay` over it.
pub async fn fetch_slow(addr: SocketAddr, name: &str, delay: Duration) -> FetchResult {
    fetch_over(TcpStream::connect(addr).await?, name, Some(delay)).await
}

/// Sends one request line on `stream` and reads one reply line. Any
/// stream with the `futures` I/O traits will do: async-std's `TcpStream`
/// here, smol's and (through `compat()`) tokio's in the twins.
pub async fn fetch_over(
    mut stream: impl AsyncRead + AsyncWrite + Unpin,
    name: &str,
    delay: Option<Duration>,
) -> FetchResult {
    let line = match delay {
        None => format!("GET {name}\n"),
        Some(delay) => format!("GET {name} {}\n", delay.as_millis()),
    };
    stream.write_all(line.as_bytes()).await?;
    // Read at most 1 KiB: the lesson server's replies are one short line.
    let mut reply = String::new();
    BufReader::new(stream.take(1024))
        .read_line(&mut reply)
        .await?;
    let reply = reply.trim_end();
    if let Some(contents) = reply.strip_prefix("OK ") {
        Ok(contents.to_string())
    } else if let Some(message) = reply.strip_prefix("ERR ") {
        Err(FetchError::Server(message.to_string()))
    } else {
        Err(FetchError::Io(io::ErrorKind::UnexpectedEof.into()))
    }
}
// ANCHOR_END: fetch

// ANCHOR: fetch_all
/// One fetch after the other: each waits for the one before it.
pub async fn fetch_all_sequential(
    addr: SocketAddr,
    names: &[&str],
) -> Vec<FetchResult> {
    let mut results = Vec::new();
    for name in names {
        results.push(fetch(addr, name).await);
    }
    results
}

/// All fetches at once. `join_all` polls every future in turn on this task;
/// the results come back in the order of `names`.
pub async fn fetch_all_concurrent(
    addr: SocketAddr,
    names: &[&str],
) -> Vec<FetchResult> {
    join_all(names.iter().map(|name| fetch(addr, name))).await
}

/// At most `limit` fetches at once, results in the order of `names`.
/// `buffered(limit)` starts the next fetch when the oldest one's result is handed on.
pub async fn fetch_all_bounded(
    addr: SocketAddr,
    names: &[&str],
    limit: usize,
) -> Vec<FetchResult> {
    stream::iter(names)
        .map(|name| fetch(addr, name))
        .buffered(limit)
        .collect()
        .await
}
// ANCHOR_END: fetch_all
