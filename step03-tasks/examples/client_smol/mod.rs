//! The lesson server's client on smol, for the smol twins: the same
//! requests as `step03_tasks::client`, with smol's `TcpStream`. smol uses
//! the `futures` I/O traits, as async-std does, so only the imports change.
//!
//! The server the twins talk to is the lesson server itself
//! (`step03_tasks::server`, on async-std's threads): to a client it is a
//! service on the network, and what runs it does not matter.

// Every example uses only part of this module.
#![allow(dead_code)]

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

// ANCHOR: request
use smol::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use smol::net::TcpStream;

/// Sends one request line and reads one reply line.
async fn request(addr: SocketAddr, line: &str) -> io::Result<String> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(line.as_bytes()).await?;
    let mut reply = String::new();
    BufReader::new(stream.take(1024))
        .read_line(&mut reply)
        .await?;
    contents(&reply)
}
// ANCHOR_END: request

/// Fetches `name` after the server's delay.
pub async fn fetch(addr: SocketAddr, name: &str) -> io::Result<String> {
    request(addr, &format!("GET {name}\n")).await
}

/// Fetches `name`, asking the server to take `delay` over it.
pub async fn fetch_slow(addr: SocketAddr, name: &str, delay: Duration) -> io::Result<String> {
    request(addr, &format!("GET {name} {}\n", delay.as_millis())).await
}

/// `OK contents` gives the contents; anything else is an error.
fn contents(reply: &str) -> io::Result<String> {
    match reply.trim_end().strip_prefix("OK ") {
        Some(contents) => Ok(contents.to_string()),
        None => Err(io::Error::other(format!(
            "server said: {}",
            reply.trim_end()
        ))),
    }
}
