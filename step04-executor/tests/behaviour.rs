//! The behaviour suite, run on the library (the tuned stage 6).
//!
//! Every executor from stage 3 on promises the same things: what a
//! `JoinHandle` gives, the order tasks run in, what a panic or a cancel
//! does, that no wake is lost, and (from stage 4) how timers behave. The
//! files in `tests/behaviour/` say each promise once; they reach the
//! executor only through `super`, so the same files run here on the
//! library and in each stage program (its `behaviour` modules) on that
//! stage's executor. A stage that passes them keeps every promise the
//! earlier stages made.

use std::future::Future;
use std::time::Duration;

pub use step04_executor::{JoinError, block_on, sleep, sleep_until, spawn, yield_now};

#[path = "behaviour/tasks.rs"]
mod tasks;
#[path = "behaviour/timers.rs"]
mod timers;

// What only stage 6 promises: its timers keep deadline order even when
// the first polls come late (`src/timer.rs`, `in_order`), because even a
// sleep that is already due waits for its turn.

#[test]
fn deadlines_keep_their_order_when_first_polls_are_slow() {
    // Play the slow machine: each first poll takes longer than the gap
    // between two deadlines.
    let order = timers::finish_order(Duration::from_millis(15));
    assert_eq!(order, [0, 10, 20, 30, 40]);
}

#[test]
fn a_sleep_of_zero_finishes_after_one_turn() {
    let polls = block_on(async {
        let mut polls = 0;
        let mut nap = std::pin::pin!(sleep(Duration::ZERO));
        std::future::poll_fn(|cx| {
            polls += 1;
            nap.as_mut().poll(cx)
        })
        .await;
        polls
    });
    assert_eq!(polls, 2, "registered once, then found due");
}
