//! The lesson server's client on smol, for the smol twins. smol's
//! `TcpStream` has the `futures` I/O traits, as async-std's has, so only
//! the connection is smol's: the request and the reply are the lesson
//! client's own ([`step03_tasks::client::fetch_over`]).

use std::net::SocketAddr;
use std::time::Duration;

use smol::net::TcpStream;
use step03_tasks::client::{FetchResult, fetch_over};

// ANCHOR: request
/// Fetches `name` on a connection of its own, after `delay` if one is
/// given (the server's own delay if not).
pub async fn fetch(
    addr: SocketAddr,
    name: &str,
    delay: Option<Duration>,
) -> FetchResult {
    fetch_over(TcpStream::connect(addr).await?, name, delay).await
}
// ANCHOR_END: request
