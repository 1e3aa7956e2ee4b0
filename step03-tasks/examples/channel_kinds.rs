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

/// What each kind promises, checked by what arrives, never by timing; the
/// fan-out and latest-value types are the ones above. The tests live here,
/// beside the code they check (`test = true` in Cargo.toml runs them with
/// the crate's): `cargo test -p step03-tasks --example channel_kinds`
#[cfg(test)]
mod tests {
    use std::time::Duration;

    use async_std::channel::{TryRecvError, TrySendError, bounded};
    use async_std::task;
    use futures::FutureExt;
    use futures::channel::oneshot;
    use futures::future::join_all;

    use super::{Broadcast, Latest, take_all};

    /// Runs `work`, failing the test if it takes longer than ten seconds.
    async fn within<F: Future>(work: F) -> F::Output {
        async_std::future::timeout(Duration::from_secs(10), work)
            .await
            .expect(
                "the test took too long: a receiver waited for a message that never came",
            )
    }

    #[async_std::test]
    async fn a_one_shot_whose_sender_is_dropped_tells_the_receiver() {
        let (reply, answer) = oneshot::channel::<u32>();
        drop(reply);
        assert_eq!(within(answer).await, Err(oneshot::Canceled));
    }

    #[async_std::test]
    async fn a_bounded_queue_refuses_a_try_send_when_full_and_gives_each_job_to_one_consumer()
     {
        let (jobs, queue) = bounded::<u32>(2);
        jobs.try_send(1).unwrap();
        jobs.try_send(2).unwrap();
        assert_eq!(jobs.try_send(3), Err(TrySendError::Full(3)));
        let consumers: Vec<_> = (0..3)
            .map(|_| task::spawn(take_all(queue.clone())))
            .collect();
        for job in 3..=20 {
            jobs.send(job).await.unwrap();
        }
        drop(jobs);
        let mut taken = within(join_all(consumers)).await.concat();
        taken.sort();
        assert_eq!(
            taken,
            (1..=20).collect::<Vec<_>>(),
            "a job lost or taken twice"
        );
    }

    #[async_std::test]
    async fn fan_out_gives_every_subscriber_every_message_in_order() {
        let mut news = Broadcast::default();
        let readers: Vec<_> = (0..3)
            .map(|_| task::spawn(take_all(news.subscribe())))
            .collect();
        for message in 1..=40 {
            // More than a subscriber's queue holds: send waits for the slowest.
            news.send(message).await;
        }
        drop(news);
        for got in within(join_all(readers)).await {
            assert_eq!(got, (1..=40).collect::<Vec<_>>());
        }
    }

    #[async_std::test]
    async fn fan_out_forgets_a_subscriber_that_went_away() {
        let mut news = Broadcast::default();
        let gone = news.subscribe();
        let staying = news.subscribe();
        drop(gone);
        news.send(1).await;
        news.send(2).await;
        drop(news);
        assert_eq!(within(take_all(staying)).await, [1, 2]);
    }

    #[async_std::test]
    async fn a_cancelled_fan_out_send_keeps_every_subscriber() {
        const QUEUE: u32 = 16; // what `Broadcast::subscribe` gives each subscriber
        let mut news = Broadcast::default();
        let slow = news.subscribe();
        for message in 0..QUEUE {
            news.send(message).await; // `slow` reads nothing: its queue fills up
        }
        let fast = news.subscribe();
        let cancelled =
            async_std::future::timeout(Duration::from_millis(20), news.send(99)).await;
        assert!(cancelled.is_err(), "a send into a full queue must wait");
        assert!(
            !fast.is_closed() && !slow.is_closed(),
            "a send dropped halfway closed the subscribers' queues: \
             it must not take the senders out of the list across an await"
        );
        let backlog: Vec<u32> = (0..QUEUE).map(|_| slow.try_recv().unwrap()).collect();
        assert_eq!(backlog, (0..QUEUE).collect::<Vec<_>>());
        within(news.send(100)).await;
        assert_eq!(
            fast.try_recv(),
            Ok(100),
            "a later send still reaches everyone"
        );
        assert_eq!(slow.try_recv(), Ok(100));
    }

    #[async_std::test]
    async fn latest_value_keeps_only_the_newest_and_never_makes_the_sender_wait() {
        let mut config = Latest::default();
        let first = config.subscribe();
        let second = config.subscribe();
        for version in 1..=100 {
            config.send(version); // not async: it cannot wait for a reader
        }
        assert_eq!(first.try_recv(), Ok(100));
        assert_eq!(first.try_recv(), Err(TryRecvError::Empty), "a backlog");
        config.send(101);
        assert_eq!(first.try_recv(), Ok(101));
        assert_eq!(second.try_recv(), Ok(101), "each reader has its own slot");
    }

    #[async_std::test]
    async fn latest_value_wakes_a_waiting_reader_and_ends_when_the_sender_goes() {
        let mut config = Latest::default();
        let reader = config.subscribe();
        let mut waiting = std::pin::pin!(reader.recv());
        assert!(
            waiting.as_mut().now_or_never().is_none(),
            "nothing sent yet"
        );
        config.send("v1");
        assert_eq!(within(waiting).await, Ok("v1"));
        config.send("v2");
        drop(config);
        assert_eq!(
            within(reader.recv()).await,
            Ok("v2"),
            "the last value is still read"
        );
        assert!(within(reader.recv()).await.is_err(), "then the end");
    }
}
