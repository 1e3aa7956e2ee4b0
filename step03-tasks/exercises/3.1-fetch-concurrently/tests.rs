//! Exercise 3.1: Fetch the pages concurrently.
//!
//! The tests that `cargo exercises check 3.1` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::time::Duration;

use async_std::task;

use exercise::{FetchError, Server, fetch_all};

#[test]
fn every_page_is_in_flight_at_once() {
    // Long requests, so that even on a busy machine the first cannot end
    // before the last has started.
    let server = (1..=5).fold(Server::new(), |server, page| {
        server.with_delay(page, Duration::from_millis(300))
    });
    let texts = task::block_on(fetch_all(&server, &[1, 2, 3, 4, 5]))
        .expect("no page is broken, so fetch_all should return Ok");
    assert_eq!(texts.len(), 5, "five pages asked, so five texts expected");
    assert_eq!(
        server.most_in_flight(),
        5,
        "the server saw at most {} of the 5 requests at once: the fetches ran one after the \
         other. A future does nothing until it is awaited, so making them all first and then \
         awaiting each in turn still runs them in sequence; await them together \
         (`futures::future::try_join_all`)",
        server.most_in_flight()
    );
}

#[test]
fn texts_come_back_in_the_order_asked_not_the_order_finished() {
    // Page 1 is the slowest, page 2 the fastest: they finish 2, 3, 1.
    let server = Server::new()
        .with_delay(1, Duration::from_millis(300))
        .with_delay(2, Duration::from_millis(5));
    let texts = task::block_on(fetch_all(&server, &[1, 2, 3]))
        .expect("no page is broken, so fetch_all should return Ok");
    assert_eq!(
        texts,
        ["page 1", "page 2", "page 3"],
        "the texts must be in the order of `pages`, not in the order the fetches finished \
         (`try_join_all` and `join_all` keep the order)"
    );
}

#[test]
fn a_broken_page_is_reported() {
    let server = Server::new().with_broken(2);
    let result = task::block_on(fetch_all(&server, &[1, 2, 3]));
    assert_eq!(
        result,
        Err(FetchError { page: 2 }),
        "page 2 is broken, so fetch_all should return its error"
    );
}

#[test]
fn no_pages_no_requests() {
    let server = Server::new();
    assert_eq!(
        task::block_on(fetch_all(&server, &[])),
        Ok(vec![]),
        "no pages asked, so fetch_all should return Ok with no texts"
    );
    assert_eq!(
        server.started(),
        0,
        "no pages asked, yet the server saw requests"
    );
}
