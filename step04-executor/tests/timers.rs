//! Timers: sleeping tasks wake in deadline order, never early, and a
//! sleep that lost a race does not hold up the end. Only the public API.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::future::{Either, select};
use step04_executor::{block_on, sleep, sleep_until, spawn};

#[test]
fn sleeping_tasks_finish_in_deadline_order() {
    let order = Arc::new(Mutex::new(Vec::new()));
    block_on(async {
        // Every deadline counts from one shared start, so the order does
        // not depend on how soon each task gets its first poll.
        let start = Instant::now();
        // Spawned in an order different from their deadlines.
        let handles: Vec<_> = [40u64, 10, 30, 0, 20]
            .into_iter()
            .map(|ms| {
                let order = order.clone();
                spawn(async move {
                    // Play the slow machine: each first poll takes longer
                    // than the gap between two deadlines.
                    std::thread::sleep(Duration::from_millis(15));
                    sleep_until(start + Duration::from_millis(ms)).await;
                    order.lock().unwrap().push(ms);
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(*order.lock().unwrap(), [0, 10, 20, 30, 40]);
}

#[test]
fn a_sleep_never_finishes_early() {
    let start = Instant::now();
    block_on(sleep(Duration::from_millis(30)));
    assert!(start.elapsed() >= Duration::from_millis(30));
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

#[test]
fn a_dropped_sleep_does_not_hold_up_the_end() {
    // Long enough that waiting for it is a clear failure, short enough
    // that the failure comes within the workspace's 30 s limit.
    const LONG: Duration = Duration::from_secs(20);
    let start = Instant::now();
    let winner = block_on(async {
        let long = std::pin::pin!(sleep(LONG));
        let short = std::pin::pin!(sleep(Duration::from_millis(10)));
        match select(long, short).await {
            Either::Left(_) => "long",
            Either::Right(_) => "short",
        }
    });
    assert_eq!(winner, "short");
    assert!(
        start.elapsed() < LONG,
        "block_on waited for the sleep that lost the race"
    );
}

#[test]
#[should_panic(expected = "sleep must run inside step04_executor::block_on")]
fn sleep_outside_block_on_panics_with_a_clear_message() {
    futures::executor::block_on(sleep(Duration::from_millis(1)));
}
