use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use exercise::counting_waker;

#[test]
fn a_new_waker_has_not_been_woken() {
    let (_waker, counter) = counting_waker();
    assert_eq!(counter.count(), 0);
}

#[test]
fn every_way_of_waking_counts() {
    let (waker, counter) = counting_waker();
    waker.wake_by_ref();
    assert_eq!(counter.count(), 1);
    let clone = waker.clone();
    clone.wake();
    assert_eq!(counter.count(), 2, "a clone wakes the same counter");
    waker.wake();
    assert_eq!(counter.count(), 3);
}

#[test]
fn the_runtimes_timer_wakes_our_waker() {
    // Poll async-std's sleep by hand: it says Pending and keeps our waker;
    // when its timer fires, the runtime calls wake, and the next poll is Ready.
    let (waker, counter) = counting_waker();
    let mut context = Context::from_waker(&waker);
    let mut sleep = pin!(async_std::task::sleep(Duration::from_millis(20)));
    assert!(sleep.as_mut().poll(&mut context).is_pending());

    let give_up = Instant::now() + Duration::from_secs(10);
    while counter.count() == 0 && Instant::now() < give_up {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        counter.count(),
        1,
        "the timer fired but our waker was not woken"
    );
    assert_eq!(sleep.as_mut().poll(&mut context), Poll::Ready(()));
}
