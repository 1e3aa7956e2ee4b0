//! The lesson server's core on smol:
//! `cargo run -p step03-tasks --example server_smol`.
//!
//! The twin of `step03_tasks::server` (its accept loop and one
//! connection), cut to the core: one task per connection, and a connection
//! that reads one request line, waits out its delay and answers. Parsing,
//! the reply and the counters are the lesson server's own
//! (`server::reply_to`); listening, spawning, reading, writing and sleeping
//! are smol's. It serves `fetch_many`'s requests (`lesson::fetch_many`,
//! through the smol client) and prints what `fetch_many` prints.

mod client_smol;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use smol::Timer;
use smol::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use smol::net::{TcpListener, TcpStream};
use step03_tasks::lesson::fetch_many;
use step03_tasks::server::{Counters, MAX_LINE, reply_to};

// ANCHOR: server
/// Accepts connections until its task is cancelled, one task each.
async fn accept_loop(listener: TcpListener, counters: Arc<Counters>) {
    loop {
        let Ok((stream, _peer)) = listener.accept().await else {
            // E.g. out of file descriptors: the next may work, in a moment.
            Timer::after(Duration::from_millis(10)).await;
            continue;
        };
        let counters = Arc::clone(&counters);
        // detach(): a dropped smol Task would cancel the connection's task.
        smol::spawn(async move { serve(stream, &counters).await }).detach();
    }
}

/// One connection: one request line in, one reply line out. smol's
/// TcpStream is a handle: a clone reads while the original writes.
async fn serve(mut stream: TcpStream, counters: &Counters) -> io::Result<()> {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.clone().take(MAX_LINE as u64));
    reader.read_line(&mut line).await?;
    let delay = Duration::from_millis(200);
    let reply = reply_to(line.as_bytes(), delay, counters, Timer::after).await;
    stream.write_all(reply.as_bytes()).await
}
// ANCHOR_END: server

// ANCHOR: main
fn main() -> io::Result<()> {
    smol::block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let (addr, counters) = (listener.local_addr()?, Arc::new(Counters::default()));
        // Dropped at the end of the block: dropping a Task cancels it.
        let _server = smol::spawn(accept_loop(listener, Arc::clone(&counters)));
        let fetch = |page| client_smol::fetch(addr, page, None);
        fetch_many(fetch, || counters.snapshot(), || counters.reset()).await;
        Ok(())
    })
}
// ANCHOR_END: main
