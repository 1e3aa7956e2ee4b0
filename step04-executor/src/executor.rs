//! The executor: `block_on`, `spawn`, and the queues of tasks ready to run.
//!
//! This is stage 5's executor, tuned (the chapter's final stage). Stage 3
//! kept one queue behind a mutex, and every wake took the lock and
//! unparked the loop's thread. Most wakes, though, come from the loop's own
//! thread: a task that sends on a channel wakes the receiving task, a timer
//! wakes its sleeper, a task that yields wakes itself. So there are two
//! queues, as in asyncio (`call_soon` and `call_soon_threadsafe`) and in
//! tokio's current-thread runtime:
//!
//! - `Local::ready`, touched only by the loop's thread: no lock, no unpark;
//! - `Shared::remote`, behind a mutex, for wakes from other threads (a
//!   reactor, a helper thread), which then unpark the loop.
//!
//! What the tuning left alone (`spawn`'s shape, the main future's waker,
//! in `main_waker.rs` since stage 7's executor shares it) reads as it
//! does in the stages' executors (`examples/stages/`), copies
//! kept on purpose: the stages are the version to read, this the version
//! to measure.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::mem;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use crate::inbox::Inbox;
use crate::live::Live;
use crate::main_waker::MainWaker;
use crate::sync::{
    AtomicBool, Mutex, Ordering, Thread, current_thread, lock, park, park_timeout,
    thread_local,
};
use crate::task::{self, JoinHandle, Schedule};
use crate::timer::Timers;

/// A task of this executor, as its queues hold it.
type Runnable = task::Runnable<Arc<Shared>>;

// ANCHOR: queues
/// What every waker can reach, from any thread.
struct Shared {
    /// Tasks woken on other threads, and whether the executor has ended.
    remote: Mutex<Inbox<Runnable>>,
    /// Set (after the push) when `remote` has tasks, so that the loop
    /// looks at the mutex only when another thread has used it.
    remote_pending: AtomicBool,
    /// The loop's thread, to unpark when another thread wakes a task.
    thread: Thread,
    /// Every task not finished yet, wherever it waits.
    live: Arc<Live<Arc<Shared>>>,
}

/// What only the loop's thread touches, found through `CURRENT`.
struct Local {
    shared: Arc<Shared>,
    /// Tasks ready to run, in the order they were woken or spawned.
    ready: RefCell<VecDeque<Runnable>>,
    timers: RefCell<Timers>,
}

thread_local! {
    /// The executor of the `block_on` running on this thread, if any:
    /// `spawn`, `sleep` and same-thread wakes find it here, the way
    /// asyncio's `get_running_loop()` finds the running loop. (Not a
    /// `const { }` initializer: loom's `thread_local!` takes none.)
    #[allow(clippy::missing_const_for_thread_local)]
    static CURRENT: RefCell<Option<Rc<Local>>> = RefCell::new(None);
}
// ANCHOR_END: queues

// ANCHOR: schedule
impl Schedule for Arc<Shared> {
    /// Where a wake sends a task of this executor.
    fn schedule(runnable: Runnable) {
        // `try_with`: a wake from a thread-local's destructor may come
        // after this thread's `CURRENT` is gone; it goes the remote way.
        let here = CURRENT.try_with(|current| current.borrow().clone());
        match here {
            Ok(Some(local)) if local.owns(&runnable) => {
                local.ready.borrow_mut().push_back(runnable);
            }
            _ => runnable.scheduler().clone().push_remote(runnable),
        }
    }
}

impl Shared {
    /// A wake from another thread (or after the end): lock, push, unpark.
    fn push_remote(&self, runnable: Runnable) {
        let pushed = lock(&self.remote).push(runnable); // unlocked again here
        if let Err(refused) = pushed {
            // Closed: nobody will run it again. Let go of it, no more: the
            // loop's thread cancels every unfinished task (a `spawn_local`
            // future must be dropped there), and the waker's caller may
            // hold a lock the task's drop takes. Outside our lock: it may
            // be the task's last reference, and its output's drop may
            // wake another task, which comes back here.
            drop(refused);
            return;
        }
        // Release: a loop that reads `true` (Acquire) and then locks
        // `remote` finds the task. Unparking a thread that is not parked
        // only leaves a token, so its next `park` returns at once.
        self.remote_pending.store(true, Ordering::Release);
        self.thread.unpark();
    }
}
// ANCHOR_END: schedule

impl Local {
    /// Whether `runnable` is a task of this executor.
    fn owns(&self, runnable: &Runnable) -> bool {
        Arc::ptr_eq(&self.shared, runnable.scheduler())
    }
}

/// Panics if this thread already runs an executor of this crate, of
/// either kind: the outer one's tasks would wait until the inner one
/// returns, and the inner one may be waiting for one of them, for ever
/// (tokio refuses the same, "Cannot start a runtime from within a
/// runtime"). Both `block_on`s call it.
pub(crate) fn refuse_nesting() {
    let running_here = CURRENT.with(|current| current.borrow().is_some())
        || crate::multi_thread::is_worker();
    assert!(
        !running_here,
        "block_on inside block_on: this thread already runs a step04 executor, \
         whose tasks would wait until the inner one returns"
    );
}

fn with_local<R>(what: &str, f: impl FnOnce(&Local) -> R) -> R {
    CURRENT.with(|current| match &*current.borrow() {
        Some(local) => f(local),
        None => panic!("{what} must run inside step04_executor::block_on"),
    })
}

/// Runs `f` with this thread's timers (for `timer::Sleep`): this
/// executor's, or those of the multi-threaded executor's worker.
pub(crate) fn with_timers<R>(f: impl FnOnce(&mut Timers) -> R) -> R {
    let here = CURRENT.with(|current| current.borrow().clone());
    match here {
        Some(local) => {
            let (result, released) = local.timers.borrow_mut().update(f);
            drop(released); // the timers are free again: see `Timers::update`
            result
        }
        None => crate::multi_thread::with_timers(f),
    }
}

/// Runs `f` with this thread's timers if it runs an executor and they
/// are not in use (for a `Sleep` dropped anywhere, at any time).
pub(crate) fn try_with_timers(f: impl FnOnce(&mut Timers)) {
    let here = CURRENT.try_with(|current| current.borrow().clone());
    match here {
        Ok(Some(local)) => {
            let released = match local.timers.try_borrow_mut() {
                Ok(mut timers) => timers.update(f).1,
                Err(_) => return,
            };
            drop(released); // the timers are free again: see `Timers::update`
        }
        Ok(None) => crate::multi_thread::try_with_timers(f),
        Err(_) => {}
    }
}

// ANCHOR: spawn
/// Starts `future` as a task of the running `block_on`, like asyncio's
/// `create_task`: it is queued at once and runs when the loop gets to it.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    with_local("spawn", |local| {
        let shared = &local.shared;
        let (runnable, handle) = shared.live.spawn(future, shared.clone());
        local.ready.borrow_mut().push_back(runnable);
        handle
    })
}
// ANCHOR_END: spawn

// ANCHOR: spawn_local
/// Starts `future`, which need not be `Send`, as a task of the running
/// `block_on` (tokio: `task::spawn_local` in a `LocalSet`; smol:
/// `LocalExecutor::spawn`). This executor polls and drops every task's
/// future on the one thread that runs `block_on`, so a future that holds
/// an `Rc` across an `.await` is safe here; the output still goes to
/// whoever awaits the handle, so it must be `Send`.
pub fn spawn_local<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: Send + 'static,
{
    with_local("spawn_local", |_| spawn(OnThisThread::new(future)))
}

/// A future that is not `Send`, boxed (so that it is `Unpin`) and tied to
/// the thread that created it: polling it anywhere else panics, dropping
/// it anywhere else aborts the process.
struct OnThisThread<F> {
    future: Pin<Box<F>>,
    thread: ThreadId,
}

impl<F: Future> OnThisThread<F> {
    fn new(future: F) -> Self {
        let thread = std::thread::current().id();
        OnThisThread {
            future: Box::pin(future),
            thread,
        }
    }

    fn on_its_thread(&self) -> bool {
        std::thread::current().id() == self.thread
    }
}

// SAFETY: `Send` lets the task hand the future to another thread, but it
// is only ever used on its own: the single-threaded executor polls every
// task on the thread of its `block_on` (wakes from other threads go
// through the remote queue), and drops every future there too (`run`, and
// the live list at the end; `push_remote` never cancels). The checks in
// `poll` and `drop` stop the program before a mistake could touch the
// future on another thread. Tested in tests/library.rs
// (`spawn_local_runs_a_future_that_holds_an_rc`,
// `a_spawn_local_task_is_dropped_at_home_and_a_late_wake_does_no_harm`).
#[allow(unsafe_code)]
unsafe impl<F> Send for OnThisThread<F> {}

impl<F: Future> Future for OnThisThread<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        assert!(
            self.on_its_thread(),
            "a spawn_local task polled on another thread"
        );
        self.future.as_mut().poll(cx)
    }
}

impl<F> Drop for OnThisThread<F> {
    fn drop(&mut self) {
        if std::thread::current().id() != self.thread {
            eprintln!("a spawn_local task dropped on another thread: aborting");
            std::process::abort();
        }
    }
}
// ANCHOR_END: spawn_local

// ANCHOR: block_on
/// Runs `main` and every task it spawns on this thread until `main` is done,
/// like `asyncio.run`. Then every task still unfinished is cancelled,
/// wherever it waits: its future is dropped before `block_on` returns, and
/// its `JoinHandle` gives `Cancelled`. Panics inside another `block_on` of
/// this crate, of either kind: a thread runs one executor at a time.
pub fn block_on<F: Future>(main: F) -> F::Output {
    let running = Running::enter();
    let local = &running.local;
    let main_waker = MainWaker::for_this_thread();
    let waker = Waker::from(main_waker.clone());
    let mut cx = Context::from_waker(&waker);
    let mut main = pin!(main);

    loop {
        if main_waker.take_wake()
            && let Poll::Ready(output) = main.as_mut().poll(&mut cx)
        {
            return output;
        }
        let ran_tasks = local.run_ready();
        let next_deadline = local.timers.borrow_mut().wake_due();
        if !ran_tasks && local.is_idle(&main_waker) {
            // Nothing to do: sleep until a wake from another thread (which
            // unparks us) or until the next timer is due. A spurious
            // return from `park` only costs a turn.
            match next_deadline {
                Some(deadline) => park_timeout(coarse(deadline - Instant::now())),
                None => park(),
            }
        }
    }
}

// ANCHOR_END: block_on

// ANCHOR: run_ready
/// How many tasks a turn runs at most before the loop looks at the main
/// future, the timers and the other threads' wakes again. tokio's
/// current-thread runtime uses the same number (its `event_interval`).
const TASKS_PER_TURN: usize = 61;

impl Local {
    /// Runs ready tasks, in order, up to `TASKS_PER_TURN`; tasks woken
    /// meanwhile join the back of the queue and may run in the same turn.
    /// Stage 3 ran only the tasks ready at the start of a turn (asyncio's
    /// `_run_once` runs `len(self._ready)` callbacks); when two tasks wake
    /// each other, that costs a whole turn of the loop per wake.
    fn run_ready(&self) -> bool {
        // A load first: most turns no other thread woke anything, and a
        // load is cheaper than a swap. Acquire pairs with `push_remote`.
        if self.shared.remote_pending.load(Ordering::Relaxed)
            && self.shared.remote_pending.swap(false, Ordering::Acquire)
        {
            let woken_elsewhere = lock(&self.shared.remote).take_all();
            self.ready.borrow_mut().extend(woken_elsewhere);
        }
        let mut ran = 0;
        while ran < TASKS_PER_TURN {
            // The borrow ends before `run`: the task may wake tasks, which
            // pushes onto this very queue.
            let Some(runnable) = self.ready.borrow_mut().pop_front() else {
                break;
            };
            runnable.run();
            ran += 1;
        }
        ran > 0
    }
    // ANCHOR_END: run_ready

    /// Whether the loop may park: no task queued (a timer just fired, or a
    /// task woke another), and the main future not woken.
    fn is_idle(&self, main_waker: &MainWaker) -> bool {
        self.ready.borrow().is_empty()
            && !self.shared.remote_pending.load(Ordering::Acquire)
            && !main_waker.is_woken()
    }
}

/// Rounds a wait up to a whole millisecond, like asyncio's epoll selector:
/// timers due within the same millisecond then fire after one wake-up
/// instead of one each, at the price of firing up to 1 ms late.
pub(crate) fn coarse(wait: Duration) -> Duration {
    Duration::from_millis(wait.as_micros().div_ceil(1000) as u64)
}

// ANCHOR: shutdown
/// Installs the executor in `CURRENT`; on drop (a normal return or a panic
/// of the main future) closes it and cancels every live task.
struct Running {
    local: Rc<Local>,
}

impl Running {
    fn enter() -> Running {
        refuse_nesting();
        let local = Rc::new(Local {
            shared: Arc::new(Shared {
                remote: Mutex::new(Inbox::new()),
                remote_pending: AtomicBool::new(false),
                thread: current_thread(),
                live: Arc::default(),
            }),
            ready: RefCell::new(VecDeque::new()),
            timers: RefCell::new(Timers::default()),
        });
        CURRENT.with(|current| *current.borrow_mut() = Some(local.clone()));
        Running { local }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        CURRENT.with(|current| current.borrow_mut().take());
        let shared = &self.local.shared;
        let woken_elsewhere = lock(&shared.remote).close();
        // Outside every lock and borrow: dropping a future may wake other
        // tasks, and those wakes are now refused (`push_remote`); each is
        // cancelled here in its turn.
        shared.live.cancel_all();
        // All cancelled by now: what is left in the queues and the timers
        // is only references to finished tasks.
        let queued = mem::take(&mut *self.local.ready.borrow_mut());
        drop((queued, woken_elsewhere));
        let timers = mem::take(&mut *self.local.timers.borrow_mut());
        drop(timers); // outside the borrow: see `Timers::update`
    }
}
// ANCHOR_END: shutdown
