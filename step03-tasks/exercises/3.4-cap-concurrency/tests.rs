//! Exercise 3.4: At most k requests at a time.
//!
//! The tests that `cargo exercises check 3.4` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::time::Duration;

use async_std::task;

use exercise::{FetchError, Server, fetch_at_most};

fn pages(count: u32) -> Vec<u32> {
    (1..=count).collect()
}

#[test]
fn never_more_than_k_at_a_time() {
    for k in [1, 2, 3, 5] {
        let server = Server::new();
        task::block_on(fetch_at_most(&server, &pages(10), k));
        assert!(
            server.most_in_flight() <= k,
            "with k = {k}, the server saw {} requests at once: start at most k, and the next \
             only when one is done (`StreamExt::buffered(k)`), not all of them (`join_all`)",
            server.most_in_flight()
        );
    }
}

#[test]
fn exactly_k_at_a_time_when_there_is_enough_work() {
    for k in [2, 3, 5] {
        let server = Server::new();
        task::block_on(fetch_at_most(&server, &pages(10), k));
        assert_eq!(
            server.most_in_flight(),
            k,
            "with k = {k} and 10 pages, the server saw {} requests at once; it should see \
             exactly k: keep k fetches going while pages remain",
            server.most_in_flight()
        );
    }
}

#[test]
fn every_page_is_fetched_once() {
    let server = Server::new();
    let results = task::block_on(fetch_at_most(&server, &pages(10), 3));
    assert_eq!(
        results.len(),
        10,
        "ten pages asked, so ten results expected"
    );
    assert_eq!(
        server.started(),
        10,
        "ten pages asked, so the server should see ten requests"
    );
    assert_eq!(server.finished(), 10, "every request should run to its end");
}

#[test]
fn fewer_pages_than_k_all_run_at_once() {
    let server = Server::new();
    task::block_on(fetch_at_most(&server, &pages(3), 8));
    assert_eq!(
        server.most_in_flight(),
        3,
        "with k = 8 and only 3 pages, all 3 should run at once"
    );
}

#[test]
fn results_keep_the_order_of_the_pages() {
    // Page 1 is the slowest: it finishes after the others.
    let server = Server::new()
        .with_delay(1, Duration::from_millis(300))
        .with_delay(3, Duration::from_millis(1))
        .with_broken(2);
    let results = task::block_on(fetch_at_most(&server, &pages(4), 2));
    assert_eq!(
        results,
        [
            Ok("page 1".to_string()),
            Err(FetchError { page: 2 }),
            Ok("page 3".to_string()),
            Ok("page 4".to_string()),
        ],
        "the results must be in the order of `pages`, not in the order the fetches finished: \
         `buffer_unordered` yields them as they finish, `buffered` in order"
    );
}
