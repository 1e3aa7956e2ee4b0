//! Four kinds of channel: one-shot, bounded queue, fan-out and latest
//! value, with the tools already in the tree.
//! `cargo run -p step03-tasks --example channel_kinds`

use async_std::channel::{Receiver, Sender, bounded};
use async_std::task;
use futures::channel::oneshot;

// ANCHOR: oneshot
/// One request, one reply: `asyncio.Future` set by another task.
async fn one_shot() {
    let (reply, answer) = oneshot::channel::<u32>();
    task::spawn(async move {
        let _ = reply.send(3); // not async: a one-shot never waits for room
    });
    println!("  asked for the price of apples: {:?}", answer.await);

    let (reply, answer) = oneshot::channel::<u32>();
    task::spawn(async move { drop(reply) }); // the worker gives up
    println!("  a worker that drops its sender: {:?}", answer.await);
}
// ANCHOR_END: oneshot

// ANCHOR: queue
/// A bounded queue: many producers, many consumers, each message taken by
/// exactly one consumer. `asyncio.Queue(maxsize=2)`.
async fn work_queue() {
    let (jobs, queue) = bounded::<u32>(2);
    jobs.try_send(1).unwrap();
    jobs.try_send(2).unwrap();
    println!("  a third try_send on a full queue: {:?}", jobs.try_send(3));

    let consumers: Vec<_> = (0..2)
        .map(|_| task::spawn(take_all(queue.clone())))
        .collect();
    for job in 3..=6 {
        jobs.send(job).await.unwrap(); // waits while the queue is full
    }
    drop(jobs); // closes the queue: the consumers end after the last job
    let mut taken: Vec<u32> = futures::future::join_all(consumers).await.concat();
    taken.sort();
    println!("  2 consumers took, between them: {taken:?}");
}

pub async fn take_all(queue: Receiver<u32>) -> Vec<u32> {
    let mut taken = Vec::new();
    while let Ok(job) = queue.recv().await {
        taken.push(job);
    }
    taken
}
// ANCHOR_END: queue

// ANCHOR: fan_out
/// Fan-out: every subscriber gets every message. No such channel in the
/// tree: one bounded queue per subscriber (asyncio: a list of Queues).
#[derive(Debug, Default)]
pub struct Broadcast<T> {
    subscribers: Vec<Sender<T>>,
}

impl<T: Clone> Broadcast<T> {
    pub fn subscribe(&mut self) -> Receiver<T> {
        let (sender, receiver) = bounded(16);
        self.subscribers.push(sender);
        receiver
    }

    /// Waits while a subscriber's queue is full (the slowest sets the pace)
    /// and forgets those that went away. Cancel safe: the list is only
    /// borrowed across the awaits, so a send dropped halfway loses no one.
    pub async fn send(&mut self, message: T) {
        let mut reached = Vec::with_capacity(self.subscribers.len());
        for subscriber in &self.subscribers {
            reached.push(subscriber.send(message.clone()).await.is_ok());
        }
        let mut reached = reached.into_iter();
        self.subscribers.retain(|_| reached.next() == Some(true));
    }
}

async fn fan_out() {
    let mut news = Broadcast::default();
    let readers: Vec<_> = (0..2)
        .map(|_| task::spawn(take_all(news.subscribe())))
        .collect();
    for message in [1, 2, 3] {
        news.send(message).await;
    }
    drop(news); // closes every subscriber's queue
    for (number, reader) in readers.into_iter().enumerate() {
        println!("  subscriber {} got {:?}", number + 1, reader.await);
    }
}
// ANCHOR_END: fan_out

// ANCHOR: latest
/// A latest-value mailbox: the sender never waits, and a reader gets the
/// newest value it has not read, never a backlog. One slot per reader,
/// emptied before each send. asyncio: a variable and an `asyncio.Condition`.
#[derive(Debug, Default)]
pub struct Latest<T> {
    slots: Vec<(Sender<T>, Receiver<T>)>,
}

impl<T: Clone> Latest<T> {
    pub fn subscribe(&mut self) -> Receiver<T> {
        let (slot, reader) = bounded(1);
        self.slots.push((slot, reader.clone()));
        reader
    }

    pub fn send(&self, value: T) {
        for (slot, stale) in &self.slots {
            let _ = stale.try_recv(); // a value nobody read in time: gone
            let _ = slot.try_send(value.clone());
        }
    }
}

async fn latest_value() {
    let mut config = Latest::default();
    let reader = config.subscribe();
    for version in ["v1", "v2", "v3"] {
        config.send(version); // the reader is busy elsewhere
    }
    println!("  the reader looks: {:?}", reader.recv().await);
    let waiting =
        task::spawn(async move { (reader.recv().await, reader.recv().await) });
    config.send("v4");
    drop(config); // the sender is gone: the end, after v4
    println!("  it waits, then sees {:?}", waiting.await);
}
// ANCHOR_END: latest

// ANCHOR: main
#[async_std::main]
async fn main() {
    println!("one-shot (asyncio.Future):");
    one_shot().await;
    println!("bounded queue (asyncio.Queue(maxsize=2)):");
    work_queue().await;
    println!("fan-out (a queue per subscriber):");
    fan_out().await;
    println!("latest value (a variable and an asyncio.Condition):");
    latest_value().await;
}
// ANCHOR_END: main
