//! Stage 4: stage 3's executor and one timer driver for every `sleep`:
//! `cargo run -p step04-executor --example stage4_timers`.
//!
//! A copy of `stage3_tasks.rs` (std and `futures` only, so it also runs on
//! the playground) with a third module, `timer`, and the few lines of the
//! executor that drive it: `diff stage3_tasks.rs stage4_timers.rs` shows
//! exactly what timers take. The `task` module is unchanged.

// The modules are the whole executor; this demo does not call all of it
// (`yield_now`, for one).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::executor::{block_on, spawn};
use crate::timer::sleep;

/// A duration in whole milliseconds, rounded down to a multiple of 10 so
/// that runs print the same text.
fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis() / 10 * 10)
}

// ANCHOR: main
fn main() {
    let start = Instant::now();
    let log = Arc::new(Mutex::new(Vec::new()));
    block_on(async {
        // Spawned in one order, due in another.
        let handles: Vec<_> = [("c", 300), ("a", 100), ("d", 400), ("b", 200)]
            .into_iter()
            .map(|(name, ms)| {
                let log = log.clone();
                spawn(async move {
                    sleep(Duration::from_millis(ms)).await;
                    log.lock().unwrap().push(name);
                    println!("[{}] {name} woke up", millis(start.elapsed()));
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    println!("woken in deadline order: {:?}", log.lock().unwrap());
    // ANCHOR_END: main

    // ANCHOR: many_sleeps
    // Ten thousand sleeps on one thread, without a thread per sleep.
    let start = Instant::now();
    block_on(async {
        let handles: Vec<_> = (0..10_000)
            .map(|_| spawn(sleep(Duration::from_millis(200))))
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    println!(
        "10000 tasks slept 200 ms each, together, in {}",
        millis(start.elapsed())
    );
    // ANCHOR_END: many_sleeps

    // ANCHOR: timeout
    // A timeout by hand: give a slow task 100 ms, then cancel it.
    let start = Instant::now();
    let late = block_on(async {
        let slow = spawn(sleep(Duration::from_secs(10)));
        sleep(Duration::from_millis(100)).await;
        slow.cancel(); // dropped where it sleeps
        slow.await
    });
    println!(
        "a 10 s sleep cancelled after {}: {late:?}",
        millis(start.elapsed())
    );
}
// ANCHOR_END: timeout

mod task {
    //! A task: a spawned future, and what it takes to wake, cancel and join
    //! it, in one `Arc`. Whoever spawns it passes a `schedule` function; each
    //! wake calls it with the task as a `Runnable`, and what scheduling
    //! means is the executor's business.

    use std::any::Any;
    use std::future::Future;
    use std::mem;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::pin::Pin;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex, MutexGuard};
    use std::task::{Context, Poll, Wake, Waker};

    // ANCHOR: spawn_task
    /// Creates a task that runs `future`; `schedule` is called with the
    /// task's `Runnable` every time it is woken. The caller schedules the
    /// returned `Runnable` for the first poll.
    pub fn spawn<F, S>(future: F, schedule: S) -> (Runnable, JoinHandle<F::Output>)
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
        S: Fn(Runnable) + Send + Sync + 'static,
    {
        let task = Arc::new(Task {
            scheduled: AtomicBool::new(true), // the caller queues it
            cancel_requested: AtomicBool::new(false),
            schedule,
            state: Mutex::new(State {
                stage: Stage::Running(Box::pin(future)),
                join_waker: None,
            }),
        });
        (Runnable(task.clone()), JoinHandle { task })
    }
    // ANCHOR_END: spawn_task

    // ANCHOR: runnable
    /// A task due to be polled: what an executor keeps in its queue.
    pub struct Runnable(Arc<dyn Run>);

    impl Runnable {
        /// Polls the task once (or drops its future, if it was cancelled).
        pub fn run(self) {
            self.0.run();
        }

        /// Drops the task's future without polling it.
        pub fn cancel(self) {
            self.0.cancel_now();
        }
    }

    /// A task, type-erased, as a queue sees it.
    trait Run: Send + Sync {
        fn run(self: Arc<Self>);
        fn cancel_now(&self);
    }
    // ANCHOR_END: runnable

    // ANCHOR: task
    /// A spawned future and everything about it.
    struct Task<F: Future, S> {
        /// True from a wake until the poll that follows: a second wake in
        /// between does not queue the task twice.
        scheduled: AtomicBool,
        /// Set by `JoinHandle::cancel`; the next run drops the future.
        cancel_requested: AtomicBool,
        schedule: S,
        state: Mutex<State<F>>,
    }

    struct State<F: Future> {
        stage: Stage<F>,
        /// The waker of whoever awaits the `JoinHandle`.
        join_waker: Option<Waker>,
    }

    enum Stage<F: Future> {
        /// Boxed, so that it never moves: `poll` needs it pinned.
        Running(Pin<Box<F>>),
        Finished(Result<F::Output, JoinError>),
        /// The output was handed to the `JoinHandle`.
        Taken,
    }
    // ANCHOR_END: task

    // ANCHOR: wake
    impl<F, S> Wake for Task<F, S>
    where
        F: Future + Send + 'static,
        F::Output: Send,
        S: Fn(Runnable) + Send + Sync + 'static,
    {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }

        fn wake_by_ref(self: &Arc<Self>) {
            // Only the first wake after a poll queues the task. Release:
            // what the waker did before waking is visible to the run that
            // clears the flag with Acquire.
            if !self.scheduled.swap(true, Ordering::Release) {
                (self.schedule)(Runnable(self.clone()));
            }
        }
    }
    // ANCHOR_END: wake

    // ANCHOR: run
    impl<F, S> Run for Task<F, S>
    where
        F: Future + Send + 'static,
        F::Output: Send,
        S: Fn(Runnable) + Send + Sync + 'static,
    {
        fn run(self: Arc<Self>) {
            // Cleared before polling, so that a wake during the poll queues
            // the task again instead of being lost.
            self.scheduled.swap(false, Ordering::Acquire);
            let waker = Waker::from(self.clone());
            let mut cx = Context::from_waker(&waker);

            let mut state = lock(&self.state);
            let Stage::Running(future) = &mut state.stage else {
                return; // finished (cancelled) while it sat in the queue
            };
            if self.cancel_requested.load(Ordering::Relaxed) {
                return finish(state, Err(JoinError::Cancelled));
            }
            let result = match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx))) {
                Ok(Poll::Pending) => return,
                Ok(Poll::Ready(output)) => Ok(output),
                Err(panic) => Err(JoinError::Panicked(panic_message(&*panic))),
            };
            finish(state, result);
        }

        fn cancel_now(&self) {
            // `try_lock`: if the state is locked, this very task is being
            // polled or dropped right now, and needs no help.
            if let Ok(state) = self.state.try_lock()
                && let Stage::Running(_) = state.stage
            {
                finish(state, Err(JoinError::Cancelled));
            }
        }
    }
    // ANCHOR_END: run

    // ANCHOR: finish
    /// Records a task's result, which drops its future, and wakes whoever
    /// awaits its `JoinHandle`.
    fn finish<F: Future>(
        mut state: MutexGuard<'_, State<F>>,
        result: Result<F::Output, JoinError>,
    ) {
        state.stage = Stage::Finished(result);
        let join_waker = state.join_waker.take();
        drop(state); // the awaiting task may lock it
        if let Some(waker) = join_waker {
            waker.wake();
        }
    }
    // ANCHOR_END: finish

    // ANCHOR: join_handle
    /// Awaiting it gives the task's output, or why there is none.
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
    // ANCHOR_END: join_handle

    // ANCHOR: poll_join
    impl<F, S> Join<F::Output> for Task<F, S>
    where
        F: Future + Send + 'static,
        F::Output: Send,
        S: Fn(Runnable) + Send + Sync + 'static,
    {
        fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<F::Output, JoinError>> {
            let mut state = lock(&self.state);
            match mem::replace(&mut state.stage, Stage::Taken) {
                Stage::Finished(result) => Poll::Ready(result),
                Stage::Taken => panic!("JoinHandle polled after it returned Ready"),
                running => {
                    state.stage = running; // put back: moving a Box is fine
                    state.join_waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        }

        fn request_cancel(self: Arc<Self>) {
            // The loop drops the future on the task's next run, so a cancel
            // from any thread never races with a poll in progress.
            self.cancel_requested.store(true, Ordering::Relaxed);
            self.wake();
        }
    }
    // ANCHOR_END: poll_join

    // ANCHOR: join_handle_future
    impl<T> Future for JoinHandle<T> {
        type Output = Result<T, JoinError>;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            self.task.poll_join(cx)
        }
    }

    impl<T> JoinHandle<T> {
        /// Cancels the task: on its next turn its future is dropped instead
        /// of polled. Awaiting the handle then gives `Cancelled` (or the
        /// output, if it finished first).
        pub fn cancel(&self) {
            self.task.clone().request_cancel();
        }
    }
    // ANCHOR_END: join_handle_future

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

    /// Locks a mutex. A panicking poll is caught while the lock is held, so
    /// the lock cannot be poisoned; a poisoned lock is still usable.
    fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
        mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

mod executor {
    //! The executor: a queue of ready tasks behind a mutex, which every
    //! waker may push onto from any thread, and the loop that runs them.

    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::future::Future;
    use std::mem;
    use std::pin::pin;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex, MutexGuard};
    use std::task::{Context, Poll, Wake, Waker};
    use std::thread::{self, Thread};
    use std::time::Instant;

    use crate::task::{self, JoinHandle, Runnable};
    use crate::timer::Timers;

    // ANCHOR: shared
    /// What the wakers share with the loop: the queue of tasks ready to be
    /// polled, and the thread to unpark when one is added.
    struct Shared {
        queue: Mutex<Queue>,
        thread: Thread,
    }

    struct Queue {
        ready: VecDeque<Runnable>,
        /// Set when `block_on` returns: from then on a wake cancels the task.
        closed: bool,
    }

    impl Shared {
        /// Puts a task at the back of the queue and wakes the loop's thread.
        fn push(&self, runnable: Runnable) {
            let mut queue = lock(&self.queue);
            if queue.closed {
                drop(queue);
                runnable.cancel(); // nobody will ever run it again
                return;
            }
            queue.ready.push_back(runnable);
            drop(queue);
            // Cheap when the thread is not parked: it only leaves a token,
            // and the loop's next `park` returns at once.
            self.thread.unpark();
        }
    }
    // ANCHOR_END: shared

    // ANCHOR: current
    /// What the `block_on` running on this thread keeps where `spawn` and
    /// `sleep` can find it, the way asyncio's `get_running_loop()` finds
    /// the loop.
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
            None => panic!("{what} must run inside block_on"),
        })
    }

    /// Runs `f` with this thread's timers (for `timer::Sleep`).
    pub fn with_timers<R>(f: impl FnOnce(&mut Timers) -> R) -> R {
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
        let shared = with_current("spawn", |current| current.shared.clone());
        let for_wakes = shared.clone();
        let (runnable, handle) = task::spawn(future, move |runnable| for_wakes.push(runnable));
        shared.push(runnable);
        handle
    }
    // ANCHOR_END: spawn

    // ANCHOR: main_waker
    /// The main future's waker: a flag, and the thread to unpark.
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
    // ANCHOR_END: main_waker

    // ANCHOR: block_on
    /// Runs `main` and every task it spawns on this thread until `main` is
    /// done, like `asyncio.run`. Tasks still unfinished then are cancelled.
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
        // ANCHOR_END: block_on

        // ANCHOR: turn
        loop {
            if main_waker.woken.swap(false, Ordering::Acquire)
                && let Poll::Ready(output) = main.as_mut().poll(&mut cx)
            {
                return output;
            }
            // Take every ready task in one lock; tasks woken meanwhile wait
            // for the next turn, so the main future gets a turn in between.
            mem::swap(&mut batch, &mut lock(&shared.queue).ready);
            let ran_tasks = !batch.is_empty();
            while let Some(runnable) = batch.pop_front() {
                runnable.run();
            }
            let next_deadline = with_timers(|timers| timers.wake_due());
            if !ran_tasks && !main_waker.woken.load(Ordering::Acquire) {
                // Nothing to do: sleep until a wake unparks us, or until the
                // next timer is due. A spurious return from `park` only
                // costs a turn.
                match next_deadline {
                    Some(deadline) => {
                        thread::park_timeout(deadline.saturating_duration_since(Instant::now()))
                    }
                    None => thread::park(),
                }
            }
        }
    }
    // ANCHOR_END: turn

    // ANCHOR: shutdown
    /// Installs the executor in `CURRENT`; on drop (a normal return or a
    /// panic of the main future) closes it and cancels the queued tasks
    /// and the sleeping ones.
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
            for runnable in ready {
                runnable.cancel();
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

    fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
        mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

mod timer {
    //! One timer driver for every sleep: a binary heap of deadlines that
    //! the `block_on` loop consults between batches of tasks, to wake what
    //! is due and to know how long it may park. asyncio's loop keeps a
    //! `heapq` of its `TimerHandle`s for the same two jobs.

    use std::cmp::{Ordering, Reverse};
    use std::collections::BinaryHeap;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};
    use std::time::{Duration, Instant};

    use crate::executor::with_timers;

    // ANCHOR: timers
    /// Every pending deadline, with the waker to call, earliest on top.
    #[derive(Default)]
    pub struct Timers {
        heap: BinaryHeap<Reverse<Entry>>,
        /// Breaks ties between equal deadlines: first set, first woken.
        next_id: u64,
    }

    struct Entry {
        deadline: Instant,
        id: u64,
        waker: Waker,
    }
    // ANCHOR_END: timers

    // ANCHOR: timers_impl
    impl Timers {
        /// Remembers to call `waker` at `deadline`.
        pub fn add(&mut self, deadline: Instant, waker: Waker) {
            let id = self.next_id;
            self.next_id += 1;
            self.heap.push(Reverse(Entry {
                deadline,
                id,
                waker,
            }));
        }

        /// Wakes every timer that is due, earliest first, and returns the
        /// next deadline still pending: how long the loop may park.
        pub fn wake_due(&mut self) -> Option<Instant> {
            let now = Instant::now();
            loop {
                let Reverse(earliest) = self.heap.peek()?;
                if earliest.deadline > now {
                    return Some(earliest.deadline);
                }
                let Reverse(due) = self.heap.pop()?;
                due.waker.wake();
            }
        }

        /// Wakes every timer now (at shutdown).
        pub fn wake_all(self) {
            for Reverse(entry) in self.heap {
                entry.waker.wake();
            }
        }
    }
    // ANCHOR_END: timers_impl

    // Entries are ordered by (deadline, id); the waker takes no part.
    impl Ord for Entry {
        fn cmp(&self, other: &Self) -> Ordering {
            (self.deadline, self.id).cmp(&(other.deadline, other.id))
        }
    }

    impl PartialOrd for Entry {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }

    impl PartialEq for Entry {
        fn eq(&self, other: &Self) -> bool {
            self.cmp(other) == Ordering::Equal
        }
    }

    impl Eq for Entry {}

    // ANCHOR: sleep
    /// Waits until `duration` has passed (asyncio: `await asyncio.sleep(s)`).
    /// Must be polled inside `block_on`.
    pub fn sleep(duration: Duration) -> Sleep {
        sleep_until(Instant::now() + duration)
    }

    /// Waits until `deadline`: sleeps that must end in a set order count
    /// from one shared start, `sleep_until(start + ms)`.
    pub fn sleep_until(deadline: Instant) -> Sleep {
        Sleep {
            deadline,
            registered_with: None,
        }
    }

    /// The future returned by [`sleep`].
    pub struct Sleep {
        deadline: Instant,
        /// The waker last handed to the timers, so that a second poll by
        /// the same task does not add a second entry.
        registered_with: Option<Waker>,
    }
    // ANCHOR_END: sleep

    // ANCHOR: sleep_poll
    impl Future for Sleep {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if Instant::now() >= self.deadline {
                return Poll::Ready(());
            }
            let registered =
                (self.registered_with.as_ref()).is_some_and(|waker| waker.will_wake(cx.waker()));
            if !registered {
                // A new waker (first poll, or the future moved to another
                // task): add an entry. An older entry still fires; that
                // wake is merely spurious, and spurious wakes are harmless.
                with_timers(|timers| timers.add(self.deadline, cx.waker().clone()));
                self.registered_with = Some(cx.waker().clone());
            }
            Poll::Pending
        }
    }
    // ANCHOR_END: sleep_poll
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use futures::future::{Either, select};

    use super::*;
    use crate::timer::sleep_until;

    #[test]
    fn sleeping_tasks_finish_in_deadline_order() {
        let order = Arc::new(Mutex::new(Vec::new()));
        block_on(async {
            // One shared start: the order does not depend on how soon each
            // task gets its first poll.
            let start = Instant::now();
            let handles: Vec<_> = [40u64, 10, 30, 0, 20]
                .into_iter()
                .map(|ms| {
                    let order = order.clone();
                    spawn(async move {
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
        assert!(start.elapsed() < LONG, "block_on waited for the loser");
    }

    #[test]
    fn sleeping_tasks_are_cancelled_when_block_on_returns() {
        struct SetOnDrop(Arc<AtomicBool>);
        impl Drop for SetOnDrop {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = SetOnDrop(dropped.clone());
        let start = Instant::now();
        block_on(async move {
            spawn(async move {
                let _flag = flag;
                sleep(Duration::from_secs(20)).await;
            });
            sleep(Duration::from_millis(10)).await; // it starts sleeping
        });
        assert!(dropped.load(Ordering::SeqCst));
        assert!(start.elapsed() < Duration::from_secs(20));
    }
}
