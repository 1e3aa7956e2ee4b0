//! Streams: async iterators. `while let Some(x) = stream.next().await` is
//! Python's `async for x in stream`.
//! `cargo run -p step03-tasks --example streams`

use std::time::{Duration, Instant};

use async_std::channel;
use async_std::task;
use futures::stream::{self, Stream, StreamExt};

// ANCHOR: generator
/// A sensor that yields `count` readings, one every 100 ms: the twin of an
/// `async def` generator with `await asyncio.sleep(0.1)` and `yield`.
/// `unfold` keeps a state (here the reading number) and produces the next
/// item from it with an async block; `None` ends the stream.
fn readings(count: u32) -> impl Stream<Item = (u32, f64)> {
    stream::unfold(1, move |number| async move {
        if number > count {
            return None;
        }
        task::sleep(Duration::from_millis(100)).await;
        let celsius = 20.0 + f64::from(number % 4) * 0.5;
        Some(((number, celsius), number + 1))
    })
}
// ANCHOR_END: generator

// ANCHOR: async_for
/// `async for` in Rust: pin the stream, then await `next()` until `None`.
async fn print_all(started: Instant) {
    let mut sensor = Box::pin(readings(3));
    while let Some((number, celsius)) = sensor.next().await {
        let at = started.elapsed().as_secs_f64();
        println!("  [{at:.1} s] reading {number}: {celsius:.1} °C");
    }
}
// ANCHOR_END: async_for

// ANCHOR: adapters
/// Adapters build a new stream from an old one, lazily, like iterator
/// adapters: nothing runs until the result is polled.
async fn warm_readings() -> Vec<String> {
    readings(8)
        .filter(|(_, celsius)| futures::future::ready(*celsius >= 21.0))
        .map(|(number, celsius)| format!("#{number} {celsius:.1}"))
        .take(3)
        .collect()
        .await
}

/// `then` is an async `map`: each item goes through an async function.
async fn doubled_slowly() -> Vec<u32> {
    stream::iter(1..=4)
        .then(|n| async move {
            task::sleep(Duration::from_millis(10)).await;
            n * 2
        })
        .collect()
        .await
}
// ANCHOR_END: adapters

// ANCHOR: channel
/// A channel's receiving end is a stream too: a producer task sends, and the
/// consumer loops until every sender is gone.
async fn from_a_channel() -> Vec<String> {
    let (sender, receiver) = channel::bounded(2);
    task::spawn(async move {
        for word in ["streams", "are", "async", "iterators"] {
            let _ = sender.send(word.to_string()).await;
        }
        // `sender` is dropped here, which ends the receiver's stream.
    });
    receiver.collect().await
}
// ANCHOR_END: channel

// ANCHOR: main
#[async_std::main]
async fn main() {
    println!("async for over a generator of readings:");
    print_all(Instant::now()).await;
    println!("filter, map, take: {:?}", warm_readings().await);
    println!("then (an async map): {:?}", doubled_slowly().await);
    println!("a channel as a stream: {:?}", from_a_channel().await);
}
// ANCHOR_END: main
