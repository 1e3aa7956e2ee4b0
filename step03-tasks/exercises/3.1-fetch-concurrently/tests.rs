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
    let texts = task::block_on(fetch_all(&server, &[1, 2, 3, 4, 5])).unwrap();
    assert_eq!(texts.len(), 5);
    assert_eq!(
        server.most_in_flight(),
        5,
        "the fetches ran one after the other, not together"
    );
}

#[test]
fn texts_come_back_in_the_order_asked_not_the_order_finished() {
    let server = Server::new()
        .with_delay(1, Duration::from_millis(60))
        .with_delay(2, Duration::from_millis(5));
    let texts = task::block_on(fetch_all(&server, &[1, 2, 3])).unwrap();
    assert_eq!(texts, ["page 1", "page 2", "page 3"]);
    assert_eq!(server.most_in_flight(), 3);
}

#[test]
fn a_broken_page_is_reported() {
    let server = Server::new().with_broken(2);
    let result = task::block_on(fetch_all(&server, &[1, 2, 3]));
    assert_eq!(result, Err(FetchError { page: 2 }));
}

#[test]
fn no_pages_no_requests() {
    let server = Server::new();
    assert_eq!(task::block_on(fetch_all(&server, &[])), Ok(vec![]));
    assert_eq!(server.started(), 0);
}
