//! Stage 3: a task queue. `spawn` puts a future in a queue of ready tasks;
//! `block_on` polls the main future and every ready task until the main
//! future is done, and parks the thread when nothing is ready.
//!
//! One task is one allocation, an `Arc<Task<F>>`: the same allocation is the
//! queue entry (`Arc<dyn Runnable>`), the waker (`std::task::Wake`) and what
//! the `JoinHandle` points at (`Arc<dyn Join<T>>`).

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use crate::timer::Timers;

// ANCHOR: shared
/// What the wakers share with the loop: the queue of tasks ready to be
/// polled, and the thread to unpark when one is added.
struct Shared {
    queue: Mutex<Queue>,
    thread: Thread,
}

struct Queue {
    ready: VecDeque<Arc<dyn Runnable>>,
    /// Set when `block_on` returns: from then on a wake cancels the task.
    closed: bool,
}

/// A task, type-erased, as the queue sees it.
trait Runnable: Send + Sync {
    fn run(self: Arc<Self>);
    /// Drops the future now, if no poll holds it (used once closed).
    fn cancel_now(&self);
}

impl Shared {
    /// Puts a task at the back of the queue and wakes the loop's thread.
    fn push(&self, task: Arc<dyn Runnable>) {
        let mut queue = lock(&self.queue);
        if queue.closed {
            drop(queue);
            task.cancel_now(); // nobody will ever poll it again
            return;
        }
        queue.ready.push_back(task);
        drop(queue);
        // Cheap when the thread is not parked: it only leaves a token, and
        // the loop's next `park` returns at once (a harmless extra turn).
        self.thread.unpark();
    }
}
// ANCHOR_END: shared

// ANCHOR: task
/// A spawned future and everything about it, in one allocation.
struct Task<F: Future> {
    /// True while the task is in the queue: a second wake does not queue
    /// it twice.
    scheduled: AtomicBool,
    /// Set by `JoinHandle::cancel`; the next run drops the future.
    cancel_requested: AtomicBool,
    executor: Arc<Shared>,
    state: Mutex<State<F>>,
}

struct State<F: Future> {
    stage: Stage<F>,
    /// The waker of whoever awaits the `JoinHandle`.
    join_waker: Option<Waker>,
}

enum Stage<F: Future> {
    Running(F),
    Finished(Result<F::Output, JoinError>),
    /// The output was handed to the `JoinHandle`.
    Taken,
}

impl<F> Wake for Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send,
{
    fn wake(self: Arc<Self>) {
        // Only the first wake after a poll queues the task.
        if !self.scheduled.swap(true, Ordering::AcqRel) {
            self.executor.clone().push(self);
        }
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.scheduled.swap(true, Ordering::AcqRel) {
            self.executor.push(self.clone());
        }
    }
}
// ANCHOR_END: task

// ANCHOR: run
impl<F> Runnable for Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send,
{
    fn run(self: Arc<Self>) {
        // Cleared before polling, so that a wake during the poll queues the
        // task again instead of being lost.
        self.scheduled.store(false, Ordering::Release);
        let waker = Waker::from(self.clone());
        let mut cx = Context::from_waker(&waker);

        let mut state = lock(&self.state);
        let Stage::Running(future) = &mut state.stage else {
            return; // finished (cancelled) while it sat in the queue
        };
        if self.cancel_requested.load(Ordering::Acquire) {
            return finish(state, Err(JoinError::Cancelled));
        }
        // SAFETY: the future lives inside the task's `Arc` allocation, which
        // never moves, and it is never moved out of `Stage::Running`: it is
        // only polled here and dropped in place when `stage` is assigned.
        // That is the pinning guarantee (tested by
        // `a_spawned_future_never_moves`).
        #[allow(unsafe_code)]
        let future = unsafe { Pin::new_unchecked(future) };
        let result = match catch_unwind(AssertUnwindSafe(|| future.poll(&mut cx))) {
            Ok(Poll::Pending) => return,
            Ok(Poll::Ready(output)) => Ok(output),
            Err(panic) => Err(JoinError::Panicked(panic_message(&*panic))),
        };
        finish(state, result);
    }

    fn cancel_now(&self) {
        // `try_lock`: if the state is locked, this very task is being polled
        // or dropped right now (its own drop woke it), and needs no help.
        if let Ok(state) = self.state.try_lock()
            && let Stage::Running(_) = state.stage
        {
            finish(state, Err(JoinError::Cancelled));
        }
    }
}

/// Records a task's result, which drops its future in place, and wakes
/// whoever awaits its `JoinHandle`.
fn finish<F: Future>(mut state: MutexGuard<'_, State<F>>, result: Result<F::Output, JoinError>) {
    state.stage = Stage::Finished(result);
    let join_waker = state.join_waker.take();
    drop(state); // the awaiting task may run on another thread and lock it
    if let Some(waker) = join_waker {
        waker.wake();
    }
}
// ANCHOR_END: run

// ANCHOR: join_handle
/// Awaiting it gives the task's output, or why there is none.
///
/// Dropping it detaches the task: it keeps running.
pub struct JoinHandle<T> {
    task: Arc<dyn Join<T>>,
}

/// Why a task has no output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinError {
    /// The task panicked; the panic's message.
    Panicked(String),
    /// `JoinHandle::cancel` was called, or `block_on` ended first.
    Cancelled,
}

/// The side of a task that its `JoinHandle` sees.
trait Join<T>: Send + Sync {
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<T, JoinError>>;
    fn request_cancel(self: Arc<Self>);
}

impl<F> Join<F::Output> for Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send,
{
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<F::Output, JoinError>> {
        let mut state = lock(&self.state);
        match state.stage {
            Stage::Running(_) => {
                match &mut state.join_waker {
                    Some(waker) => waker.clone_from(cx.waker()),
                    None => state.join_waker = Some(cx.waker().clone()),
                }
                Poll::Pending
            }
            // Checked first: moving out a `Running` stage would move the
            // pinned future.
            Stage::Finished(_) => match mem::replace(&mut state.stage, Stage::Taken) {
                Stage::Finished(result) => Poll::Ready(result),
                _ => unreachable!("the stage was Finished"),
            },
            Stage::Taken => panic!("JoinHandle polled after it returned Ready"),
        }
    }

    fn request_cancel(self: Arc<Self>) {
        // The executor's thread drops the future on the task's next run, so
        // a cancel from any thread never races with a poll in progress.
        self.cancel_requested.store(true, Ordering::Release);
        self.wake();
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.task.poll_join(cx)
    }
}

impl<T> JoinHandle<T> {
    /// Cancels the task: on its next turn its future is dropped instead of
    /// polled, stopping it at the `.await` where it waits. Awaiting the
    /// handle then gives `Cancelled` (or the output, if it finished first).
    pub fn cancel(&self) {
        self.task.clone().request_cancel();
    }
}
// ANCHOR_END: join_handle

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JoinHandle { .. }")
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(message) => write!(f, "task panicked: {message}"),
            JoinError::Cancelled => f.write_str("task was cancelled"),
        }
    }
}

impl std::error::Error for JoinError {}

/// The text of a panic, if it was a string (it almost always is).
fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a non-string payload".to_string()
    }
}

/// Locks a mutex. Polls run inside `catch_unwind` while the lock is held,
/// so a panicking task cannot poison it; a poisoned lock is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

// ANCHOR: current
/// The executor of the `block_on` running on this thread, if any: `spawn`
/// and `sleep` find it here, the way asyncio's `get_running_loop()` does.
struct Current {
    shared: Arc<Shared>,
    timers: Timers,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

fn with_current<R>(what: &str, f: impl FnOnce(&mut Current) -> R) -> R {
    CURRENT.with_borrow_mut(|current| match current {
        Some(current) => f(current),
        None => panic!("{what} must run inside step04_executor::block_on"),
    })
}

/// Runs `f` with this thread's timer heap (for `timer::Sleep`).
pub(crate) fn with_timers<R>(f: impl FnOnce(&mut Timers) -> R) -> R {
    with_current("sleep", |current| f(&mut current.timers))
}
// ANCHOR_END: current

// ANCHOR: spawn
/// Starts `future` as a task of the running `block_on`, like asyncio's
/// `create_task`: it is queued at once and runs when the loop gets to it.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let executor = with_current("spawn", |current| current.shared.clone());
    let task = Arc::new(Task {
        scheduled: AtomicBool::new(true),
        cancel_requested: AtomicBool::new(false),
        executor: executor.clone(),
        state: Mutex::new(State {
            stage: Stage::Running(future),
            join_waker: None,
        }),
    });
    executor.push(task.clone());
    JoinHandle { task }
}
// ANCHOR_END: spawn

// ANCHOR: block_on
/// The main future's waker: sets a flag and unparks the loop.
struct MainWaker {
    woken: AtomicBool,
    thread: Thread,
}

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

/// Runs `main` and every task it spawns on this thread until `main` is done,
/// like `asyncio.run`. Tasks still unfinished then are cancelled.
pub fn block_on<F: Future>(main: F) -> F::Output {
    let shared = Arc::new(Shared {
        queue: Mutex::new(Queue {
            ready: VecDeque::new(),
            closed: false,
        }),
        thread: thread::current(),
    });
    let _running = Running::enter(shared.clone());
    let main_waker = Arc::new(MainWaker {
        woken: AtomicBool::new(true), // poll it once to start
        thread: thread::current(),
    });
    let waker = Waker::from(main_waker.clone());
    let mut cx = Context::from_waker(&waker);
    let mut main = pin!(main);
    let mut batch = VecDeque::new();

    loop {
        if main_waker.woken.swap(false, Ordering::AcqRel)
            && let Poll::Ready(output) = main.as_mut().poll(&mut cx)
        {
            return output;
        }
        // Take every ready task in one lock; tasks woken meanwhile wait for
        // the next turn, so the main future gets a turn between batches.
        mem::swap(&mut batch, &mut lock(&shared.queue).ready);
        let ran_tasks = !batch.is_empty();
        while let Some(task) = batch.pop_front() {
            task.run();
        }
        let next_deadline = with_timers(Timers::wake_due);
        if !ran_tasks && !main_waker.woken.load(Ordering::Acquire) {
            // Nothing to do: sleep until a wake (which unparks us) or until
            // the next timer is due. A spurious return only costs a turn.
            match next_deadline {
                Some(deadline) => thread::park_timeout(coarse(deadline - Instant::now())),
                None => thread::park(),
            }
        }
    }
}
/// Rounds a wait up to a whole millisecond, like asyncio's epoll selector:
/// timers due within the same millisecond then fire after one wake-up
/// instead of one each, at the price of firing up to 1 ms late.
fn coarse(wait: Duration) -> Duration {
    Duration::from_millis(wait.as_micros().div_ceil(1000) as u64)
}
// ANCHOR_END: block_on

// ANCHOR: shutdown
/// Installs the executor in `CURRENT`; on drop (a normal return or a panic
/// of the main future) closes it and cancels every task it can reach.
struct Running;

impl Running {
    fn enter(shared: Arc<Shared>) -> Running {
        CURRENT.with_borrow_mut(|current| {
            assert!(current.is_none(), "block_on inside block_on");
            *current = Some(Current {
                shared,
                timers: Timers::default(),
            });
        });
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let Some(Current { shared, timers }) = CURRENT.take() else {
            return;
        };
        let ready = {
            let mut queue = lock(&shared.queue);
            queue.closed = true;
            mem::take(&mut queue.ready)
        };
        // Outside the lock: dropping a future may wake other tasks.
        for task in ready {
            task.cancel_now();
        }
        // Tasks waiting for a timer are woken, which now cancels them.
        timers.wake_all();
    }
}
// ANCHOR_END: shutdown

// ANCHOR: yield_now
/// Lets the other ready tasks run before this one continues (asyncio:
/// `await asyncio.sleep(0)`). Works on any executor.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref(); // back of the queue
        Poll::Pending
    })
    .await;
}
// ANCHOR_END: yield_now

#[cfg(test)]
mod tests {
    use std::marker::PhantomPinned;
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc;
    use std::time::Duration;

    use futures::channel::oneshot;

    use super::*;
    use crate::sleep;

    /// Sets its flag when dropped: shows that a future was dropped.
    struct DropFlag(Arc<AtomicBool>);

    impl Drop for DropFlag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_join_handle_gives_the_tasks_output() {
        let output = block_on(async { spawn(async { 6 * 7 }).await });
        assert_eq!(output, Ok(42));
    }

    #[test]
    fn tasks_run_in_the_order_they_were_spawned() {
        let order = Arc::new(Mutex::new(Vec::new()));
        block_on(async {
            let handles: Vec<_> = (0..5)
                .map(|i| {
                    let order = order.clone();
                    spawn(async move { order.lock().unwrap().push(i) })
                })
                .collect();
            for handle in handles {
                handle.await.unwrap();
            }
        });
        assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_task_woken_many_times_is_polled_once_more() {
        let polls = Arc::new(AtomicUsize::new(0));
        let counted = polls.clone();
        block_on(async move {
            let mut first = true;
            spawn(std::future::poll_fn(move |cx| {
                counted.fetch_add(1, Ordering::SeqCst);
                if !first {
                    return Poll::Ready(());
                }
                first = false;
                for _ in 0..10 {
                    cx.waker().wake_by_ref(); // ten wakes, one queue entry
                }
                Poll::Pending
            }))
            .await
            .unwrap();
        });
        assert_eq!(polls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_panicking_task_is_reported_and_the_others_go_on() {
        let (panicked, fine) = block_on(async {
            let bad = spawn(async { panic!("boom") });
            let good = spawn(async {
                yield_now().await;
                "still here"
            });
            (bad.await, good.await)
        });
        assert_eq!(panicked, Err(JoinError::Panicked("boom".to_string())));
        assert_eq!(fine, Ok("still here"));
    }

    #[test]
    fn a_cancelled_task_is_dropped_where_it_waits() {
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = DropFlag(dropped.clone());
        let result = block_on(async move {
            let handle = spawn(async move {
                let _flag = flag;
                std::future::pending::<()>().await;
            });
            yield_now().await; // let it start and wait
            handle.cancel();
            handle.await
        });
        assert_eq!(result, Err(JoinError::Cancelled));
        assert!(dropped.load(Ordering::SeqCst));
    }

    #[test]
    fn a_cancel_from_another_thread_stops_a_busy_task() {
        let result = block_on(async {
            let busy = spawn(async {
                loop {
                    yield_now().await; // polled again and again
                }
            });
            let (sender, receiver) = oneshot::channel();
            thread::spawn(move || {
                busy.cancel();
                sender.send(busy).unwrap();
            });
            receiver.await.unwrap().await
        });
        assert_eq!(result, Err(JoinError::Cancelled));
    }

    #[test]
    fn unfinished_tasks_are_cancelled_when_block_on_returns() {
        let waiting = Arc::new(AtomicBool::new(false));
        let sleeping = Arc::new(AtomicBool::new(false));
        let queued = Arc::new(AtomicBool::new(false));
        let (waiting_flag, sleeping_flag, queued_flag) = (
            DropFlag(waiting.clone()),
            DropFlag(sleeping.clone()),
            DropFlag(queued.clone()),
        );
        let (sender, receiver) = oneshot::channel::<()>();
        block_on(async move {
            spawn(async move {
                let _flag = waiting_flag;
                let _ = receiver.await; // woken only by the sender, later
            });
            spawn(async move {
                let _flag = sleeping_flag;
                // Far longer than the test: only block_on's end stops it.
                sleep(Duration::from_secs(30)).await;
            });
            yield_now().await;
            spawn(async move {
                let _flag = queued_flag; // never polled at all
            });
        });
        assert!(sleeping.load(Ordering::SeqCst), "the timer heap cancels it");
        assert!(queued.load(Ordering::SeqCst), "the queue cancels it");
        assert!(!waiting.load(Ordering::SeqCst), "nothing has woken it yet");
        // A wake after the end cancels instead of queueing, from any thread.
        thread::spawn(move || drop(sender)).join().unwrap();
        assert!(waiting.load(Ordering::SeqCst));
    }

    #[test]
    fn a_detached_task_keeps_running() {
        let (sender, receiver) = oneshot::channel();
        let got = block_on(async move {
            drop(spawn(async move {
                yield_now().await;
                sender.send("done").unwrap();
            }));
            receiver.await
        });
        assert_eq!(got, Ok("done"));
    }

    /// A future that must not move once polled (it is `!Unpin`): it checks
    /// that its address stays the same across polls and until its drop.
    struct StaysPut {
        address: Option<usize>,
        polls: u32,
        _pinned: PhantomPinned,
    }

    impl Future for StaysPut {
        type Output = u32;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            let here = &*self as *const StaysPut as usize;
            // SAFETY: nothing is moved out; only plain fields are updated.
            #[allow(unsafe_code)]
            let this = unsafe { self.get_unchecked_mut() };
            assert_eq!(*this.address.get_or_insert(here), here, "it moved");
            this.polls += 1;
            if this.polls == 3 {
                return Poll::Ready(this.polls);
            }
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    impl Drop for StaysPut {
        fn drop(&mut self) {
            let here = self as *const StaysPut as usize;
            if let Some(address) = self.address {
                assert_eq!(address, here, "moved before being dropped");
            }
        }
    }

    #[test]
    fn a_spawned_future_never_moves() {
        let polls = block_on(async {
            spawn(StaysPut {
                address: None,
                polls: 0,
                _pinned: PhantomPinned,
            })
            .await
        });
        assert_eq!(polls, Ok(3));
    }

    #[test]
    fn no_task_is_lost_when_woken_from_other_threads() {
        let total = block_on(async {
            let handles: Vec<_> = (0..100u64)
                .map(|i| {
                    let (sender, receiver) = oneshot::channel();
                    thread::spawn(move || {
                        thread::sleep(Duration::from_millis(i % 7));
                        sender.send(i).unwrap();
                    });
                    spawn(async move { receiver.await.unwrap() })
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
    /// `target`.
    struct Tickets {
        count: AtomicUsize,
        waker: Mutex<Option<Waker>>,
    }

    #[test]
    fn many_threads_waking_many_tasks_finish_in_bounded_time() {
        const TASKS: usize = 50;
        const THREADS: usize = 8;
        const PER_THREAD: usize = 200;
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            let sum = block_on(async {
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
                        spawn(std::future::poll_fn(move |cx| {
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

    #[test]
    #[should_panic(expected = "spawn must run inside step04_executor::block_on")]
    fn spawn_outside_block_on_panics_with_a_clear_message() {
        drop(spawn(async {}));
    }

    #[test]
    fn yield_now_lets_other_tasks_run_first() {
        let order = Arc::new(Mutex::new(Vec::new()));
        block_on(async {
            let a = order.clone();
            let b = order.clone();
            let first = spawn(async move {
                a.lock().unwrap().push("a1");
                yield_now().await;
                a.lock().unwrap().push("a2");
            });
            let second = spawn(async move { b.lock().unwrap().push("b") });
            first.await.unwrap();
            second.await.unwrap();
        });
        assert_eq!(*order.lock().unwrap(), ["a1", "b", "a2"]);
    }
}
