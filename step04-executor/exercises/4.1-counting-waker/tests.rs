//! Exercise 4.1: A waker that counts.
//!
//! The tests that `cargo exercises check 4.1` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use exercise::counting_waker;

#[test]
fn a_new_waker_has_not_been_woken() {
    let (_waker, counter) = counting_waker();
    assert_eq!(
        counter.count(),
        0,
        "a waker that was never woken should count 0"
    );
}

#[test]
fn every_way_of_waking_counts() {
    let (waker, counter) = counting_waker();
    waker.wake_by_ref();
    assert_eq!(
        counter.count(),
        1,
        "after one `wake_by_ref`, the counter returned with the waker should count 1. If it \
         counts 0, the waker counts into another WakeCounter: make the Waker from a clone of \
         the same Arc (`Waker::from(Arc::clone(&counter))`)"
    );
    let clone = waker.clone();
    clone.wake();
    assert_eq!(
        counter.count(),
        2,
        "after `wake` on a clone of the waker, the count should be 2: a clone wakes the same \
         counter, and `wake` must count too (it can call `self.wake_by_ref()`)"
    );
    waker.wake();
    assert_eq!(
        counter.count(),
        3,
        "after `wake` on the waker itself, the count should be 3"
    );
}

#[test]
fn the_runtimes_timer_wakes_our_waker() {
    // Poll async-std's sleep by hand: it says Pending and keeps our waker;
    // when its timer fires, the runtime calls wake, and the next poll is Ready.
    let (waker, counter) = counting_waker();
    let mut context = Context::from_waker(&waker);
    let mut sleep = pin!(async_std::task::sleep(Duration::from_millis(20)));
    assert!(
        sleep.as_mut().poll(&mut context).is_pending(),
        "a 20 ms sleep polled at once should be Pending"
    );

    let give_up = Instant::now() + Duration::from_secs(10);
    while counter.count() == 0 && Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        counter.count(),
        1,
        "the sleep's timer should wake the waker we gave it exactly once (within 10 s), and \
         the counter returned with that waker should see it"
    );
    assert_eq!(
        sleep.as_mut().poll(&mut context),
        Poll::Ready(()),
        "after its timer woke us, the sleep should be Ready"
    );
}
