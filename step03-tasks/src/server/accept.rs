//! The listening socket and the accept loop: one task per connection, so a
//! slow client holds up only its own task, and a connection beyond the
//! limit is turned away with `ERR busy` rather than left in silence.

use std::future::Future;
use std::io;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use async_std::channel::Receiver;
use async_std::io::WriteExt;
use async_std::net::TcpListener;
use async_std::task;
use futures::future::{self, Either};

use super::connection::{close_gracefully, serve_connection};
use super::stats::{Counters, OpenConnection};
use super::{BACKLOG, Config};

/// A listening socket on `127.0.0.1`, on a port the system picks, with a
/// queue of [`BACKLOG`] connections.
pub(super) fn listen_on_loopback() -> io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    // std's `bind` has already called `listen` with a backlog of 128;
    // calling it again on a listening socket only changes the backlog
    // (Linux, macOS and the BSDs; Windows keeps the first one).
    rustix::net::listen(&listener, BACKLOG)?;
    Ok(listener)
}

/// Runs `work` unless the server is told to stop first (`None` then).
pub(super) async fn unless_stopped<F: Future>(
    stopped: &Receiver<()>,
    work: F,
) -> Option<F::Output> {
    match future::select(pin!(work), pin!(stopped.recv())).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

// ANCHOR: accept_loop
/// Accepts connections until the server stops, one task per connection:
/// a slow client holds up only its own task.
pub(super) async fn accept_loop(
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
            unless_stopped(&stopped, serve_connection(stream, &config, &counters))
                .await;
        });
    }
}
// ANCHOR_END: accept_loop

#[cfg(test)]
mod tests {
    use super::*;
    use async_std::net::TcpStream;

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
}
