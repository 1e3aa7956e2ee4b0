//! Exercise 4.5: Queue a task once, whoever wakes it.
//!
//! The tests that `cargo exercises check 4.5` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use exercise::{Queue, Task};

// `watchdog::run_within`, a time limit for a test: in tests/watchdog/mod.rs,
// written by `cargo exercises` from tests/exercises-tool/test-support/.
mod watchdog;

/// A future that never ends, and keeps the waker of its latest poll where
/// the test can call it, as a channel or a timer would.
struct Waiting {
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Future for Waiting {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        *self.waker.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// A task that waits for ever, run once (so that its waker is out), and
/// the queue, now empty.
fn a_waiting_task() -> (Arc<Task>, Queue, Waker) {
    let queue = Queue::default();
    let waker = Arc::new(Mutex::new(None));
    let task = Task::spawn(
        Waiting {
            waker: Arc::clone(&waker),
        },
        &queue,
    );
    let first = queue.lock().unwrap().pop_front();
    assert!(first.is_some(), "spawn queues the task for its first run");
    assert!(!task.run(), "the waiting future is never done");
    let waker = waker.lock().unwrap().clone();
    let waker = waker.expect("run() polls the future, which keeps the waker");
    (task, queue, waker)
}

fn queued(queue: &Queue) -> usize {
    queue.lock().unwrap().len()
}

#[test]
fn a_wake_queues_a_waiting_task() {
    let (_task, queue, waker) = a_waiting_task();
    waker.wake_by_ref();
    assert_eq!(
        queued(&queue),
        1,
        "the task was woken once after its run, so it should be in the queue once"
    );
}

#[test]
fn a_task_woken_twice_before_it_runs_is_queued_once() {
    let (_task, queue, waker) = a_waiting_task();
    waker.wake_by_ref();
    waker.wake_by_ref();
    assert_eq!(
        queued(&queue),
        1,
        "the task was woken twice before it ran again, and wake queued it twice: it \
         would run twice, perhaps on two workers at once. Queue it only if `scheduled` \
         was false"
    );
}

#[test]
fn wakes_from_many_threads_at_once_queue_the_task_once() {
    const THREADS: usize = 8;
    let (_task, queue, waker) = a_waiting_task();
    let start = Arc::new(Barrier::new(THREADS));
    let wakers: Vec<_> = (0..THREADS)
        .map(|_| {
            let (waker, start) = (waker.clone(), Arc::clone(&start));
            thread::spawn(move || {
                start.wait(); // every thread wakes the task at the same moment
                waker.wake();
            })
        })
        .collect();
    for thread in wakers {
        thread.join().expect("waking does not panic");
    }
    let times = queued(&queue);
    assert_eq!(
        times, 1,
        "{THREADS} threads woke the task at once and wake queued it {times} times: \
         read and set `scheduled` in one atomic step (`swap`), or two threads both see \
         it false"
    );
}

/// A future that wakes itself during its first poll and is then ready:
/// `yield_now` in one poll.
struct WakesItself {
    polls: usize,
}

impl Future for WakesItself {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        if self.polls == 1 {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

#[test]
fn a_wake_during_the_poll_queues_the_task_again() {
    let queue = Queue::default();
    let task = Task::spawn(WakesItself { polls: 0 }, &queue);
    let first = queue.lock().unwrap().pop_front();
    assert!(first.is_some(), "spawn queues the task for its first run");
    assert!(!task.run(), "the first poll says Pending");
    assert_eq!(
        queued(&queue),
        1,
        "the task woke itself during its poll but was not queued again: a wake during \
         the poll was lost, and the task would never run again. Clear `scheduled` \
         before the poll"
    );
    let again = queue.lock().unwrap().pop_front();
    assert!(
        again.is_some_and(|task| task.run()),
        "the second run finishes it"
    );
}

/// A future that yields `left` times (wakes itself and says Pending),
/// counting its polls.
struct Yields {
    left: usize,
    polls: Arc<AtomicUsize>,
}

impl Future for Yields {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[test]
fn two_workers_run_every_task_once_per_wake() {
    const TASKS: usize = 100;
    const YIELDS: usize = 5;
    let polls = Arc::new(AtomicUsize::new(0));
    let queue = Queue::default();
    for _ in 0..TASKS {
        let polls = Arc::clone(&polls);
        Task::spawn(
            Yields {
                left: YIELDS,
                polls,
            },
            &queue,
        );
    }
    let finished = Arc::new(AtomicUsize::new(0));
    let if_hung = "the tasks did not all finish within 5 s: a task that yields wakes \
                   itself during its poll, and that wake must queue it again (clear \
                   `scheduled` before the poll)";
    watchdog::run_within(Duration::from_secs(5), if_hung, move || {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (queue, finished) = (Arc::clone(&queue), Arc::clone(&finished));
                thread::spawn(move || {
                    while finished.load(Ordering::SeqCst) < TASKS {
                        let next = queue.lock().unwrap().pop_front();
                        match next {
                            Some(task) if task.run() => {
                                finished.fetch_add(1, Ordering::SeqCst);
                            }
                            Some(_) => {}
                            None => thread::yield_now(),
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a worker does not panic");
        }
    });
    let polls = polls.load(Ordering::SeqCst);
    assert_eq!(
        polls,
        TASKS * (YIELDS + 1),
        "{TASKS} tasks that yield {YIELDS} times each should be polled {} times in \
         all, once per wake and once to start; they were polled {polls} times",
        TASKS * (YIELDS + 1)
    );
}
