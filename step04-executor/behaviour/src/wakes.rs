//! Wakes from other threads: none is lost, however many threads wake
//! however many tasks at once, nor one from a thread that is ending.
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use futures::channel::oneshot;

use step04_executor::yield_now;

use crate::Executor;

pub fn no_task_is_lost_when_woken_from_other_threads<E: Executor>() {
    let total = E::block_on(async {
        let handles: Vec<_> = (0..100u64)
            .map(|i| {
                let (sender, receiver) = oneshot::channel();
                thread::spawn(move || {
                    thread::sleep(Duration::from_millis(i % 7));
                    sender.send(i).unwrap();
                });
                E::spawn(async move { receiver.await.unwrap() })
            })
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.await.unwrap();
        }
        total
    });
    assert_eq!(total, (0..100).sum());
}

/// A counter that other threads bump; the task waits until it reaches
/// the total.
struct Tickets {
    count: AtomicUsize,
    waker: Mutex<Option<Waker>>,
}

pub fn many_threads_waking_many_tasks_finish<E: Executor>() {
    const TASKS: usize = 50;
    const THREADS: usize = 8;
    const PER_THREAD: usize = 200;
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        let sum = E::block_on(async {
            let tickets: Vec<Arc<Tickets>> = (0..TASKS)
                .map(|_| {
                    Arc::new(Tickets {
                        count: AtomicUsize::new(0),
                        waker: Mutex::new(None),
                    })
                })
                .collect();
            let handles: Vec<_> = tickets
                .iter()
                .map(|ticket| {
                    let ticket = ticket.clone();
                    E::spawn(std::future::poll_fn(move |cx| {
                        *ticket.waker.lock().unwrap() = Some(cx.waker().clone());
                        let count = ticket.count.load(Ordering::SeqCst);
                        if count == THREADS * PER_THREAD {
                            Poll::Ready(count)
                        } else {
                            Poll::Pending
                        }
                    }))
                })
                .collect();
            for _ in 0..THREADS {
                let tickets = tickets.clone();
                thread::spawn(move || {
                    for _ in 0..PER_THREAD {
                        for ticket in &tickets {
                            ticket.count.fetch_add(1, Ordering::SeqCst);
                            let waker = ticket.waker.lock().unwrap().clone();
                            if let Some(waker) = waker {
                                waker.wake();
                            }
                        }
                    }
                });
            }
            let mut sum = 0;
            for handle in handles {
                sum += handle.await.unwrap();
            }
            sum
        });
        done.send(sum).unwrap();
    });
    // A hang detector, not a speed test: the work takes milliseconds.
    let sum = finished
        .recv_timeout(Duration::from_secs(30))
        .expect("the executor lost a wake and hung");
    assert_eq!(sum, TASKS * THREADS * PER_THREAD);
}

thread_local! {
    // Each drops its sender when its thread ends, which wakes a task.
    static BEFORE: RefCell<Option<oneshot::Sender<()>>> = const { RefCell::new(None) };
    static AFTER: RefCell<Option<oneshot::Sender<()>>> = const { RefCell::new(None) };
}

pub fn a_wake_from_a_thread_local_destructor_is_not_lost<E: Executor>() {
    let woken = E::block_on(async {
        let (early, for_early) = oneshot::channel::<()>();
        let (late, for_late) = oneshot::channel::<()>();
        let waiting =
            E::spawn(
                async move { (for_early.await.is_err(), for_late.await.is_err()) },
            );
        yield_now().await; // it starts, and waits
        // A thread that ran an executor, and keeps a sender in a
        // thread-local on each side of it: whichever order the thread's
        // destructors run in, one sender is dropped after the executor's
        // own thread-local is gone.
        thread::spawn(move || {
            BEFORE.set(Some(early));
            E::block_on(async {});
            AFTER.set(Some(late));
        })
        .join()
        .expect("a wake from a thread-local's destructor panicked");
        waiting.await
    });
    assert_eq!(woken, Ok((true, true)));
}
