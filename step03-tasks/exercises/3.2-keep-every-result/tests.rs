use std::time::Duration;

use async_std::task;

use exercise::{Report, Server, fetch_report};

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
        }
    );
    assert_eq!(
        server.cancelled(),
        0,
        "a fetch was dropped before it finished"
    );
    assert_eq!(server.finished(), 3);
}

#[test]
fn the_fetches_run_together() {
    // Long requests, so that even on a busy machine the first cannot end
    // before the last has started.
    let server = (1..=4).fold(Server::new(), |server, page| {
        server.with_delay(page, Duration::from_millis(300))
    });
    let report = task::block_on(fetch_report(&server, &[1, 2, 3, 4]));
    assert_eq!(report.texts.len(), 4);
    assert_eq!(server.most_in_flight(), 4);
    assert_eq!(
        server.tasks(),
        4,
        "each fetch should run in a task of its own"
    );
}

#[test]
fn every_failure_is_listed_in_order() {
    let server = Server::new()
        .with_broken(5)
        .with_broken(1)
        .with_delay(1, Duration::from_millis(30));
    let report = task::block_on(fetch_report(&server, &[1, 4, 5]));
    assert_eq!(report.failed, [1, 5]);
    assert_eq!(report.texts, ["page 4"]);
}
