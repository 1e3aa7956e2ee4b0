//! Timers: sleeping tasks wake in deadline order, never early, and a
//! sleep that lost a race neither holds up the end nor keeps its task's
//! waker, and a task asleep when `block_on` returns is cancelled. A sleep
//! may move to another task, and be polled or dropped there, whatever the
//! task it leaves behind still holds.
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use std::time::{Duration, Instant};

use futures::channel::oneshot;
use futures::future::{Either, select};
use futures::task::noop_waker;
use step04_executor::yield_now;

use crate::cancel::drop_flag;
use crate::{Timers, within_30s};

/// The order in which five sleeping tasks finish, spawned in an order
/// different from their deadlines, each first poll taking `first_poll`.
pub fn finish_order<E: Timers>(first_poll: Duration) -> Vec<u64> {
    let order = Arc::new(Mutex::new(Vec::new()));
    E::block_on(async {
        // Every deadline counts from one shared start, so the order does
        // not depend on how soon each task gets its first poll.
        let start = Instant::now();
        let handles: Vec<_> = [40u64, 10, 30, 0, 20]
            .into_iter()
            .map(|ms| {
                let order = order.clone();
                E::spawn(async move {
                    std::thread::sleep(first_poll);
                    E::sleep_until(start + Duration::from_millis(ms)).await;
                    order.lock().unwrap().push(ms);
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    order.lock().unwrap().clone()
}

pub fn sleeping_tasks_finish_in_deadline_order<E: Timers>() {
    assert_eq!(finish_order::<E>(Duration::ZERO), [0, 10, 20, 30, 40]);
}

pub fn a_sleep_never_finishes_early<E: Timers>() {
    let start = Instant::now();
    E::block_on(E::sleep(Duration::from_millis(30)));
    assert!(start.elapsed() >= Duration::from_millis(30));
}

pub fn a_dropped_sleep_does_not_hold_up_the_end<E: Timers>() {
    // Long enough that waiting for it is a clear failure, short enough
    // that the failure comes within the workspace's 30 s limit.
    const LONG: Duration = Duration::from_secs(20);
    let start = Instant::now();
    let winner = E::block_on(async {
        let long = std::pin::pin!(E::sleep(LONG));
        let short = std::pin::pin!(E::sleep(Duration::from_millis(10)));
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

/// A waker that does nothing; its reference count shows who holds it.
struct Witness;

impl Wake for Witness {
    fn wake(self: Arc<Self>) {}
}

pub fn a_dropped_sleep_lets_go_of_its_waker<E: Timers>() {
    E::block_on(async {
        let witness = Arc::new(Witness);
        let waker = Waker::from(witness.clone());
        let mut nap = Box::pin(E::sleep(Duration::from_secs(60)));
        assert!(
            nap.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        assert_eq!(Arc::strong_count(&witness), 2, "the timer keeps a clone");
        drop(nap);
        assert_eq!(
            Arc::strong_count(&witness),
            1,
            "a dropped sleep's timer still holds its waker, and so keeps \
             the waiting task's whole allocation alive until the deadline"
        );
    });
}

pub fn sleeping_tasks_are_cancelled_when_block_on_returns<E: Timers>() {
    let (flag, dropped) = drop_flag();
    E::block_on(async move {
        drop(E::spawn(async move {
            let _flag = flag;
            // Far longer than the test: only block_on's end stops it.
            E::sleep(Duration::from_secs(30)).await;
        }));
        E::sleep(Duration::from_millis(10)).await; // it starts sleeping
    });
    assert!(dropped.load(Ordering::SeqCst), "the timers cancel it");
}

/// A sleep of an hour, boxed so that it can be polled by hand and sent
/// to another task.
fn an_hour<E: Timers>() -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(E::sleep(Duration::from_secs(3600)))
}

/// A task that registers a sleep with its own waker, hands it to the
/// caller, and finishes with another registered sleep as its output:
/// once the caller's sleep lets go of the task's waker, the task is
/// freed, and dropping its output drops a sleep, inside the timers' work.
#[allow(clippy::async_yields_async)] // the task's output is a sleep on purpose
async fn hand_over_a_sleep<E: Timers>() -> Pin<Box<dyn Future<Output = ()> + Send>> {
    let (sender, receiver) = oneshot::channel();
    drop(E::spawn(async move {
        let mut handed_over = an_hour::<E>();
        let mut kept = an_hour::<E>();
        assert!(futures::poll!(handed_over.as_mut()).is_pending()); // this task's waker
        let noop = noop_waker();
        assert!(
            kept.as_mut()
                .poll(&mut Context::from_waker(&noop))
                .is_pending()
        );
        let _ = sender.send(handed_over);
        kept // the output holds a registered sleep
    }));
    let handed_over = receiver.await.expect("the task hands its sleep over");
    yield_now().await; // the task finishes; only the timers keep it
    handed_over
}

pub fn a_sleep_can_move_to_another_task_and_be_dropped_there<E: Timers>() {
    within_30s("a moved sleep, dropped", || {
        E::block_on(async { drop(hand_over_a_sleep::<E>().await) });
    });
}

pub fn a_sleep_can_move_to_another_task_and_be_polled_there<E: Timers>() {
    within_30s("a moved sleep, polled", || {
        E::block_on(async {
            let mut sleep = hand_over_a_sleep::<E>().await;
            // The poll gives the timer this task's waker, and lets go of
            // the old one.
            assert!(futures::poll!(sleep.as_mut()).is_pending());
        });
    });
}
