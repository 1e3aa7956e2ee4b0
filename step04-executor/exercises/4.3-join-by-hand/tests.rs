//! Exercise 4.3: Write join for two futures by hand.
//!
//! The tests that `cargo exercises check 4.3` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::executor::block_on;

use exercise::join;

// `watchdog::run_within`, a time limit for a test: in tests/watchdog/mod.rs,
// written by `cargo exercises` from tests/exercises-tool/test-support/.
mod watchdog;

/// How long a test waits for a join before it fails. The futures here are
/// ready within a few polls.
const WATCHDOG: Duration = Duration::from_secs(5);

/// What a test says when a join did not finish in time.
const HUNG: &str = "the join did not finish within 5 s: Join::poll returned Pending when no \
     future it polled was Pending, so nothing will wake it again. In each call, poll every \
     future still running, and return Pending only if one of them did";

/// A future that is ready on its `pending + 1`th poll, logs every poll,
/// and panics if it is polled again after it was ready (futures must not be).
struct Steps<'a> {
    name: &'static str,
    pending: usize,
    done: bool,
    log: &'a RefCell<Vec<String>>,
}

fn steps<'a>(
    name: &'static str,
    pending: usize,
    log: &'a RefCell<Vec<String>>,
) -> Steps<'a> {
    Steps {
        name,
        pending,
        done: false,
        log,
    }
}

impl Future for Steps<'_> {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        assert!(
            !self.done,
            "{} was polled again after it returned Ready: keep its output in its `Option` and \
             do not poll a future that finished",
            self.name
        );
        self.log.borrow_mut().push(format!("poll {}", self.name));
        if self.pending == 0 {
            self.done = true;
            return Poll::Ready(self.name);
        }
        self.pending -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Joins two `Steps` futures that are ready after `a_pending` and
/// `b_pending` Pending polls; returns the outputs and the log of polls.
fn join_steps(
    (a, a_pending): (&'static str, usize),
    (b, b_pending): (&'static str, usize),
) -> ((&'static str, &'static str), Vec<String>) {
    watchdog::run_within(WATCHDOG, HUNG, move || {
        let log = RefCell::new(Vec::new());
        let outputs =
            block_on(join(steps(a, a_pending, &log), steps(b, b_pending, &log)));
        (outputs, log.into_inner())
    })
}

#[test]
fn both_outputs_come_back_in_order() {
    let outputs = watchdog::run_within(WATCHDOG, HUNG, || {
        block_on(join(async { 1 }, async { "two" }))
    });
    assert_eq!(
        outputs,
        (1, "two"),
        "join(a, b) should give (output of a, output of b)"
    );
}

#[test]
fn both_futures_make_progress_in_each_round() {
    let (outputs, log) = join_steps(("a", 1), ("b", 1));
    assert_eq!(
        outputs,
        ("a", "b"),
        "join(a, b) should give (output of a, output of b)"
    );
    assert_eq!(
        log,
        ["poll a", "poll b", "poll a", "poll b"],
        "each call of Join::poll should poll both futures still running, a then b. If the log \
         starts `poll a, poll a`, Join::poll returned as soon as `a` was Pending, without \
         polling `b`: that runs them one after the other"
    );
}

#[test]
fn a_finished_future_is_not_polled_again() {
    let (outputs, log) = join_steps(("quick", 0), ("slow", 2));
    assert_eq!(
        outputs,
        ("quick", "slow"),
        "join(quick, slow) should give (output of quick, output of slow)"
    );
    assert_eq!(
        log,
        ["poll quick", "poll slow", "poll slow", "poll slow"],
        "quick is ready at its first poll and must not be polled again; slow is polled until \
         it is ready"
    );
}

#[test]
fn the_second_may_finish_first() {
    let (outputs, log) = join_steps(("slow", 2), ("quick", 0));
    assert_eq!(
        outputs,
        ("slow", "quick"),
        "join(slow, quick) should give (output of slow, output of quick), whichever ends first"
    );
    assert_eq!(
        log,
        ["poll slow", "poll quick", "poll slow", "poll slow"],
        "the first call of Join::poll should poll slow, then quick (ready at once); later calls \
         only slow, until it is ready. If quick comes last, Join::poll returned while slow was \
         Pending without polling quick: that runs them one after the other"
    );
}
