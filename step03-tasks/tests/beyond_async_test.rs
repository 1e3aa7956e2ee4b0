//! Testing async code (the "Testing" chapter): `#[async_std::test]` unit
//! tests, and integration tests of components talking through the lesson
//! server. Every assertion is about what happened (answers, counts, how
//! many at once), never about how long a wall clock took.
//! `cargo test -p step03-tasks --test beyond_async_test`

use std::time::Duration;

use async_std::channel;
use async_std::future::timeout;
use async_std::task;
use futures::StreamExt;
use step03_tasks::client::{
    FetchError, fetch, fetch_all_bounded, fetch_all_concurrent,
};
use step03_tasks::server::Server;

/// A generous limit: a broken test fails after this long instead of hanging.
const LIMIT: Duration = Duration::from_secs(10);

// ANCHOR: unit
/// The function under test: the words of a stream, upper-cased.
async fn shout(words: Vec<&'static str>) -> Vec<String> {
    futures::stream::iter(words)
        .then(|word| async move {
            task::sleep(Duration::from_millis(1)).await;
            word.to_uppercase()
        })
        .collect()
        .await
}

// `#[async_std::test]` wraps the async test in `task::block_on`, as
// pytest-asyncio's `@pytest.mark.asyncio` runs a test on an event loop.
#[async_std::test]
async fn shout_upper_cases_every_word_in_order() {
    assert_eq!(shout(vec!["a", "bc"]).await, ["A", "BC"]);
}

#[async_std::test]
async fn a_bounded_channel_never_holds_more_than_its_capacity() {
    let (sender, receiver) = channel::bounded(2);
    let producer = task::spawn(async move {
        let mut peak = 0;
        for item in 0..20 {
            sender.send(item).await.expect("the receiver is alive");
            peak = peak.max(sender.len());
        }
        peak
    });
    let received: Vec<i32> = receiver.collect().await;
    assert_eq!(received, (0..20).collect::<Vec<_>>());
    assert!(producer.await <= 2);
}
// ANCHOR_END: unit

// ANCHOR: integration
#[async_std::test]
async fn the_client_gets_contents_and_errors_from_the_server() {
    let server = Server::start(Duration::from_millis(5))
        .await
        .expect("server starts");

    let page = fetch(server.addr(), "index").await.expect("index exists");
    assert_eq!(page, "contents of index");
    match fetch(server.addr(), "missing-page").await {
        Err(FetchError::Server(message)) => {
            assert_eq!(message, "not found: missing-page")
        }
        other => panic!("expected a server error, got {other:?}"),
    }
    assert_eq!(server.stats().served, 2);
}

#[async_std::test]
async fn concurrent_fetches_are_in_flight_together_and_bounded_ones_are_bounded() {
    // Each answer waits long enough for all six requests to arrive, even on
    // a slow machine (under valgrind, 50 ms was not).
    let server = Server::start(Duration::from_millis(500))
        .await
        .expect("server starts");
    let names = ["a", "b", "c", "d", "e", "f"];

    let all = timeout(LIMIT, fetch_all_concurrent(server.addr(), &names))
        .await
        .expect("in time");
    assert!(all.iter().all(Result::is_ok));
    // The server, not a stopwatch, proves the fetches overlapped.
    assert_eq!(server.stats().max_in_flight, 6);

    server.reset_stats();
    let bounded = timeout(LIMIT, fetch_all_bounded(server.addr(), &names, 2))
        .await
        .expect("in time");
    assert_eq!(bounded.len(), 6);
    assert!(server.stats().max_in_flight <= 2);
}
// ANCHOR_END: integration
