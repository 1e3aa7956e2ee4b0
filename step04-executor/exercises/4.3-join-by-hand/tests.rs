use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::executor::block_on;

use exercise::join;

/// A future that is ready on its `pending + 1`th poll, logs every poll,
/// and panics if it is polled again after it was ready (futures must not be).
struct Steps<'a> {
    name: &'static str,
    pending: usize,
    done: bool,
    log: &'a RefCell<Vec<String>>,
}

fn steps<'a>(name: &'static str, pending: usize, log: &'a RefCell<Vec<String>>) -> Steps<'a> {
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
        assert!(!self.done, "{} was polled after it was ready", self.name);
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

#[test]
fn both_outputs_come_back_in_order() {
    assert_eq!(block_on(join(async { 1 }, async { "two" })), (1, "two"));
}

#[test]
fn both_futures_make_progress_in_each_round() {
    let log = RefCell::new(Vec::new());
    let outputs = block_on(join(steps("a", 1, &log), steps("b", 1, &log)));
    assert_eq!(outputs, ("a", "b"));
    assert_eq!(log.into_inner(), ["poll a", "poll b", "poll a", "poll b"]);
}

#[test]
fn a_finished_future_is_not_polled_again() {
    let log = RefCell::new(Vec::new());
    let outputs = block_on(join(steps("quick", 0, &log), steps("slow", 2, &log)));
    assert_eq!(outputs, ("quick", "slow"));
    assert_eq!(
        log.into_inner(),
        ["poll quick", "poll slow", "poll slow", "poll slow"]
    );
}

#[test]
fn the_second_may_finish_first() {
    let log = RefCell::new(Vec::new());
    let outputs = block_on(join(steps("slow", 2, &log), steps("quick", 0, &log)));
    assert_eq!(outputs, ("slow", "quick"));
    assert_eq!(
        log.into_inner(),
        ["poll slow", "poll quick", "poll slow", "poll slow"]
    );
}
