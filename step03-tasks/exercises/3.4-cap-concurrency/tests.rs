use std::time::Duration;

use async_std::task;

use exercise::{FetchError, Server, fetch_at_most};

fn pages(count: u32) -> Vec<u32> {
    (1..=count).collect()
}

#[test]
fn never_more_than_k_and_exactly_k_when_there_is_enough_work() {
    for k in [1, 2, 3, 5] {
        let server = Server::new();
        let results = task::block_on(fetch_at_most(&server, &pages(10), k));
        assert_eq!(results.len(), 10);
        assert_eq!(server.most_in_flight(), k, "with k = {k}");
        assert_eq!(server.finished(), 10);
    }
}

#[test]
fn fewer_pages_than_k_all_run_at_once() {
    let server = Server::new();
    task::block_on(fetch_at_most(&server, &pages(3), 8));
    assert_eq!(server.most_in_flight(), 3);
}

#[test]
fn results_keep_the_order_of_the_pages() {
    let server = Server::new()
        .with_delay(1, Duration::from_millis(50))
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
        ]
    );
}
