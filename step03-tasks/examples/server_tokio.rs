//! The lesson server's core on tokio:
//! `cargo run -p step03-tasks --example server_tokio`.
//!
//! The twin of `step03_tasks::server` (its accept loop and one
//! connection), cut to the core: one task per connection, and a connection
//! that reads one request line, waits out its delay and answers. Parsing,
//! the reply and the counters are the lesson server's own
//! (`server::reply_to`); listening, spawning, reading, writing (with
//! tokio's own I/O traits) and sleeping are tokio's. It serves
//! `fetch_many`'s requests (`lesson::fetch_many`, through the tokio
//! client) and prints what `fetch_many` prints.

mod client_tokio;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use step03_tasks::lesson::fetch_many;
use step03_tasks::server::{Counters, MAX_LINE, reply_to};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::sleep;

// ANCHOR: server
/// Accepts connections until its task is aborted, one task each (a
/// dropped JoinHandle detaches its task).
async fn accept_loop(listener: TcpListener, counters: Arc<Counters>) {
    loop {
        let Ok((stream, _peer)) = listener.accept().await else {
            // E.g. out of file descriptors: the next may work. Wait first,
            // or this loop spins and never lets the connections' tasks run.
            sleep(Duration::from_millis(10)).await;
            continue;
        };
        let counters = Arc::clone(&counters);
        tokio::spawn(async move { serve(stream, &counters).await });
    }
}

/// One connection: one request line in, one reply line out. tokio's
/// TcpStream splits into a reading half and a writing half.
async fn serve(mut stream: TcpStream, counters: &Counters) -> io::Result<()> {
    let (reading, mut writing) = stream.split();
    let mut line = String::new();
    BufReader::new(reading.take(MAX_LINE as u64))
        .read_line(&mut line)
        .await?;
    let delay = Duration::from_millis(200);
    let reply = reply_to(line.as_bytes(), delay, counters, sleep).await;
    writing.write_all(reply.as_bytes()).await
}
// ANCHOR_END: server

// ANCHOR: main
#[tokio::main]
async fn main() -> io::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let (addr, counters) = (listener.local_addr()?, Arc::new(Counters::default()));
    let server = tokio::spawn(accept_loop(listener, Arc::clone(&counters)));
    let fetch = |page| client_tokio::fetch(addr, page, None);
    fetch_many(fetch, || counters.snapshot(), || counters.reset()).await;
    server.abort(); // stops the accept loop at its next .await
    Ok(())
}
// ANCHOR_END: main
