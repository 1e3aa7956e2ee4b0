//! Exercise 3.2: One failure must not lose the other results.
//!
//! The tests that `cargo exercises check 3.2` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::time::Duration;

use async_std::task;

use exercise::{Report, Server, fetch_report};

/// Four pages that take long enough that, even on a busy machine, the
/// first cannot end before the last has started.
fn four_slow_pages() -> Server {
    (1..=4).fold(Server::new(), |server, page| {
        server.with_delay(page, Duration::from_millis(300))
    })
}

#[test]
fn a_page_that_fails_first_does_not_stop_the_others() {
    // Page 2 fails after 1 ms, while the others take 40 ms.
    let server = Server::new()
        .with_delay(1, Duration::from_millis(40))
        .with_delay(2, Duration::from_millis(1))
        .with_broken(2)
        .with_delay(3, Duration::from_millis(40));
    let report = task::block_on(fetch_report(&server, &[1, 2, 3]));
    assert_eq!(
        report,
        Report {
            texts: vec!["page 1".to_string(), "page 3".to_string()],
            failed: vec![2],
        },
        "page 2 fails first, and pages 1 and 3 arrive later: the report must hold both texts \
         and the failure. If the texts are missing, the join gave up at the first error \
         (`try_join_all` does); use `join_all`, which waits for every fetch"
    );
    assert_eq!(
        server.cancelled(),
        0,
        "{} fetches were dropped before they finished: wait for every fetch, whatever fails",
        server.cancelled()
    );
    assert_eq!(
        server.finished(),
        3,
        "all three fetches should run to the end"
    );
}

#[test]
fn the_fetches_run_together() {
    let server = four_slow_pages();
    let report = task::block_on(fetch_report(&server, &[1, 2, 3, 4]));
    assert_eq!(
        report.texts.len(),
        4,
        "four pages asked and none broken, so four texts expected"
    );
    assert_eq!(
        server.most_in_flight(),
        4,
        "the server saw at most {} of the 4 requests at once: the fetches ran one after the \
         other. Spawn every task first, then wait for the handles",
        server.most_in_flight()
    );
}

#[test]
fn each_fetch_runs_in_a_task_of_its_own() {
    let server = four_slow_pages();
    task::block_on(fetch_report(&server, &[1, 2, 3, 4]));
    assert_eq!(
        server.tasks(),
        4,
        "the 4 requests came from {} task(s): each fetch should run in a task of its own, \
         started with `async_std::task::spawn`",
        server.tasks()
    );
}

#[test]
fn every_failure_is_listed_in_order() {
    let server = Server::new()
        .with_broken(5)
        .with_broken(1)
        .with_delay(1, Duration::from_millis(30));
    let report = task::block_on(fetch_report(&server, &[1, 4, 5]));
    assert_eq!(
        report.failed,
        [1, 5],
        "pages 1 and 5 are broken: `failed` should list them in the order of `pages`"
    );
    assert_eq!(
        report.texts,
        ["page 4"],
        "page 4 is the only one that works: `texts` should hold its text alone"
    );
}
