use std::cell::Cell;

use futures::executor::block_on;

use exercise::record_visit;

#[test]
fn making_the_future_counts_nothing() {
    let visits = Cell::new(0);
    let future = record_visit(&visits);
    assert_eq!(
        visits.get(),
        0,
        "the visit was counted before the future ran"
    );
    assert_eq!(block_on(future), 1);
    assert_eq!(visits.get(), 1);
}

#[test]
fn a_future_dropped_unrun_counts_nothing() {
    let visits = Cell::new(0);
    drop(record_visit(&visits));
    assert_eq!(visits.get(), 0);
}

#[test]
fn each_future_counts_when_it_runs() {
    let visits = Cell::new(0);
    let first = record_visit(&visits);
    let second = record_visit(&visits);
    // Run them in the opposite order to how they were made.
    assert_eq!(block_on(second), 1);
    assert_eq!(block_on(first), 2);
}
