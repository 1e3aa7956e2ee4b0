//! loom model tests: the task's flags and the executor's wake paths, run
//! under every interleaving of their threads, up to a bound.
//!
//! A normal test runs one interleaving, the one the OS happens to pick,
//! and a lost wake shows up once in a thousand runs, as a hang. loom
//! (the checker async-task and tokio use) runs the test body again and
//! again, each time switching threads at a different atomic operation,
//! mutex or park, until it has tried them all (with `LOOM_MAX_PREEMPTIONS`
//! bounding how many forced switches one run may have). A run in which
//! every thread is parked or blocked is reported as a deadlock: for an
//! executor, that is a lost wake.
//!
//! Built only with `--cfg step04_loom` (see `loom.sh`): then `src/sync.rs` hands
//! the task and the executor loom's atomics, mutexes, parking and
//! thread-locals instead of the standard library's.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use loom::sync::Mutex;
use loom::thread;

use crate::task::{self, JoinError, JoinHandle, Runnable, Schedule};

/// An event that one thread raises and a future waits for, written the
/// way the waker contract asks: the waker is stored and the event checked
/// under one lock, so the future itself cannot lose a wake. Whatever a
/// model finds lost is then the executor's doing.
#[derive(Clone, Default)]
struct Event(Arc<Mutex<(bool, Option<Waker>)>>);

impl Event {
    fn raise(&self) {
        let waker = {
            let mut state = self.0.lock().unwrap();
            state.0 = true;
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Raises the event from a new thread, racing whatever this one does next.
    fn raise_on_another_thread(&self) -> thread::JoinHandle<()> {
        let event = self.clone();
        thread::spawn(move || event.raise())
    }

    /// Ready once the event is raised; counts its polls and its drop.
    fn wait(&self, counts: &Counts) -> Wait {
        Wait {
            event: self.clone(),
            counts: counts.clone(),
        }
    }
}

/// How often a `Wait` was polled, and dropped.
#[derive(Clone, Default)]
struct Counts(Arc<(AtomicUsize, AtomicUsize)>);

impl Counts {
    fn polls(&self) -> usize {
        self.0.0.load(Ordering::SeqCst)
    }

    fn drops(&self) -> usize {
        self.0.1.load(Ordering::SeqCst)
    }
}

struct Wait {
    event: Event,
    counts: Counts,
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.counts.0.0.fetch_add(1, Ordering::SeqCst);
        let mut state = self.event.0.lock().unwrap();
        if state.0 {
            return Poll::Ready(());
        }
        state.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        self.counts.0.1.fetch_add(1, Ordering::SeqCst);
    }
}

/// A scheduler for the task alone (no executor): each wake pushes the
/// task onto a list that the test drains by hand.
#[derive(Clone, Default)]
struct Listed(Arc<Mutex<Vec<Runnable<Listed>>>>);

impl Schedule for Listed {
    fn schedule(runnable: Runnable<Listed>) {
        let list = runnable.scheduler().0.clone();
        let mut list = list.lock().unwrap();
        assert!(list.is_empty(), "a task was queued twice");
        list.push(runnable);
    }
}

impl Listed {
    /// Runs what is queued, and what that queues, until nothing is.
    fn run_all(&self) {
        loop {
            let next = self.0.lock().unwrap().pop();
            match next {
                Some(runnable) => runnable.run(),
                None => return,
            }
        }
    }
}

/// Polls `handle` once with a waker that does nothing.
fn poll_once<T>(handle: &mut JoinHandle<T>) -> Poll<Result<T, JoinError>> {
    Pin::new(handle).poll(&mut Context::from_waker(Waker::noop()))
}

/// A waker that counts its wakes.
struct CountWakes(AtomicUsize);

impl Wake for CountWakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn a_wake_during_a_run_is_never_lost() {
    // Explores the `scheduled` flag: the other thread raises the event
    // and wakes before the poll, during it (after the waker is stored,
    // before `run` returns) or after it. A flag cleared after the poll
    // instead of before would drop the wake that lands during the poll;
    // one never cleared would queue nothing at all. `Listed` checks that
    // no wake queues the task twice.
    loom::model(|| {
        let (event, counts, listed) =
            (Event::default(), Counts::default(), Listed::default());
        let (runnable, mut handle) = task::spawn(event.wait(&counts), listed.clone());
        let waker = event.raise_on_another_thread();
        runnable.run();
        waker.join().unwrap();
        listed.run_all();
        assert_eq!(
            poll_once(&mut handle),
            Poll::Ready(Ok(())),
            "a wake was lost"
        );
        assert!(counts.polls() <= 2, "polled {} times", counts.polls());
    });
}

#[test]
fn a_cancel_from_another_thread_drops_the_future_once() {
    // Explores `cancel_requested` against a run in progress: the cancel
    // (flag, then wake) lands before the run, while the future is polled
    // (the `scheduled` flag is clear, so the wake queues the task again),
    // or after. Whatever the order, the future is dropped exactly once,
    // and the handle gives `Cancelled`, or the output if it came first.
    loom::model(|| {
        let (event, counts, listed) =
            (Event::default(), Counts::default(), Listed::default());
        let (runnable, handle) = task::spawn(event.wait(&counts), listed.clone());
        let canceller = thread::spawn(move || {
            handle.cancel();
            handle
        });
        runnable.run();
        let mut handle = canceller.join().unwrap();
        listed.run_all();
        assert_eq!(
            counts.drops(),
            1,
            "the future was dropped {} times",
            counts.drops()
        );
        assert_eq!(
            poll_once(&mut handle),
            Poll::Ready(Err(JoinError::Cancelled))
        );
    });
}

#[test]
fn a_handle_awaited_on_another_thread_is_woken() {
    // Explores the join waker: the other thread polls the `JoinHandle`
    // (leaving its waker under the task's lock) before, during or after
    // the run that finishes the task. If its poll said `Pending`, the
    // finish must have woken it.
    loom::model(|| {
        let (event, counts, listed) =
            (Event::default(), Counts::default(), Listed::default());
        event.raise(); // the task finishes on its first poll
        let (runnable, mut handle) = task::spawn(event.wait(&counts), listed.clone());
        let joiner = thread::spawn(move || {
            let wakes = Arc::new(CountWakes(AtomicUsize::new(0)));
            let waker = Waker::from(wakes.clone());
            let first = Pin::new(&mut handle).poll(&mut Context::from_waker(&waker));
            (first.is_pending(), wakes, handle)
        });
        runnable.run();
        let (was_pending, wakes, mut handle) = joiner.join().unwrap();
        if was_pending {
            assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "the join waker was lost");
            assert_eq!(poll_once(&mut handle), Poll::Ready(Ok(())));
        }
    });
}

#[test]
fn a_task_woken_from_another_thread_wakes_the_loop() {
    // Explores the remote path of the real `block_on`: the other thread's
    // wake pushes the task onto `remote`, sets `remote_pending` and
    // unparks, while the loop runs, checks `is_idle` and parks. A wake
    // that falls between the check and the park must still unpark it;
    // if one is lost, the loop parks for ever and loom reports a deadlock.
    loom::model(|| {
        let (event, counts) = (Event::default(), Counts::default());
        let waker = event.raise_on_another_thread();
        let joined = crate::block_on(async {
            let task = crate::spawn(event.wait(&counts));
            task.await
        });
        waker.join().unwrap();
        assert_eq!(joined, Ok(()));
    });
}

#[test]
fn the_main_future_woken_from_another_thread_wakes_the_loop() {
    // The same race for the main future's own waker: its `woken` flag
    // against the loop's check and park.
    loom::model(|| {
        let (event, counts) = (Event::default(), Counts::default());
        let waker = event.raise_on_another_thread();
        crate::block_on(event.wait(&counts));
        waker.join().unwrap();
    });
}

#[test]
#[allow(clippy::async_yields_async)] // the handle is carried out on purpose
fn a_wake_racing_the_end_of_block_on_cancels_once() {
    // The main future ends while a task waits and another thread wakes
    // it: the wake lands while the task still runs, while `block_on`
    // shuts down, or after. The task's future is dropped exactly once,
    // and before `block_on` returns, whichever way it went.
    loom::model(|| {
        let (event, counts) = (Event::default(), Counts::default());
        let waker = event.raise_on_another_thread();
        let handle = crate::block_on({
            let (event, counts) = (event.clone(), counts.clone());
            async move {
                let task = crate::spawn(event.wait(&counts));
                crate::yield_now().await; // it runs once
                task
            }
        });
        assert_eq!(counts.drops(), 1, "the task outlived block_on");
        waker.join().unwrap();
        assert_eq!(counts.drops(), 1, "the task's future was dropped twice");
        drop(handle);
    });
}

/// Runs `model` under loom with at most `preemptions` forced thread
/// switches per run: the multi-threaded models have three threads and
/// many locks, too many interleavings to try them all.
fn bounded(preemptions: usize, model: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(preemptions);
    builder.check(model);
}

#[test]
fn a_worker_parking_while_a_task_is_woken_is_unparked() {
    // Two workers, and a thread that is neither. The task waits for the
    // event; the other thread raises it, and its wake goes to the
    // injector and unparks a worker (`notify_one`), while both workers
    // look for work, register as idle (`park_idle`) and park. A push
    // that lands between a worker's last look and its park must still
    // unpark it; if it is lost, every worker parks for ever and loom
    // reports a deadlock.
    bounded(2, || {
        let (event, counts) = (Event::default(), Counts::default());
        let raiser = event.raise_on_another_thread();
        let joined = crate::multi_thread::block_on_threads(2, async {
            crate::multi_thread::spawn(event.wait(&counts)).await
        });
        raiser.join().unwrap();
        assert_eq!(joined, Ok(()));
        assert!(counts.polls() <= 2, "polled {} times", counts.polls());
    });
}

#[test]
fn a_stolen_task_runs_exactly_once() {
    // Worker 0 spawns two tasks onto its queue and awaits them; worker 1
    // wakes (the spawn's `notify_one`) and steals half of the queue,
    // while worker 0 pops from the same queue. Whichever order, each task
    // runs once: none is lost between the two queues, none is run by
    // both workers.
    bounded(2, || {
        let runs = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let joined = crate::multi_thread::block_on_threads(2, {
            let runs = runs.clone();
            async move {
                let task = |i: usize| {
                    let runs = runs.clone();
                    crate::multi_thread::spawn(async move {
                        runs[i].fetch_add(1, Ordering::SeqCst);
                    })
                };
                let (first, second) = (task(0), task(1));
                (first.await, second.await)
            }
        });
        assert_eq!(joined, (Ok(()), Ok(())));
        for (i, count) in runs.iter().enumerate() {
            let count = count.load(Ordering::SeqCst);
            assert_eq!(count, 1, "task {i} ran {count} times");
        }
    });
}

#[test]
fn a_handle_awaited_while_its_task_blocks_lets_the_worker_go_on() {
    // Stage 7's barrier, in miniature. `first`'s poll blocks its worker
    // until `second` has run; worker 0 spawns both and awaits `first`'s
    // handle. Whichever worker polls `first`, the other must run
    // `second`: steal it, or, if that is worker 0, reach it after reading
    // the handle. If reading the handle waits for `first`'s poll (the
    // task's lock held across the poll), both workers block: a deadlock.
    bounded(2, || {
        let met = Arc::new((Mutex::new(false), loom::sync::Condvar::new()));
        let joined = crate::multi_thread::block_on_threads(2, {
            let met = met.clone();
            async move {
                let first = crate::multi_thread::spawn({
                    let met = met.clone();
                    async move {
                        let (flag, changed) = &*met;
                        let mut flag = flag.lock().unwrap();
                        while !*flag {
                            flag = changed.wait(flag).unwrap();
                        }
                    }
                });
                let second = crate::multi_thread::spawn(async move {
                    let (flag, changed) = &*met;
                    *flag.lock().unwrap() = true;
                    changed.notify_one();
                });
                (first.await, second.await)
            }
        });
        assert_eq!(joined, (Ok(()), Ok(())));
    });
}
