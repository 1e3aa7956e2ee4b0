//! Channel kinds (book: "Channel kinds"): what each kind promises, checked
//! by what arrives, never by timing. The fan-out and latest-value types are
//! the example's own (`examples/channel_kinds.rs`).
//! `cargo test -p step03-tasks --test channels`

#[path = "../examples/channel_kinds.rs"]
#[allow(dead_code)] // its main and demos are the example's, not the test's
mod channel_kinds;

use std::time::Duration;

use async_std::channel::{TryRecvError, TrySendError, bounded};
use async_std::task;
use channel_kinds::{Broadcast, Latest, take_all};
use futures::FutureExt;
use futures::channel::oneshot;
use futures::future::join_all;

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
