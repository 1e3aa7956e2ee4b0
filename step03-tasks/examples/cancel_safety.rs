//! Cancel safety: `select!` in a loop drops the losing future every time
//! round, and a half-done read loses its bytes with it.
//! `cargo run -p step03-tasks --example cancel_safety`
//!
//! Uses only the standard library and `futures`, so it also runs on the
//! Rust playground. The "network" is in memory and the script that feeds it
//! waits for the reader at each step, so every run prints the same.

use std::io;
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use futures::executor::block_on;
use futures::io::{AsyncRead, AsyncReadExt};
use futures::{FutureExt, StreamExt, select};

// ANCHOR: read_frame
/// Reads one frame: a length byte, then that many bytes. `None` at a clean
/// end of the stream, between two frames.
async fn read_frame(wire: &mut Wire) -> Result<Option<String>, String> {
    let mut length = [0u8; 1];
    if wire.read(&mut length).await.map_err(|e| e.to_string())? == 0 {
        return Ok(None);
    }
    let mut body = vec![0u8; usize::from(length[0])];
    wire.read_exact(&mut body) // not cancel safe: bytes read so far
        .await //                 live only inside this future
        .map_err(|_| format!("a frame of {} bytes was cut short", length[0]))?;
    Ok(Some(String::from_utf8_lossy(&body).into_owned()))
}
// ANCHOR_END: read_frame

// ANCHOR: new_each_time
/// Wrong: a new `read_frame` future each time round. When the tick wins,
/// the read in progress is dropped, and the bytes it had read with it.
pub async fn new_future_each_time(mut wire: Wire, mut ticks: Ticks, events: Events) {
    loop {
        select! {
            frame = read_frame(&mut wire).fuse() => match frame {
                Ok(Some(text)) => events.report(format!("frame {text:?}")),
                Ok(None) => return events.report("end of stream".into()),
                Err(error) => return events.report(format!("error: {error}")),
            },
            tick = ticks.next() => events.report(format!("tick {}", tick.unwrap_or(0))),
        }
    }
}
// ANCHOR_END: new_each_time

// ANCHOR: kept
/// Right: one read future, pinned outside the loop, lives across the
/// iterations; a new one is made only when the previous one has finished.
pub async fn one_future_kept(wire: Wire, mut ticks: Ticks, events: Events) {
    let mut reading = pin!(read_owned(wire).fuse());
    loop {
        select! {
            (wire, frame) = reading => {
                match frame {
                    Ok(Some(text)) => events.report(format!("frame {text:?}")),
                    Ok(None) => return events.report("end of stream".into()),
                    Err(error) => return events.report(format!("error: {error}")),
                }
                reading.set(read_owned(wire).fuse()); // the next frame
            },
            tick = ticks.next() => events.report(format!("tick {}", tick.unwrap_or(0))),
        }
    }
}

/// `read_frame` that owns the wire and hands it back, so that the future
/// can be stored across iterations without borrowing a local.
async fn read_owned(mut wire: Wire) -> (Wire, Result<Option<String>, String>) {
    let frame = read_frame(&mut wire).await;
    (wire, frame)
}
// ANCHOR_END: kept

// ANCHOR: stream
/// Also right: a `Stream` of frames keeps the read in progress inside
/// itself, so `frames.next()` may be dropped and made again freely.
pub async fn stream_of_frames(wire: Wire, mut ticks: Ticks, events: Events) {
    let frames = futures::stream::unfold(wire, |wire| async {
        let (wire, frame) = read_owned(wire).await;
        Some((frame, wire))
    });
    let mut frames = pin!(frames.fuse());
    loop {
        select! {
            frame = frames.next() => match frame.expect("unfold never ends") {
                Ok(Some(text)) => events.report(format!("frame {text:?}")),
                Ok(None) => return events.report("end of stream".into()),
                Err(error) => return events.report(format!("error: {error}")),
            },
            tick = ticks.next() => events.report(format!("tick {}", tick.unwrap_or(0))),
        }
    }
}
// ANCHOR_END: stream

// ANCHOR: main
fn main() {
    println!("a new read_frame future each time round the loop:");
    print_events(block_on(script(new_future_each_time)));
    println!("one read_frame future, kept across iterations:");
    print_events(block_on(script(one_future_kept)));
    println!("a stream of frames:");
    print_events(block_on(script(stream_of_frames)));
}
// ANCHOR_END: main

// ANCHOR: script
/// Feeds the frames "hello" and "world" to `reader`, with a tick arriving
/// while "hello" is half read, and returns what the reader reported.
pub async fn script<F>(reader: impl FnOnce(Wire, Ticks, Events) -> F) -> Vec<String>
where
    F: Future<Output = ()>,
{
    let (bytes, wire, mut consumed) = Wire::new();
    let (tick, ticks) = unbounded();
    let (events, mut reported) = unbounded();
    let feed = async move {
        bytes.unbounded_send(b"\x05he".to_vec()).unwrap(); // "hello", first part
        consumed.next().await; // the reader has read those three bytes
        tick.unbounded_send(1).unwrap();
        let mut seen = vec![reported.next().await.unwrap()]; // it saw the tick
        bytes.unbounded_send(b"llo\x05world".to_vec()).unwrap();
        drop(bytes); // end of stream
        seen.extend(reported.collect::<Vec<_>>().await);
        seen
    };
    futures::join!(reader(wire, ticks, Events(events)), feed).1
}
// ANCHOR_END: script

fn print_events(events: Vec<String>) {
    for event in events {
        println!("  {event}");
    }
}

pub type Ticks = UnboundedReceiver<u32>;

/// Where a reader reports what it saw.
#[derive(Debug)]
pub struct Events(UnboundedSender<String>);

impl Events {
    fn report(&self, event: String) {
        self.0.unbounded_send(event).expect("the script listens");
    }
}

/// The reading end of an in-memory connection: bytes arrive in chunks, and
/// each chunk read to its end is acknowledged, so that the script knows
/// exactly how far the reader has got.
#[derive(Debug)]
pub struct Wire {
    chunks: UnboundedReceiver<Vec<u8>>,
    pending: Vec<u8>,
    consumed: UnboundedSender<()>,
}

impl Wire {
    /// The sender of chunks, the wire, and the acknowledgements.
    fn new() -> (UnboundedSender<Vec<u8>>, Wire, UnboundedReceiver<()>) {
        let (bytes, chunks) = unbounded();
        let (consumed, acks) = unbounded();
        let wire = Wire {
            chunks,
            pending: Vec::new(),
            consumed,
        };
        (bytes, wire, acks)
    }
}

impl AsyncRead for Wire {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buffer: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        if self.pending.is_empty() {
            match self.chunks.poll_next_unpin(cx) {
                Poll::Ready(Some(chunk)) => self.pending = chunk,
                Poll::Ready(None) => return Poll::Ready(Ok(0)), // end of stream
                Poll::Pending => return Poll::Pending,
            }
        }
        let count = buffer.len().min(self.pending.len());
        buffer[..count].copy_from_slice(&self.pending[..count]);
        self.pending.drain(..count);
        if self.pending.is_empty() {
            let _ = self.consumed.unbounded_send(());
        }
        Poll::Ready(Ok(count))
    }
}

/// The first loop loses the half-read frame, the other two lose nothing:
/// the script waits for the reader at every step, so no outcome depends on
/// timing. The tests live here, beside the code they check (`test = true`
/// in Cargo.toml runs them with the crate's), and use only `futures`, as
/// the example does, so the playground can still compile this file:
/// `cargo test -p step03-tasks --example cancel_safety`
#[cfg(test)]
mod tests {
    use futures::executor::block_on;

    use super::{new_future_each_time, one_future_kept, script, stream_of_frames};

    const EVERY_FRAME: [&str; 4] = [
        "tick 1",
        "frame \"hello\"",
        "frame \"world\"",
        "end of stream",
    ];

    #[test]
    fn a_new_read_future_each_time_round_loses_the_half_read_frame() {
        let events = block_on(script(new_future_each_time));
        assert_eq!(events[0], "tick 1");
        assert!(
            !events.iter().any(|event| event.contains("hello")),
            "the half-read frame survived the tick: {events:?}"
        );
        // The next read took the 'l' of "hello" (108) for a length byte.
        assert_eq!(events[1], "error: a frame of 108 bytes was cut short");
        assert_eq!(events.len(), 2);
    }

    #[test]
    fn one_read_future_kept_across_iterations_loses_nothing() {
        assert_eq!(block_on(script(one_future_kept)), EVERY_FRAME);
    }

    #[test]
    fn a_stream_of_frames_loses_nothing() {
        assert_eq!(block_on(script(stream_of_frames)), EVERY_FRAME);
    }
}
