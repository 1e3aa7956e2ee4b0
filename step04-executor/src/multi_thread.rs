//! Stage 7: the executor on many threads, tokio's multi-thread runtime in
//! miniature. `block_on_threads(n, main)` runs `main` on the calling
//! thread, which is worker 0, and starts `n - 1` more workers; every
//! worker runs tasks, and a task may run on a different worker after each
//! wake.
//!
//! The timers (`timer.rs`), the reactor and the list of live tasks
//! (`live.rs`) are stage 6's, unchanged, and so is the task (`task.rs`),
//! `Send + Sync` from the start, but for one change: reading its
//! `JoinHandle` no longer waits for a poll on another worker. The queues
//! and the parking are new. Where a task goes:
//!
//! - spawned, or woken on a worker of this executor: that worker's local
//!   queue (no other worker looks at it, except to steal);
//! - woken on any other thread (a reactor, a helper thread): the shared
//!   injector queue;
//! - a worker with nothing to do takes from the injector, then steals
//!   half of another worker's local queue, then parks.
//!
//! Every queue is a `VecDeque` behind a `Mutex`: std only, rather than
//! crossbeam-deque's lock-free deque (which tokio's own queue resembles),
//! so that every line can be read here and every interleaving checked by
//! loom (`loom_tests.rs`), which sees only the operations of `sync.rs`.
//! The price is a lock per push and pop, uncontended unless a thief is
//! at work; the benchmark shows what it costs.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::mem;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use crate::executor::coarse;
use crate::inbox::Inbox;
use crate::live::Live;
use crate::main_waker::MainWaker;
use crate::sync::{
    AtomicBool, AtomicUsize, Mutex, Ordering, Thread, ThreadHandle, current_thread,
    lock, park, park_timeout, spawn_thread, thread_local, try_lock,
};
use crate::task::{JoinHandle, Schedule};
use crate::timer::Timers;

/// A task of this executor, as its queues hold it.
type Runnable = crate::task::Runnable<Arc<Shared>>;

// ANCHOR: shared
/// What every worker, and every waker, can reach.
struct Shared {
    /// Tasks woken on threads that are not workers, and whether the
    /// executor has ended.
    injector: Mutex<Inbox<Runnable>>,
    /// How many tasks wait in the injector, read without its lock: a
    /// worker looks at the lock only when there is something behind it.
    injected: AtomicUsize,
    /// Each worker's local queue, by worker index.
    locals: Box<[Mutex<VecDeque<Runnable>>]>,
    /// Parked workers (index and thread), and how many there are.
    idle: Mutex<Vec<(usize, Thread)>>,
    idle_count: AtomicUsize,
    /// Per worker: set by the `notify` that took it off `idle`, before
    /// the unpark. The worker looks at it last before it parks, so a
    /// notify is never lost, even where an unpark's token is (loom drops
    /// one that reaches a thread blocked on a mutex; `std` keeps it).
    notified: Box<[AtomicBool]>,
    /// Worker threads still in their loop (the loom models wait for
    /// zero before they join them).
    running: AtomicUsize,
    /// One timer driver for all workers.
    timers: Mutex<Timers>,
    /// Every task not finished yet, wherever it waits.
    live: Arc<Live<Arc<Shared>>>,
    /// Set when the main future is done: every worker stops.
    shutdown: AtomicBool,
}

/// One worker, as its own thread sees it (through `WORKER`).
struct Worker {
    shared: Arc<Shared>,
    index: usize,
    /// Tasks run so far, to look at the injector now and then.
    ticks: Cell<u32>,
}

thread_local! {
    /// The worker this thread is, if any (`spawn`, `sleep` and wakes on a
    /// worker find it here).
    #[allow(clippy::missing_const_for_thread_local)]
    static WORKER: RefCell<Option<Rc<Worker>>> = RefCell::new(None);
}
// ANCHOR_END: shared

// ANCHOR: schedule
impl Schedule for Arc<Shared> {
    /// A wake on a worker of this executor queues the task on that
    /// worker; any other wake goes to the injector.
    fn schedule(runnable: Runnable) {
        let here = WORKER.try_with(|worker| worker.borrow().clone());
        match here {
            Ok(Some(worker)) if Arc::ptr_eq(&worker.shared, runnable.scheduler()) => {
                worker.push_woken(runnable);
            }
            _ => runnable.scheduler().clone().push_remote(runnable),
        }
    }
}

impl Worker {
    /// A spawn: another worker may start it at once.
    fn push_local(&self, runnable: Runnable) {
        lock(&self.shared.locals[self.index]).push_back(runnable);
        self.shared.notify_one();
    }
}

impl Shared {
    fn push_remote(&self, runnable: Runnable) {
        let mut injector = lock(&self.injector);
        if let Err(refused) = injector.push(runnable) {
            drop(injector);
            // Closed: nobody will run it again. Let go of it, no more: the
            // end cancels every unfinished task itself, while this wake
            // may come from inside a drop that holds a lock (a channel's)
            // which the task's own drop would take again.
            drop(refused);
            return;
        }
        self.injected.fetch_add(1, Ordering::Release);
        drop(injector);
        self.notify_one();
    }
}
// ANCHOR_END: schedule

impl Worker {
    /// A wake on this worker: if it is the only task waiting here, this
    /// worker runs it as soon as the current task returns, and unparking
    /// another worker would only make the two race for it. Two tasks that
    /// wake each other (a channel's two ends) then stay on one worker
    /// instead of crossing threads at every hop; tokio's "LIFO slot" is
    /// for the same. (A task that blocks its thread holds up the task it
    /// woke, as it does under tokio.)
    fn push_woken(&self, runnable: Runnable) {
        let waiting = {
            let mut queue = lock(&self.shared.locals[self.index]);
            queue.push_back(runnable);
            queue.len()
        };
        if waiting > 1 {
            self.shared.notify_one(); // more than this worker can start now
        }
    }
}

// ANCHOR: notify
impl Shared {
    /// After a push: unparks one parked worker, if any, to take the task.
    fn notify_one(&self) {
        // A read-modify-write, not a load: it reads the latest count in
        // the counter's order of changes. Either it comes after a
        // worker's `fetch_add` in `park_idle`, and finds it idle, or
        // before, and then that worker's `fetch_add` (Acquire) sees
        // this one (Release), with the push before it, and the worker
        // finds the task when it looks again.
        if self.idle_count.fetch_add(0, Ordering::AcqRel) == 0 {
            return; // every worker is awake, and will find the task
        }
        let parked = lock(&self.idle).pop();
        if let Some((index, thread)) = parked {
            self.idle_count.fetch_sub(1, Ordering::AcqRel);
            self.notified[index].store(true, Ordering::Release);
            thread.unpark();
        }
    }

    /// At the end: unparks every parked worker, to see `shutdown`.
    fn notify_all(&self) {
        let parked = mem::take(&mut *lock(&self.idle));
        self.idle_count.fetch_sub(parked.len(), Ordering::AcqRel);
        for (index, thread) in parked {
            self.notified[index].store(true, Ordering::Release);
            thread.unpark();
        }
    }
}
// ANCHOR_END: notify

// ANCHOR: find
/// How many tasks a turn runs at most before the worker looks at the
/// timers (and worker 0 at the main future), as in stage 6.
const TASKS_PER_TURN: usize = 61;

impl Worker {
    /// The next task to run: from this worker's queue (every 61st time
    /// from the injector first, so that wakes from other threads are not
    /// starved by tasks that keep waking each other), then the injector,
    /// then another worker's queue.
    fn next_task(&self) -> Option<Runnable> {
        let ticks = self.ticks.get().wrapping_add(1);
        self.ticks.set(ticks);
        if ticks.is_multiple_of(TASKS_PER_TURN as u32)
            && let Some(runnable) = self.take_injected()
        {
            return Some(runnable);
        }
        let local = lock(&self.shared.locals[self.index]).pop_front();
        local
            .or_else(|| self.take_injected())
            .or_else(|| self.steal())
    }

    /// One task from the injector, and a fair share of the rest moved to
    /// this worker's queue, so that it does not take the lock per task.
    fn take_injected(&self) -> Option<Runnable> {
        let shared = &self.shared;
        if shared.injected.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut injector = lock(&shared.injector);
        let waiting = injector.len();
        let share = (waiting / shared.locals.len() + 1).min(waiting).min(32);
        let taken = injector.take(share);
        shared.injected.fetch_sub(taken.len(), Ordering::Release);
        drop(injector);
        self.keep_all_but_first(taken)
    }

    /// Half of the first non-empty queue of another worker, the oldest
    /// tasks (the front), which its owner would run last.
    fn steal(&self) -> Option<Runnable> {
        let workers = self.shared.locals.len();
        for offset in 1..workers {
            let victim = &self.shared.locals[(self.index + offset) % workers];
            // Never two queue locks at once: two thieves stealing from
            // each other would deadlock.
            let stolen: Vec<Runnable> = {
                let mut queue = lock(victim);
                let half = queue.len().div_ceil(2);
                queue.drain(..half).collect()
            };
            if !stolen.is_empty() {
                return self.keep_all_but_first(stolen);
            }
        }
        None
    }

    fn keep_all_but_first(&self, tasks: Vec<Runnable>) -> Option<Runnable> {
        let mut tasks = tasks.into_iter();
        let first = tasks.next();
        if tasks.len() > 0 {
            lock(&self.shared.locals[self.index]).extend(tasks);
            self.shared.notify_one(); // more work than this worker alone
        }
        first
    }
}
// ANCHOR_END: find

// ANCHOR: work
impl Worker {
    /// The worker's loop: run tasks, fire timers, park when idle, until
    /// `stop` says so. `woken` says whether something only this worker
    /// sees (the main future, for worker 0) needs it awake.
    fn work(&self, mut stop: impl FnMut() -> bool, woken: impl Fn() -> bool) {
        while !stop() {
            let mut ran = 0;
            while ran < TASKS_PER_TURN {
                let Some(runnable) = self.next_task() else {
                    break;
                };
                runnable.run();
                ran += 1;
            }
            if ran == 0 && !woken() {
                self.park_idle(&woken);
            } else if let Some(mut timers) = try_lock(&self.shared.timers) {
                // Busy: fire what is due, if no other worker is at it.
                let due = take_due(&mut timers);
                drop(timers);
                due.into_iter().for_each(Waker::wake);
            }
        }
    }
}

/// The wakers of the timers due now, and the next deadline.
fn take_due_until(timers: &mut Timers) -> (Vec<Waker>, Option<Instant>) {
    let mut due = Vec::new();
    let next = match timers.read_clock() {
        Some(now) => timers.take_expired(now, &mut due),
        None => None,
    };
    (due, next)
}

fn take_due(timers: &mut Timers) -> Vec<Waker> {
    take_due_until(timers).0
}
// ANCHOR_END: work

// ANCHOR: park
impl Worker {
    /// Nothing to run: fire due timers; if none was due, register as idle,
    /// look for work once more, and park until a push unparks this worker
    /// or the next timer is due.
    fn park_idle(&self, woken: &impl Fn() -> bool) {
        let shared = &self.shared;
        let (due, next_deadline) = take_due_until(&mut lock(&shared.timers));
        if !due.is_empty() {
            due.into_iter().for_each(Waker::wake);
            return;
        }
        lock(&shared.idle).push((self.index, current_thread()));
        // Acquire: a push whose `notify_one` came first is visible below
        // (see `notify_one`).
        shared.idle_count.fetch_add(1, Ordering::AcqRel);
        let has_work = shared.injected.load(Ordering::Acquire) > 0
            || shared.locals.iter().any(|queue| !lock(queue).is_empty());
        // Flags last, after every lock: a wake that comes after them sets
        // a flag and then unparks, and the unpark leaves a token that
        // makes `park` return at once.
        if !has_work
            && !woken()
            && !shared.shutdown.load(Ordering::Acquire)
            && !shared.notified[self.index].swap(false, Ordering::Acquire)
        {
            match next_deadline {
                Some(deadline) => park_timeout(coarse(deadline - Instant::now())),
                None => park(),
            }
        }
        self.leave_idle();
    }
    // ANCHOR_END: park

    /// Takes this worker off the idle list, unless a `notify` already did.
    fn leave_idle(&self) {
        let mut idle = lock(&self.shared.idle);
        if let Some(at) = idle.iter().position(|(index, _)| *index == self.index) {
            idle.swap_remove(at);
            self.shared.idle_count.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

fn with_worker<R>(what: &str, f: impl FnOnce(&Worker) -> R) -> R {
    WORKER.with(|worker| match &*worker.borrow() {
        Some(worker) => f(worker),
        None => {
            panic!("{what} must run inside step04_executor::block_on (or multi_thread::block_on)")
        }
    })
}

/// Runs `f` with the workers' timers (for `timer::Sleep`).
pub(crate) fn with_timers<R>(f: impl FnOnce(&mut Timers) -> R) -> R {
    with_worker("sleep", |worker| {
        let (result, released) = lock(&worker.shared.timers).update(f);
        drop(released); // unlocked again: see `Timers::update`
        result
    })
}

/// Runs `f` with the workers' timers if this thread is a worker.
pub(crate) fn try_with_timers(f: impl FnOnce(&mut Timers)) {
    let worker = WORKER.try_with(|worker| worker.borrow().clone());
    if let Ok(Some(worker)) = worker {
        let (_, released) = lock(&worker.shared.timers).update(f);
        drop(released); // unlocked again: see `Timers::update`
    }
}

// ANCHOR: spawn
/// Starts `future` as a task of the running multi-threaded `block_on`.
/// Any worker may poll it, a different one after each wake: so the future
/// must be `Send`, and so must everything it holds across an `.await`.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    with_worker("spawn", |worker| {
        let shared = &worker.shared;
        let (runnable, handle) = shared.live.spawn(future, shared.clone());
        worker.push_local(runnable);
        handle
    })
}
// ANCHOR_END: spawn

/// Runs `main` and every task it spawns on as many threads as the
/// machine has cores (`std::thread::available_parallelism`).
pub fn block_on<F: Future>(main: F) -> F::Output {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    block_on_threads(threads, main)
}

// ANCHOR: block_on
/// Runs `main` on this thread, worker 0, and every task it spawns on
/// `threads` workers (this one and `threads - 1` new threads), until `main`
/// is done. Then every worker stops, and every task still unfinished is
/// cancelled, as in stage 6. Panics inside another `block_on` of this
/// crate, as stage 6's does.
pub fn block_on_threads<F: Future>(threads: usize, main: F) -> F::Output {
    assert!(threads > 0, "an executor needs at least one worker thread");
    let running = Running::start(threads);
    let worker = &running.worker;
    let main_waker = MainWaker::for_this_thread(); // worker 0's thread
    let waker = Waker::from(main_waker.clone());
    let mut cx = Context::from_waker(&waker);
    let mut main = pin!(main);
    let mut output = None;
    worker.work(
        || {
            if main_waker.take_wake()
                && let Poll::Ready(done) = main.as_mut().poll(&mut cx)
            {
                output = Some(done);
            }
            output.is_some()
        },
        || main_waker.is_woken(),
    );
    drop(running); // every worker stops, every task is cancelled
    output.expect("the loop ends when the main future is done")
}
// ANCHOR_END: block_on

// ANCHOR: shutdown
/// The workers of one `block_on`; on drop (a normal return or a panic of
/// the main future) stops them, waits for them, and cancels every task.
struct Running {
    worker: Rc<Worker>,
    threads: Vec<ThreadHandle<()>>,
}

impl Running {
    fn start(threads: usize) -> Running {
        let shared = Arc::new(Shared {
            injector: Mutex::new(Inbox::new()),
            injected: AtomicUsize::new(0),
            locals: (0..threads).map(|_| Mutex::default()).collect(),
            notified: (0..threads).map(|_| AtomicBool::new(false)).collect(),
            running: AtomicUsize::new(threads - 1),
            idle: Mutex::new(Vec::new()),
            idle_count: AtomicUsize::new(0),
            timers: Mutex::default(),
            live: Arc::default(),
            shutdown: AtomicBool::new(false),
        });
        let worker = enter(&shared, 0);
        let threads = (1..threads)
            .map(|index| {
                let shared = shared.clone();
                spawn_thread(move || {
                    let worker = enter(&shared, index);
                    worker.work(|| shared.shutdown.load(Ordering::Acquire), || false);
                    WORKER.with(|current| current.borrow_mut().take());
                    shared.running.fetch_sub(1, Ordering::Release);
                })
            })
            .collect();
        Running { worker, threads }
    }
}

/// Makes this thread worker `index` of `shared`.
fn enter(shared: &Arc<Shared>, index: usize) -> Rc<Worker> {
    crate::executor::refuse_nesting();
    let worker = Rc::new(Worker {
        shared: shared.clone(),
        index,
        ticks: Cell::new(0),
    });
    WORKER.with(|current| *current.borrow_mut() = Some(worker.clone()));
    worker
}

/// Whether this thread is a worker of a running multi-thread executor.
pub(crate) fn is_worker() -> bool {
    WORKER.with(|worker| worker.borrow().is_some())
}

impl Drop for Running {
    fn drop(&mut self) {
        WORKER.with(|current| current.borrow_mut().take());
        let shared = &self.worker.shared;
        shared.shutdown.store(true, Ordering::Release);
        shared.notify_all();
        // loom's `join` waits on the same notification as `park`: a late
        // unpark of this thread (the main future's waker, called by a
        // worker's last task) would confuse it. Wait until the workers
        // are out of their loops first (loom models only).
        #[cfg(step04_loom)]
        while shared.running.load(Ordering::Acquire) > 0 {
            loom::thread::yield_now();
        }
        for thread in self.threads.drain(..) {
            // A worker runs tasks inside `catch_unwind`: it does not panic.
            let _ = thread.join();
        }
        let injected = lock(&shared.injector).close();
        // No worker runs any more: every task is cancelled on this thread,
        // outside every lock (dropping a future may wake other tasks).
        shared.live.cancel_all();
        let queued: Vec<_> = shared
            .locals
            .iter()
            .map(|q| mem::take(&mut *lock(q)))
            .collect();
        drop((queued, injected));
        let timers = mem::take(&mut *lock(&shared.timers));
        drop(timers); // outside the lock: see `Timers::update`
    }
}
// ANCHOR_END: shutdown
