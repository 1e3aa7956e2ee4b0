//! A task: a spawned future, and what it takes to wake, cancel and join it.
//!
//! This module knows nothing about queues, threads or timers. Whoever
//! spawns a task passes a handle that implements [`Schedule`], and each time
//! the task is woken it hands itself, as a [`Runnable`], to
//! `Schedule::schedule`; the executor (`executor.rs`) decides what
//! scheduling means. async-task splits a task from its executor the same
//! way (its `spawn(future, schedule)` returns a `Runnable` and a `Task`),
//! and so does the stage 3 program, with a closure where this has a trait.
//!
//! One task is one allocation, an `Arc<Task<F, S>>`. The same allocation is
//! the queue entry (a [`Runnable`] holds it as `Arc<dyn Run>`), the waker
//! (`ArcWake`), and what the [`JoinHandle`] points at (`Arc<dyn Join<T>>`).
//! Stage 3 kept the future in a `Pin<Box<F>>`, a second allocation; here
//! it sits inside the task, which takes one of the crate's two `unsafe`
//! blocks (the other registers a socket, in `reactor.rs`).
//!
//! What did not need to change (the `JoinHandle`'s poll, `finish`) reads
//! as it does in stage 3's `examples/stages/task.rs`, and is kept a copy
//! on purpose: the stage stays the version to read, this the version to
//! measure, and the chapter's stage 6 page walks through what differs.

use std::fmt;
use std::future::Future;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::task::{ArcWake, waker_ref};
use step03_tasks::panic_message;

use crate::sync::{AtomicBool, Mutex, MutexGuard, Ordering, lock};

// ANCHOR: spawn
/// The executor's side of the split: what a task calls when it is woken.
pub trait Schedule: Send + Sync + Sized + 'static {
    /// Queues `runnable`, a task that was just woken, to be run. An
    /// associated function, not a method: it receives the task itself, and
    /// finds the executor's handle with [`Runnable::scheduler`].
    fn schedule(runnable: Runnable<Self>);
}

/// Creates a task that runs `future`. `scheduler` is the executor's handle
/// ([`Schedule::schedule`] gets it back from the runnable); the caller
/// queues the returned `Runnable` for the first poll.
pub fn spawn<F, S>(future: F, scheduler: S) -> (Runnable<S>, JoinHandle<F::Output>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let task = Arc::new(Task {
        // Already scheduled: the caller queues the returned `Runnable`, and
        // a wake before its first poll must not queue it a second time.
        scheduled: AtomicBool::new(true),
        cancel_requested: AtomicBool::new(false),
        scheduler,
        state: Mutex::new(Stage::Running(future)),
        finished: AtomicBool::new(false),
        join_waker: Mutex::new(None),
    });
    (Runnable(task.clone()), JoinHandle { task })
}

/// A task that is due to be polled: what an executor keeps in its queue.
pub struct Runnable<S>(Arc<dyn Run<S>>);

impl<S> Runnable<S> {
    /// Polls the task once (or drops its future if it was cancelled).
    pub fn run(self) {
        self.0.run();
    }

    /// The handle the task was spawned with.
    pub fn scheduler(&self) -> &S {
        self.0.scheduler()
    }

    /// A handle that can cancel the task later, wherever it waits (the
    /// executor keeps one per live task, which keeps the task alive).
    pub fn canceller(&self) -> Canceller<S> {
        Canceller(self.0.clone())
    }
}

/// Cancels a task that may be waiting anywhere: in no queue, its waker
/// held by a channel, a socket or nobody. Made by [`Runnable::canceller`].
pub struct Canceller<S>(Arc<dyn Run<S>>);

impl<S> Canceller<S> {
    /// Drops the task's future now, unless the task has finished. On the
    /// executor's thread only: it must not race a poll.
    pub fn cancel(&self) {
        self.0.cancel_now();
    }
}

/// A task, type-erased, as a queue sees it.
trait Run<S>: Send + Sync {
    fn run(self: Arc<Self>);
    fn cancel_now(&self);
    fn scheduler(&self) -> &S;
}
// ANCHOR_END: spawn

// ANCHOR: task
/// A spawned future and everything about it, in one allocation.
struct Task<F: Future, S> {
    /// True from a wake until the poll that follows, while the task waits
    /// in a queue: a second wake in between does not queue it twice.
    scheduled: AtomicBool,
    /// Set by `JoinHandle::cancel`; the next run drops the future.
    cancel_requested: AtomicBool,
    /// The executor's handle, for [`Schedule::schedule`].
    scheduler: S,
    // ANCHOR: join_slot
    /// The future, then its output. Locked for the whole of a poll, and
    /// by a cancel, which waits for the poll to end. `scheduled` does not
    /// keep two runs apart (it is cleared before the poll, so a wake
    /// during the poll queues a second `Runnable`): on many workers the
    /// second run waits here for the first to end.
    state: Mutex<Stage<F>>,
    /// The waker of whoever awaits the `JoinHandle`: what the handle
    /// looks at first. Its own lock, held for a moment and never across a
    /// poll: a worker that awaits the handle must not wait for a poll on
    /// another worker, which may take long, or block until this very
    /// worker runs some other task (stage 7's barrier).
    join_waker: Mutex<Option<Waker>>,
    /// Set, under `join_waker`'s lock, once `state` holds the output: no
    /// poll holds `state`'s lock again.
    finished: AtomicBool,
}
// ANCHOR_END: join_slot

/// What a task ends with: its output, or why there is none.
type Outcome<T> = Result<T, JoinError>;

/// The output shares the future's place: a task holds one or the other.
enum Stage<F: Future> {
    Running(F),
    Finished(Outcome<F::Output>),
    /// The output was handed to the `JoinHandle`.
    Taken,
}

// ANCHOR: wake
impl<F, S> ArcWake for Task<F, S>
where
    F: Future + Send + 'static,
    F::Output: Send,
    S: Schedule,
{
    /// A wake that consumes its waker (`Waker::wake`, which is what
    /// channels and timers call) hands that very reference to the queue:
    /// no count to raise for the queue and lower for the waker.
    fn wake(self: Arc<Self>) {
        // Only the first wake after a poll queues the task. Release: what
        // the waker did before waking (put a message in a channel) becomes
        // visible to the run that clears the flag with Acquire, even when
        // this wake found the task already queued and did nothing else.
        if !self.scheduled.swap(true, Ordering::Release) {
            S::schedule(Runnable(self));
        }
    }

    fn wake_by_ref(task: &Arc<Self>) {
        if !task.scheduled.swap(true, Ordering::Release) {
            S::schedule(Runnable(task.clone()));
        }
    }
}
// ANCHOR_END: wake
// ANCHOR_END: task

// ANCHOR: run
impl<F, S> Run<S> for Task<F, S>
where
    F: Future + Send + 'static,
    F::Output: Send,
    S: Schedule,
{
    // ANCHOR: poll_in_place
    fn run(self: Arc<Self>) {
        // Cleared before polling, so that a wake during the poll queues the
        // task again instead of being lost. Acquire pairs with the wake's
        // Release (see `wake_by_ref`).
        self.scheduled.swap(false, Ordering::Acquire);
        // A waker that borrows this `Arc` instead of cloning it: no
        // reference count to raise and lower on every poll. A future that
        // keeps the waker clones it, and only then is the count raised.
        let waker = waker_ref(&self);
        let mut cx = Context::from_waker(&waker);

        let mut state = lock(&self.state);
        let Stage::Running(future) = &mut *state else {
            return; // finished (cancelled) while it sat in the queue
        };
        // Relaxed is enough: `cancel` stores the flag and then wakes the
        // task, and the Acquire above has ordered us after that wake.
        if self.cancel_requested.load(Ordering::Relaxed) {
            return self.finish(state, Err(JoinError::Cancelled));
        }
        // SAFETY: the future lives inside the task's `Arc` allocation, which
        // never moves, and it is never moved out of `Stage::Running`: it is
        // only polled here and dropped in place when `state` is assigned.
        // That is the pinning guarantee (tested by
        // `a_spawned_future_never_moves` in tests/library.rs).
        #[allow(unsafe_code)]
        let future = unsafe { Pin::new_unchecked(future) };
        let result = match catch_unwind(AssertUnwindSafe(|| future.poll(&mut cx))) {
            Ok(Poll::Pending) => return,
            Ok(Poll::Ready(output)) => Ok(output),
            Err(panic) => Err(JoinError::Panicked(panic_message(&*panic))),
        };
        self.finish(state, result);
    }
    // ANCHOR_END: poll_in_place

    fn cancel_now(&self) {
        // From now on a wake queues nothing. Otherwise a wake from the
        // future's own destructor, in a closed executor, would cancel the
        // task again and wait for the lock held below: a deadlock.
        self.scheduled.store(true, Ordering::Relaxed);
        // Wait for the lock: another thread may hold it for a moment (a
        // JoinHandle being polled), and giving up would lose the cancel.
        let state = lock(&self.state);
        if let Stage::Running(_) = *state {
            self.finish(state, Err(JoinError::Cancelled));
        }
    }

    fn scheduler(&self) -> &S {
        &self.scheduler
    }
}

impl<F: Future, S> Task<F, S> {
    /// Drops the task's future in place, records the task's result, and
    /// wakes whoever awaits its `JoinHandle`.
    fn finish(&self, mut state: MutexGuard<'_, Stage<F>>, result: Outcome<F::Output>) {
        // The future's destructor is the program's code too, and may
        // panic: caught like a panic in `poll`, it becomes the task's
        // result (tokio does the same) instead of unwinding out of the
        // executor. Assigning drops the future where it is; should that
        // panic, the assignment still completes, and the line after it
        // overwrites the placeholder.
        let dropped = catch_unwind(AssertUnwindSafe(|| *state = Stage::Taken));
        *state = Stage::Finished(match dropped {
            Ok(()) => result,
            Err(panic) => Err(JoinError::Panicked(panic_message(&*panic))),
        });
        drop(state);
        let mut join_waker = lock(&self.join_waker);
        // Relaxed: the lock orders it (the handle reads it under the lock).
        self.finished.store(true, Ordering::Relaxed);
        let waker = join_waker.take();
        drop(join_waker); // the awaiting task may run on another thread
        if let Some(waker) = waker {
            waker.wake();
        }
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

impl<F, S> Join<F::Output> for Task<F, S>
where
    F: Future + Send + 'static,
    F::Output: Send,
    S: Schedule,
{
    fn poll_join(&self, cx: &mut Context<'_>) -> Poll<Result<F::Output, JoinError>> {
        // `join_waker` first: a poll on another worker may hold `state`
        // for long, but not once the task has finished.
        let mut join_waker = lock(&self.join_waker);
        if !self.finished.load(Ordering::Relaxed) {
            match &mut *join_waker {
                Some(waker) => waker.clone_from(cx.waker()),
                None => *join_waker = Some(cx.waker().clone()),
            }
            return Poll::Pending;
        }
        drop(join_waker);
        let mut state = lock(&self.state);
        match *state {
            // Checked first: moving out a `Running` stage would move the
            // pinned future.
            Stage::Running(_) => unreachable!("`finished` is set after the output"),
            Stage::Finished(_) => match mem::replace(&mut *state, Stage::Taken) {
                Stage::Finished(result) => Poll::Ready(result),
                _ => unreachable!("the stage was Finished"),
            },
            Stage::Taken => panic!("JoinHandle polled after it returned Ready"),
        }
    }

    fn request_cancel(self: Arc<Self>) {
        // The executor's thread drops the future on the task's next run, so
        // a cancel from any thread never races with a poll in progress.
        self.cancel_requested.store(true, Ordering::Relaxed);
        ArcWake::wake(self);
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

impl<S> fmt::Debug for Canceller<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Canceller { .. }")
    }
}

impl<S> fmt::Debug for Runnable<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Runnable { .. }")
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
