//! Many worker threads (stage 7): a task woken on another worker runs
//! exactly once per wake, and never on two workers at the same time; no
//! task is lost while workers park and unpark; awaiting a task's handle
//! never waits for that task's poll on another worker; and the end of
//! `block_on` ends every worker thread. Only for an executor with two workers or
//! more: with one, there is no other worker.
//!
//! Each promise is a function generic over the executor (see the crate
//! docs); `tests!` turns it into a `#[test]` for one executor.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use step04_executor::yield_now;

use crate::{Executor, within_30s};

/// A task's poll count, whether a poll is under way, and its waker.
#[derive(Default)]
struct Watched {
    polls: AtomicUsize,
    in_poll: AtomicBool,
    overlapped: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

pub fn a_task_woken_on_another_worker_runs_exactly_once<E: Executor>() {
    const WAKES: usize = 200;
    let watched = Arc::new(Watched::default());
    let wakes_sent = within_30s("wakes from other workers", {
        let watched = watched.clone();
        move || E::block_on(wake_from_tasks::<E>(watched, WAKES))
    });
    let polls = watched.polls.load(Ordering::SeqCst);
    assert!(
        !watched.overlapped.load(Ordering::SeqCst),
        "a task was polled by two workers at the same time"
    );
    // The first poll, and at most one more per wake: a wake that meets
    // the task already queued adds nothing.
    assert!(
        polls <= wakes_sent + 1,
        "{polls} polls for {wakes_sent} wakes: a wake ran the task twice"
    );
}

/// Spawns a task that counts its polls (slowly, so that wakes land during
/// a poll) and ends once every wake is sent, and tasks that wake it; returns
/// how many wakes were sent.
async fn wake_from_tasks<E: Executor>(watched: Arc<Watched>, wakes: usize) -> usize {
    let sent = Arc::new(AtomicUsize::new(0));
    let target = E::spawn({
        let (watched, sent) = (watched.clone(), sent.clone());
        std::future::poll_fn(move |cx| {
            if watched.in_poll.swap(true, Ordering::SeqCst) {
                watched.overlapped.store(true, Ordering::SeqCst);
            }
            watched.polls.fetch_add(1, Ordering::SeqCst);
            *watched.waker.lock().unwrap() = Some(cx.waker().clone());
            thread::sleep(Duration::from_micros(50));
            let done = sent.load(Ordering::SeqCst) == wakes;
            watched.in_poll.store(false, Ordering::SeqCst);
            if done { Poll::Ready(()) } else { Poll::Pending }
        })
    });
    while watched.polls.load(Ordering::SeqCst) == 0 {
        yield_now().await; // until the target has left its waker
    }
    let wakers: Vec<_> = (0..4)
        .map(|_| {
            let (watched, sent) = (watched.clone(), sent.clone());
            E::spawn(async move {
                for _ in 0..wakes / 4 {
                    let waker = watched.waker.lock().unwrap().clone();
                    sent.fetch_add(1, Ordering::SeqCst);
                    waker.expect("polled once before").wake();
                    yield_now().await;
                }
            })
        })
        .collect();
    for waker in wakers {
        waker.await.unwrap();
    }
    target.await.unwrap();
    sent.load(Ordering::SeqCst)
}

pub fn no_task_is_lost_when_workers_park<E: Executor>() {
    // Bursts of wakes from a thread that is no worker, with pauses long
    // enough that every worker parks between two bursts: each burst must
    // unpark a worker, whichever moment it lands in.
    let total = within_30s("bursts after parking", || {
        E::block_on(async {
            let mut total = 0;
            for burst in 0..20u64 {
                let (senders, handles): (Vec<_>, Vec<_>) = (0..8u64)
                    .map(|i| {
                        let (sender, receiver) = futures::channel::oneshot::channel();
                        (sender, E::spawn(async move { receiver.await.unwrap() + i }))
                    })
                    .unzip();
                thread::spawn(move || {
                    thread::sleep(Duration::from_millis(burst % 3));
                    for sender in senders {
                        sender.send(burst).unwrap();
                    }
                });
                for handle in handles {
                    total += handle.await.unwrap();
                }
            }
            total
        })
    });
    assert_eq!(total, 8 * (0..20).sum::<u64>() + 20 * (0..8).sum::<u64>());
}

pub fn awaiting_a_handle_never_waits_for_the_tasks_poll<E: Executor>() {
    // `first` is polled on another worker (this one waits until it is),
    // and its poll blocks until `second` has run. This worker spawns
    // `second` and awaits `first`'s handle in the same poll: if reading
    // the handle waited for `first`'s poll to end, this worker would be
    // stuck before it ever ran `second`, and the two would never meet.
    // (Blocking in a task is a mistake; here it makes the wait visible.)
    let second_ran = within_30s("a handle awaited during the task's poll", || {
        E::block_on(async {
            let (started, first_started) = mpsc::channel();
            let (ran, second_done) = mpsc::channel::<()>();
            let first = E::spawn(async move {
                started.send(()).unwrap();
                second_done.recv_timeout(Duration::from_secs(10)).is_ok()
            });
            first_started.recv().unwrap(); // `first` is on another worker
            let second = E::spawn(async move { ran.send(()).is_ok() });
            let met = first.await.unwrap();
            second.await.unwrap();
            met
        })
    });
    assert!(
        second_ran,
        "awaiting a JoinHandle blocked its worker while the task was polled \
         on another one: the task's lock is held across the whole poll"
    );
}

thread_local! {
    /// Dropped when the thread that ran a task ends, which disconnects
    /// its channel.
    static KEEP_UNTIL_EXIT: RefCell<Vec<mpsc::Sender<()>>> = const { RefCell::new(Vec::new()) };
}

pub fn the_end_of_block_on_ends_every_worker<E: Executor>() {
    let caller = thread::current().id();
    // Tasks that block their thread for a while: the other workers take
    // some. Each leaves, on the thread that ran it, the sender of a
    // channel that the thread's end closes.
    let on_workers = E::block_on(async move {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                E::spawn(async move {
                    thread::sleep(Duration::from_millis(20));
                    if thread::current().id() == caller {
                        return None;
                    }
                    let (sender, ends) = mpsc::channel();
                    KEEP_UNTIL_EXIT.with(|keep| keep.borrow_mut().push(sender));
                    Some(ends)
                })
            })
            .collect();
        let mut on_workers = Vec::new();
        for handle in handles {
            on_workers.extend(handle.await.unwrap());
        }
        on_workers
    });
    assert!(!on_workers.is_empty(), "no task ran on another worker");
    for ends in on_workers {
        assert_eq!(
            ends.try_recv(),
            Err(mpsc::TryRecvError::Disconnected),
            "a worker thread outlived block_on"
        );
    }
}
