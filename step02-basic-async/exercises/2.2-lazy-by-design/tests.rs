//! Exercise 2.2: Count when it runs, not when it is made.
//!
//! The tests that `cargo exercises check 2.2` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

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
        "the visit was counted when the future was made: code before the `async` block runs \
         at once; move the counting into the block"
    );
    assert_eq!(
        block_on(future),
        1,
        "the first future to run should give back the new count, 1"
    );
    assert_eq!(
        visits.get(),
        1,
        "running the future should count exactly one visit"
    );
}

#[test]
fn a_future_dropped_unrun_counts_nothing() {
    let visits = Cell::new(0);
    drop(record_visit(&visits));
    assert_eq!(
        visits.get(),
        0,
        "a future that was dropped without running counted a visit: count inside the `async` \
         block, which runs only when the future is polled"
    );
}

#[test]
fn each_future_counts_when_it_runs() {
    let visits = Cell::new(0);
    let first = record_visit(&visits);
    let second = record_visit(&visits);
    // Run them in the opposite order to how they were made.
    assert_eq!(
        block_on(second),
        1,
        "the future made second but run first should give back 1"
    );
    assert_eq!(
        block_on(first),
        2,
        "the future made first but run second should give back 2: read the counter when the \
         future runs, inside the `async` block, not when it is made"
    );
    assert_eq!(visits.get(), 2, "two futures ran, so two visits count");
}
