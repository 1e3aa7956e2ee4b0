//! Exercise 3.3: A timeout that cancels the slow request.
//!
//! The tests that `cargo exercises check 3.3` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::time::Duration;

use async_std::task;

use exercise::{FetchError, Outcome, Server, fetch_with_deadline};

// `watchdog::run_within`, a time limit for a test: in tests/watchdog/mod.rs,
// written by `cargo exercises` from tests/exercises-tool/test-support/.
mod watchdog;

/// Far above the 20 ms a page takes and far below the 20 s of a slow one,
/// so that no outcome depends on how busy the machine is.
const LIMIT: Duration = Duration::from_secs(1);

/// How long a test waits for `fetch_with_deadline` before it fails.
const WATCHDOG: Duration = Duration::from_secs(10);

/// What a test says when `fetch_with_deadline` did not return in time.
const HUNG: &str = "fetch_with_deadline did not return within 10 s, though its limit was 1 s: \
     it waited for the slow request (20 s) instead of racing it against the limit; use \
     `async_std::future::timeout(limit, ..)`, which gives up when the limit passes";

/// `fetch_with_deadline(server, page, LIMIT)`, run to its end under the
/// watchdog.
fn fetch_under_watchdog(server: &Server, page: u32) -> Outcome {
    let server = server.clone();
    watchdog::run_within(WATCHDOG, HUNG, move || {
        task::block_on(fetch_with_deadline(&server, page, LIMIT))
    })
}

#[test]
fn a_fast_page_is_fetched() {
    let server = Server::new();
    let outcome = fetch_under_watchdog(&server, 1);
    assert_eq!(
        outcome,
        Outcome::Fetched("page 1".to_string()),
        "page 1 takes 20 ms, well within the limit of 1 s: it should be fetched"
    );
    assert_eq!(
        server.cancelled(),
        0,
        "a request that finished in time was counted as cancelled"
    );
}

#[test]
fn a_broken_page_fails_in_time() {
    let server = Server::new().with_broken(4);
    let outcome = fetch_under_watchdog(&server, 4);
    assert_eq!(
        outcome,
        Outcome::Failed(FetchError { page: 4 }),
        "page 4 is broken and answers within the limit: the outcome should be its error"
    );
}

#[test]
fn a_slow_page_times_out_and_its_request_is_cancelled() {
    // Twenty seconds: far beyond the limit, so the outcome is never in doubt.
    let server = Server::new().with_delay(7, Duration::from_secs(20));
    let outcome = fetch_under_watchdog(&server, 7);
    assert_eq!(
        outcome,
        Outcome::TimedOut,
        "page 7 takes 20 s, far beyond the limit of 1 s: the outcome should be TimedOut"
    );
    assert_eq!(
        server.cancelled(),
        1,
        "the slow request was not cancelled: when the limit passes, the fetch must be dropped. \
         A spawned task keeps running when its JoinHandle is dropped; give the fetch future \
         itself to `timeout`"
    );
    assert_eq!(
        server.finished(),
        0,
        "the slow request ran to its end: it should have been dropped when the limit passed"
    );
}

#[test]
fn only_the_slow_one_is_cancelled_when_several_run_together() {
    let server = Server::new().with_delay(2, Duration::from_secs(20));
    let clone = server.clone();
    let outcomes = watchdog::run_within(WATCHDOG, HUNG, move || {
        task::block_on(futures::future::join_all(
            [1, 2, 3].map(|page| fetch_with_deadline(&clone, page, LIMIT)),
        ))
    });
    assert_eq!(
        outcomes,
        [
            Outcome::Fetched("page 1".to_string()),
            Outcome::TimedOut,
            Outcome::Fetched("page 3".to_string()),
        ],
        "of pages 1, 2 and 3 run together, only page 2 is slower than the limit"
    );
    assert_eq!(
        (server.finished(), server.cancelled()),
        (2, 1),
        "(finished, cancelled) should be (2, 1): pages 1 and 3 finish and only the slow page 2 \
         is cancelled"
    );
}
