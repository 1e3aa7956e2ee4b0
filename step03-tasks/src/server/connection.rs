//! One connection: read a request line, wait out its delay while watching
//! for a client that hangs up, write the answer, and close gracefully when
//! the client misbehaves. Every read and write is bounded, in bytes or in
//! time, so no client can hold the server's memory or a slot for ever.

use std::io;
use std::pin::pin;
use std::time::Duration;

use async_std::io::{ReadExt, WriteExt};
use async_std::net::TcpStream;
use async_std::task;
use futures::future::{self, Either};

use super::request::{Request, answer, parse_request};
use super::stats::Counters;
use super::{Config, MAX_LINE};

/// What came in on a connection.
enum Incoming {
    Line(Vec<u8>),
    TooLong,
    Closed,
}

pub(super) async fn serve_connection(
    stream: TcpStream,
    config: &Config,
    counters: &Counters,
) {
    let mut pending = Vec::new();
    loop {
        let incoming = async_std::future::timeout(
            config.idle_timeout,
            read_line(&stream, &mut pending),
        )
        .await;
        let line = match incoming {
            Ok(Ok(Incoming::Line(line))) => line,
            Ok(Ok(Incoming::TooLong)) => {
                Counters::add(&counters.errors);
                // Bounded like every other write: a client that never
                // reads must not keep the connection's slot.
                let mut writer = &stream;
                let refusal = writer.write_all(b"ERR line too long\n");
                let _ = async_std::future::timeout(config.idle_timeout, refusal).await;
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
                match serve_request(&stream, &mut pending, &request, config, counters)
                    .await
                {
                    Some(rest_of_reply) => rest_of_reply,
                    None => return, // the client left
                }
            }
        };
        let written = async_std::future::timeout(
            config.idle_timeout,
            (&stream).write_all(reply.as_bytes()),
        )
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
    if !wait_while_client_stays(stream, pending, delay, reply.as_bytes(), &mut sent)
        .await
    {
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
pub(super) async fn close_gracefully(stream: &TcpStream) {
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

/// Reads until `pending` holds a whole line, and takes it out.
async fn read_line(stream: &TcpStream, pending: &mut Vec<u8>) -> io::Result<Incoming> {
    let mut chunk = [0u8; 512];
    loop {
        if let Some(end) = pending.iter().position(|&byte| byte == b'\n') {
            // Checked here too: a line can arrive whole in one read, and
            // its length, not the buffer's, is what the limit is about.
            if end > MAX_LINE {
                return Ok(Incoming::TooLong);
            }
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
        if read == 0 && pending.len() > MAX_LINE {
            return Ok(Incoming::TooLong);
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
