use std::time::Duration;

use async_std::task;

use exercise::{FetchError, Outcome, Server, fetch_with_deadline};

/// Far above the 20 ms a page takes and far below the 20 s of a slow one,
/// so that no outcome depends on how busy the machine is.
const LIMIT: Duration = Duration::from_secs(1);

#[test]
fn a_fast_page_is_fetched() {
    let server = Server::new();
    let outcome = task::block_on(fetch_with_deadline(&server, 1, LIMIT));
    assert_eq!(outcome, Outcome::Fetched("page 1".to_string()));
    assert_eq!(server.cancelled(), 0);
}

#[test]
fn a_broken_page_fails_in_time() {
    let server = Server::new().with_broken(4);
    let outcome = task::block_on(fetch_with_deadline(&server, 4, LIMIT));
    assert_eq!(outcome, Outcome::Failed(FetchError { page: 4 }));
}

#[test]
fn a_slow_page_times_out_and_its_request_is_cancelled() {
    // Twenty seconds: far beyond the limit, so the outcome is never in doubt.
    let server = Server::new().with_delay(7, Duration::from_secs(20));
    let outcome = task::block_on(fetch_with_deadline(&server, 7, LIMIT));
    assert_eq!(outcome, Outcome::TimedOut);
    assert_eq!(server.cancelled(), 1, "the slow request was not cancelled");
    assert_eq!(server.finished(), 0);
}

#[test]
fn only_the_slow_one_is_cancelled_when_several_run_together() {
    let server = Server::new().with_delay(2, Duration::from_secs(20));
    let outcomes = task::block_on(futures::future::join_all(
        [1, 2, 3].map(|page| fetch_with_deadline(&server, page, LIMIT)),
    ));
    assert_eq!(
        outcomes,
        [
            Outcome::Fetched("page 1".to_string()),
            Outcome::TimedOut,
            Outcome::Fetched("page 3".to_string()),
        ]
    );
    assert_eq!((server.finished(), server.cancelled()), (2, 1));
}
