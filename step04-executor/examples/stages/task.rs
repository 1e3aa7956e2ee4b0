//! A task: a spawned future, and what it takes to wake, cancel and join
//! it, in one `Arc`. Whoever spawns it passes a `schedule` function; each
//! wake calls it with the task as a `Runnable`, and what scheduling
//! means is the executor's business.

use std::future::Future;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

use step03_tasks::panic_message;

use crate::lock::lock;

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

    /// A handle that can cancel the task later, wherever it waits (the
    /// executor keeps one per live task, which keeps the task alive).
    pub fn canceller(&self) -> Canceller {
        Canceller(self.0.clone())
    }
}

/// Cancels a task that may be waiting anywhere, even in no queue.
pub struct Canceller(Arc<dyn Run>);

impl Canceller {
    /// Drops the task's future now, unless the task has finished.
    pub fn cancel(&self) {
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
// (`Wake` and `Run` need the same bounds on `F` and `S`: the task is one
// type with two faces, the waker and the queue entry.)
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
        let result =
            match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx))) {
                Ok(Poll::Pending) => return,
                Ok(Poll::Ready(output)) => Ok(output),
                Err(panic) => Err(JoinError::Panicked(panic_message(&*panic))),
            };
        finish(state, result);
    }

    fn cancel_now(&self) {
        // From now on a wake queues nothing: a wake from the future's own
        // destructor must not cancel the task again (a deadlock).
        self.scheduled.store(true, Ordering::Relaxed);
        // Wait for the lock: another thread may hold it for a moment (a
        // JoinHandle being polled), and giving up would lose the cancel.
        let state = lock(&self.state);
        if let Stage::Running(_) = state.stage {
            finish(state, Err(JoinError::Cancelled));
        }
    }
}
// ANCHOR_END: run

// ANCHOR: finish
/// Drops the task's future, records its result, and wakes whoever
/// awaits its `JoinHandle`.
fn finish<F: Future>(
    mut state: MutexGuard<'_, State<F>>,
    result: Result<F::Output, JoinError>,
) {
    // The future's destructor is the program's code too, and may panic:
    // caught like a panic in `poll`, it becomes the task's result.
    let dropped = catch_unwind(AssertUnwindSafe(|| state.stage = Stage::Taken));
    state.stage = Stage::Finished(match dropped {
        Ok(()) => result,
        Err(panic) => Err(JoinError::Panicked(panic_message(&*panic))),
    });
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

/// A task whose every wake sends its `Runnable` down a channel, for the
/// task promises of the behaviour suite.
#[cfg(test)]
fn spawn_listed<F>(
    future: F,
) -> (
    Runnable,
    JoinHandle<F::Output>,
    std::sync::mpsc::Receiver<Runnable>,
)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (scheduled, woken) = std::sync::mpsc::channel();
    let (runnable, handle) = spawn(future, move |runnable| {
        let _ = scheduled.send(runnable);
    });
    (runnable, handle, woken)
}

// The behaviour suite's task promises (crate `step04-behaviour`, its
// `task` module), on this task: they run in every stage that has it.
#[cfg(test)]
mod tests {
    step04_behaviour::task!(StageTask {
        task: super,
        runnable: super::Runnable,
        spawn_listed: super::spawn_listed,
    });
    step04_behaviour::tests!(StageTask: task);
}
