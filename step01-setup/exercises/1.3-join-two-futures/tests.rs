//! Exercise 1.3: Drive two futures together.
//!
//! The tests that `cargo exercises check 1.3` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::cell::RefCell;

use futures::executor::block_on;

use exercise::both;

async fn worker(log: &RefCell<Vec<String>>, name: &str) -> usize {
    log.borrow_mut().push(format!("{name} starts"));
    // Not ready the first time it is polled: lets the executor run
    // something else once, like `await asyncio.sleep(0)`.
    async_std::task::yield_now().await;
    log.borrow_mut().push(format!("{name} ends"));
    name.len()
}

#[test]
fn returns_both_outputs_in_order() {
    let outputs = block_on(both(async { 1 }, async { "two" }));
    assert_eq!(
        outputs,
        (1, "two"),
        "both(a, b) should return (output of a, output of b)"
    );
}

#[test]
fn the_second_starts_before_the_first_ends() {
    let log = RefCell::new(Vec::new());
    let lengths = block_on(both(worker(&log, "tea"), worker(&log, "toast")));
    assert_eq!(
        lengths,
        (3, 5),
        "both(tea, toast) should return the outputs of tea and toast, in that order"
    );
    assert_eq!(
        log.into_inner(),
        ["tea starts", "toast starts", "tea ends", "toast ends"],
        "toast should start while tea is paused; if tea ends before toast starts, `a` was \
         awaited to the end before `b` started: awaits one after the other run in sequence; \
         drive both with one await (`futures::join!`)"
    );
}
