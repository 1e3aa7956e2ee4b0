//! The lesson server's client on tokio, for the tokio twins. tokio has its
//! own I/O traits (`tokio::io`, with the same method names as the `futures`
//! ones); `compat()` from tokio-util wraps a tokio stream in the `futures`
//! traits, so the request and the reply are the lesson client's own
//! ([`step03_tasks::client::fetch_over`]).

use std::net::SocketAddr;
use std::time::Duration;

use step03_tasks::client::{FetchResult, fetch_over};
use tokio::net::TcpStream;
use tokio_util::compat::TokioAsyncReadCompatExt;

// ANCHOR: request
/// Fetches `name` on a connection of its own, after `delay` if one is
/// given (the server's own delay if not).
pub async fn fetch(
    addr: SocketAddr,
    name: &str,
    delay: Option<Duration>,
) -> FetchResult {
    let stream = TcpStream::connect(addr).await?;
    fetch_over(stream.compat(), name, delay).await
}
// ANCHOR_END: request
