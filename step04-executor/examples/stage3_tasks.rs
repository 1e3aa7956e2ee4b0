//! Stage 3: a task queue, with `spawn`, `JoinHandle`, panics caught and
//! cancellation: `cargo run -p step04-executor --example stage3_tasks`.
//!
//! One self-contained program (std and `futures` only, so it also runs on
//! the playground), in two modules split the way async-task splits them:
//! `task` is a future with what it takes to wake, cancel and join it, and
//! knows nothing about queues; `executor` is the queue and the loop. No
//! timers yet: stage 4 (`stage4_timers.rs`) adds them to a copy of this
//! file, and `diff` shows what they take.

use std::sync::{Arc, Mutex};

use crate::executor::{block_on, spawn, yield_now};
use crate::task::JoinError;

// ANCHOR: worker
/// A task that does its work in `steps` slices, yielding between them, and
/// logs each slice so that we can see the queue take turns.
async fn worker(name: &'static str, steps: u32, log: Arc<Mutex<Vec<String>>>) -> u32 {
    for step in 1..=steps {
        log.lock().unwrap().push(format!("{name}{step}"));
        yield_now().await; // back of the queue
    }
    steps
}
// ANCHOR_END: worker

// ANCHOR: main
fn main() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let (results, order) = block_on(async {
        let a = spawn(worker("a", 3, log.clone()));
        let b = spawn(worker("b", 2, log.clone()));
        let c = spawn(worker("c", 1, log.clone()));
        let results = (a.await, b.await, c.await);
        (results, log.lock().unwrap().join(" "))
    });
    println!("three tasks took turns: {order}");
    println!("their JoinHandles gave: {results:?}");

    let outcome: Result<(), JoinError> = block_on(async {
        let doomed = spawn(async { panic!("this task fails") });
        let healthy = spawn(async {
            yield_now().await;
            "the other task still ran"
        });
        println!("{}", healthy.await.unwrap());
        doomed.await
    });
    println!("the panicking task's handle: {outcome:?}");

    let cancelled = block_on(async {
        let forever = spawn(std::future::pending::<()>());
        yield_now().await; // it starts, and waits for ever
        forever.cancel(); // on its next turn, it is dropped, not polled
        forever.await
    });
    println!("a cancelled task's handle: {cancelled:?}");
}
// ANCHOR_END: main

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

    use crate::task::{self, JoinHandle, Runnable};

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
    /// What the `block_on` running on this thread keeps where `spawn` can
    /// find it, the way asyncio's `get_running_loop()` finds the loop.
    struct Current {
        shared: Arc<Shared>,
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
            if !ran_tasks && !main_waker.woken.load(Ordering::Acquire) {
                // Nothing to do: sleep until a wake unparks us. A spurious
                // return from `park` only costs a turn.
                thread::park();
            }
        }
    }
    // ANCHOR_END: turn

    // ANCHOR: shutdown
    /// Installs the executor in `CURRENT`; on drop (a normal return or a
    /// panic of the main future) closes it and cancels the queued tasks.
    struct Running;

    impl Running {
        fn enter(shared: Arc<Shared>) -> Running {
            CURRENT.with_borrow_mut(|current| {
                assert!(current.is_none(), "block_on inside block_on");
                *current = Some(Current { shared });
            });
            Running
        }
    }

    impl Drop for Running {
        fn drop(&mut self) {
            let Some(Current { shared }) = CURRENT.take() else {
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::task::Poll;
    use std::thread;

    use futures::channel::oneshot;

    use super::*;

    #[test]
    fn tasks_take_turns_in_the_order_they_were_queued() {
        let log = Arc::new(Mutex::new(Vec::new()));
        block_on(async {
            let a = spawn(worker("a", 2, log.clone()));
            let b = spawn(worker("b", 2, log.clone()));
            (a.await.unwrap(), b.await.unwrap())
        });
        assert_eq!(*log.lock().unwrap(), ["a1", "b1", "a2", "b2"]);
    }

    #[test]
    fn a_task_woken_many_times_is_polled_once_more() {
        let polls = Arc::new(AtomicUsize::new(0));
        let counted = polls.clone();
        block_on(async move {
            spawn(std::future::poll_fn(move |cx| {
                if counted.fetch_add(1, Ordering::SeqCst) > 0 {
                    return Poll::Ready(());
                }
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
    fn a_panic_and_a_cancel_reach_the_handle_as_values() {
        let (panicked, cancelled) = block_on(async {
            let bad = spawn(async { panic!("boom") });
            let forever = spawn(std::future::pending::<()>());
            yield_now().await;
            forever.cancel();
            (bad.await, forever.await)
        });
        assert_eq!(panicked, Err(JoinError::Panicked("boom".to_string())));
        assert_eq!(cancelled, Err(JoinError::Cancelled));
    }

    #[test]
    fn wakes_from_other_threads_are_not_lost() {
        let total = block_on(async {
            let handles: Vec<_> = (0..50u64)
                .map(|i| {
                    let (sender, receiver) = oneshot::channel();
                    thread::spawn(move || sender.send(i).unwrap());
                    spawn(async move { receiver.await.unwrap() })
                })
                .collect();
            let mut total = 0;
            for handle in handles {
                total += handle.await.unwrap();
            }
            total
        });
        assert_eq!(total, (0..50).sum());
    }

    #[test]
    fn queued_tasks_are_cancelled_when_block_on_returns() {
        struct SetOnDrop(Arc<AtomicBool>);
        impl Drop for SetOnDrop {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = SetOnDrop(dropped.clone());
        block_on(async move {
            spawn(async move {
                let _flag = flag; // never polled
            });
        });
        assert!(dropped.load(Ordering::SeqCst));
    }
}
