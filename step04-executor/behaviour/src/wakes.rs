//! Wakes from other threads: none is lost, however many threads wake
//! however many tasks at once, nor one from a thread that is ending; and a
//! wake after the end, even one that frees a task whose output wakes
//! another, does no harm.
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use futures::channel::oneshot;

use step04_executor::yield_now;

use crate::{Executor, within_30s};

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
    let sum = within_30s("many threads waking many tasks", || {
        E::block_on(async {
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
        })
    });
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

/// Wakes its waker when dropped: an output whose drop wakes a task.
struct WakeOnDrop(Option<Waker>);

impl Drop for WakeOnDrop {
    fn drop(&mut self) {
        if let Some(waker) = self.0.take() {
            waker.wake();
        }
    }
}

/// Finishes at its first poll, leaving a copy of its task's waker in
/// `slot`: a way to wake a task that has finished.
async fn finish_leaving_waker(slot: Arc<Mutex<Option<Waker>>>) {
    std::future::poll_fn(|cx| {
        *slot.lock().unwrap() = Some(cx.waker().clone());
        Poll::Ready(())
    })
    .await;
}

pub fn a_late_wake_that_frees_a_task_does_no_harm<E: Executor>() {
    within_30s("a wake after the end that frees a task", || {
        let first: Arc<Mutex<Option<Waker>>> = Arc::default();
        let second: Arc<Mutex<Option<Waker>>> = Arc::default();
        let (first_slot, second_slot) = (first.clone(), second.clone());
        let second_seen = second.clone();
        E::block_on(async move {
            E::spawn(finish_leaving_waker(first_slot)).await.unwrap();
            let first_waker = first.lock().unwrap().take().unwrap();
            // Detached: its output stays in the task, which only a copy
            // of its waker keeps alive once it has finished.
            drop(E::spawn(async move {
                finish_leaving_waker(second_slot).await;
                WakeOnDrop(Some(first_waker))
            }));
            while second_seen.lock().unwrap().is_none() {
                yield_now().await;
            }
        });
        // The executor is gone. This waker is the second task's last
        // reference: letting go of it frees the task, and dropping the
        // task's output wakes the first task, on the same thread.
        let last_reference = second.lock().unwrap().take().unwrap();
        thread::spawn(move || last_reference.wake())
            .join()
            .expect("a late wake panicked");
    });
}
