//! Tasks, joins, timeouts, cancellation and bounded concurrency, checked by
//! what happened (counts at the server, order, flags), never by a stopwatch.

use std::future::Future;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use async_std::task;
use futures::channel::oneshot;
use futures::future::join_all;
use futures::{FutureExt, select};
use step03_tasks::client::{
    FetchError, fetch, fetch_all_bounded, fetch_all_concurrent, fetch_all_sequential,
    fetch_slow,
};
use step03_tasks::server::Server;
use step03_tasks::{CancelGuard, job};

/// Runs `work`, failing the test if it takes longer than ten seconds.
async fn within<F: Future>(work: F) -> F::Output {
    async_std::future::timeout(Duration::from_secs(10), work)
        .await
        .expect("the test took too long")
}

const PAGES: [&str; 5] = ["p1", "p2", "p3", "p4", "p5"];

fn contents(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|name| format!("contents of {name}"))
        .collect()
}

fn unwrap_all(results: Vec<Result<String, FetchError>>) -> Vec<String> {
    results.into_iter().map(|result| result.unwrap()).collect()
}

/// Fetches the five `PAGES` with `fetch_all` from a server that takes
/// `delay` over each request, checks that every page came back in order,
/// and returns how many requests the server had in flight at most.
async fn most_in_flight<Fetches>(
    delay: Duration,
    fetch_all: impl FnOnce(SocketAddr, &'static [&'static str]) -> Fetches,
) -> u64
where
    Fetches: Future<Output = Vec<Result<String, FetchError>>>,
{
    let server = Server::start(delay).await.unwrap();
    let results = within(fetch_all(server.addr(), &PAGES)).await;
    assert_eq!(unwrap_all(results), contents(&PAGES), "results in order");
    let stats = server.stats();
    assert_eq!(stats.served, 5, "every page was served once: {stats:?}");
    stats.max_in_flight
}

#[async_std::test]
async fn sequential_fetches_never_overlap() {
    let most = most_in_flight(Duration::from_millis(50), fetch_all_sequential).await;
    assert_eq!(
        most, 1,
        "a fetch started while the one before it was still in flight"
    );
}

#[async_std::test]
async fn concurrent_fetches_are_all_in_flight_together() {
    // Long enough for all five requests to reach the server before the
    // first is answered.
    let most = most_in_flight(Duration::from_millis(500), fetch_all_concurrent).await;
    assert_eq!(most, 5, "the five fetches were not all in flight at once");
}

#[async_std::test]
async fn join_all_keeps_request_order_when_requests_finish_reversed() {
    let server = Server::start(Duration::ZERO).await.unwrap();
    let addr = server.addr();
    let finished = Arc::new(std::sync::Mutex::new(Vec::new()));
    // Each request finishes only after the one listed below it: the last
    // finishes first. Channels set that order, not delays (300, 150, 0 ms
    // would need all three requests to start within 150 ms of each other,
    // which a slow machine does not promise).
    let (medium_done, slow_may_finish) = oneshot::channel();
    let (fast_done, medium_may_finish) = oneshot::channel();
    let requests = [
        ("slow", Some(slow_may_finish), None),
        ("medium", Some(medium_may_finish), Some(medium_done)),
        ("fast", None, Some(fast_done)),
    ]
    .map(|(name, wait_for, signal)| {
        let finished = Arc::clone(&finished);
        async move {
            let result = fetch(addr, name).await;
            if let Some(turn) = wait_for {
                turn.await.expect("the request below signals");
            }
            finished.lock().unwrap().push(name);
            if let Some(signal) = signal {
                signal.send(()).expect("the request above waits");
            }
            result
        }
    });
    let results = within(join_all(requests)).await;
    assert_eq!(unwrap_all(results), contents(&["slow", "medium", "fast"]));
    assert_eq!(*finished.lock().unwrap(), ["fast", "medium", "slow"]);
}

#[async_std::test]
async fn spawned_tasks_run_without_being_awaited() {
    let ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    let handle = task::spawn(async move { flag.store(true, Ordering::SeqCst) });
    for _ in 0..500 {
        if ran.load(Ordering::SeqCst) {
            break;
        }
        task::sleep(Duration::from_millis(10)).await;
    }
    assert!(ran.load(Ordering::SeqCst), "the task ran on its own");
    handle.await;
}

#[async_std::test]
async fn handles_give_results_in_the_order_they_are_awaited() {
    let handles: Vec<_> = [("a", 30), ("b", 20), ("c", 10)]
        .into_iter()
        .map(|(name, millis)| task::spawn(job(name, Duration::from_millis(millis))))
        .collect();
    let results = within(join_all(handles)).await;
    assert_eq!(results, ["a", "b", "c"]);
}

// ANCHOR: test_bounded
#[async_std::test]
async fn bounded_fetching_never_exceeds_its_limit() {
    let server = Server::start(Duration::from_millis(50)).await.unwrap();
    let names: Vec<String> = (0..20).map(|number| format!("page-{number}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for limit in [1, 4, 7] {
        server.reset_stats();
        let results = within(fetch_all_bounded(server.addr(), &names, limit)).await;
        assert_eq!(unwrap_all(results), contents(&names), "results in order");
        let stats = server.stats();
        assert_eq!(stats.served, 20);
        assert!(
            stats.max_in_flight <= limit as u64,
            "limit {limit}: {stats:?}"
        );
    }
}
// ANCHOR_END: test_bounded

#[async_std::test]
async fn a_timeout_cancels_the_slow_fetch_and_the_server_sees_it() {
    let server = Server::start(Duration::ZERO).await.unwrap();
    let quick = async_std::future::timeout(
        Duration::from_secs(5),
        fetch_slow(server.addr(), "quick", Duration::ZERO),
    )
    .await;
    assert_eq!(quick.unwrap().unwrap(), "contents of quick");

    let slow = async_std::future::timeout(
        Duration::from_millis(100),
        fetch_slow(server.addr(), "slow", Duration::from_secs(10)),
    )
    .await;
    assert!(slow.is_err(), "the slow fetch timed out");
    let stats = server
        .wait_until(Duration::from_secs(5), |s| s.abandoned == 1)
        .await;
    assert_eq!((stats.served, stats.abandoned, stats.in_flight), (1, 1, 0));
}

#[async_std::test]
async fn a_timeout_drops_the_future_it_wraps() {
    let guard = CancelGuard::new("slow job");
    let cancelled = guard.cancelled_flag();
    let slow = async move {
        task::sleep(Duration::from_secs(60)).await;
        guard.finish();
    };
    let outcome = async_std::future::timeout(Duration::from_millis(10), slow).await;
    assert!(outcome.is_err());
    assert!(cancelled.load(Ordering::SeqCst), "the future was dropped");
}

#[async_std::test]
async fn cancel_stops_a_running_task_and_returns_none() {
    let guard = CancelGuard::new("long task");
    let cancelled = guard.cancelled_flag();
    let handle = task::spawn(async move {
        task::sleep(Duration::from_secs(60)).await;
        guard.finish();
        "finished"
    });
    assert_eq!(within(handle.cancel()).await, None);
    assert!(
        cancelled.load(Ordering::SeqCst),
        "the task's future was dropped"
    );
}

#[async_std::test]
async fn cancel_on_a_finished_task_returns_its_result() {
    // The task's result is stored a moment after its body returns, and
    // nothing outside the task can observe that moment without consuming
    // the handle. So: wait until the body has run, give the task a moment,
    // and try again on the rare run where the moment was not enough.
    for _attempt in 0..10 {
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let handle = task::spawn(async move {
            flag.store(true, Ordering::SeqCst);
            42
        });
        for _ in 0..1000 {
            if done.load(Ordering::SeqCst) {
                break;
            }
            task::sleep(Duration::from_millis(1)).await;
        }
        task::sleep(Duration::from_millis(50)).await;
        if let Some(result) = within(handle.cancel()).await {
            assert_eq!(result, 42);
            return;
        }
    }
    panic!("cancel() never returned the result of a finished task");
}

#[async_std::test]
async fn dropping_a_join_handle_detaches_the_task() {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    drop(task::spawn(async move {
        task::sleep(Duration::from_millis(20)).await;
        counter.fetch_add(1, Ordering::SeqCst);
    }));
    for _ in 0..500 {
        if runs.load(Ordering::SeqCst) == 1 {
            break;
        }
        task::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        runs.load(Ordering::SeqCst),
        1,
        "the detached task still ran"
    );
}

#[async_std::test]
async fn select_keeps_the_winner_and_drops_the_loser() {
    let server = Server::start(Duration::ZERO).await.unwrap();
    let addr = server.addr();
    let winner = {
        let mut slow = pin!(fetch_slow(addr, "slow", Duration::from_secs(10)).fuse());
        let mut fast = pin!(fetch_slow(addr, "fast", Duration::from_millis(10)).fuse());
        within(async {
            select! {
                result = slow => result,
                result = fast => result,
            }
        })
        .await
    };
    assert_eq!(winner.unwrap(), "contents of fast");
    let stats = server
        .wait_until(Duration::from_secs(5), |s| s.abandoned == 1)
        .await;
    assert_eq!((stats.served, stats.abandoned), (1, 1));
}

#[async_std::test]
async fn one_failing_fetch_does_not_lose_the_others() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let names = ["a", "missing-b", "c"];
    let results = within(fetch_all_concurrent(server.addr(), &names)).await;
    assert_eq!(results[0].as_ref().unwrap(), "contents of a");
    assert!(
        matches!(&results[1], Err(FetchError::Server(message)) if message == "not found: missing-b")
    );
    assert_eq!(results[2].as_ref().unwrap(), "contents of c");
}

#[async_std::test]
async fn a_panic_in_a_task_reaches_the_awaiter_and_spares_the_others() {
    let failing = task::spawn(async {
        if true {
            panic!("task failed on purpose");
        }
        0
    });
    let working = task::spawn(async { 7 });
    let failed = within(AssertUnwindSafe(failing).catch_unwind()).await;
    let panic = failed.expect_err("the panic comes back from the handle");
    assert_eq!(
        panic.downcast_ref::<&str>(),
        Some(&"task failed on purpose")
    );
    assert_eq!(within(working).await, 7);
    // The runtime itself is fine: new tasks still run.
    assert_eq!(within(task::spawn(async { 1 + 1 })).await, 2);
}

#[async_std::test]
async fn a_fetch_from_nowhere_is_an_io_error() {
    let server = Server::start(Duration::ZERO).await.unwrap();
    let addr = server.addr();
    server.shutdown().await;
    assert!(matches!(
        within(fetch(addr, "x")).await,
        Err(FetchError::Io(_))
    ));
}
