//! The executor: a queue of ready tasks behind a mutex, which every
//! waker may push onto from any thread, and the loop that runs them.
//!
//! A copy of `stage3_executor.rs` with the lines that drive the timers,
//! and a copy on purpose: `diff stage3_executor.rs stage4_executor.rs` is
//! the lesson of stage 4, and stage 3 stays a program without timers.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::mem;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Instant;

use crate::lock::lock;
use crate::task::{self, Canceller, JoinHandle, Runnable};
use crate::timer::Timers;

// ANCHOR: shared
/// What the wakers share with the loop: the queue of tasks ready to be
/// polled, the thread to unpark when one is added, and every task not
/// finished yet, wherever it waits.
struct Shared {
    queue: Mutex<Queue>,
    thread: Thread,
    live: Mutex<Live>,
}

struct Queue {
    ready: VecDeque<Runnable>,
    /// Set when `block_on` returns: from then on a wake is refused.
    closed: bool,
}

impl Shared {
    /// Puts a task at the back of the queue and wakes the loop's thread.
    fn push(&self, runnable: Runnable) {
        let mut queue = lock(&self.queue);
        if queue.closed {
            drop(queue);
            // Nobody will run it again, and the end cancels every live
            // task: let it go. Not `cancel` here: this wake may come from
            // a drop that holds a lock (a channel's) that the task's own
            // drop takes again, a deadlock.
            drop(runnable);
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

// ANCHOR: live
/// Every task whose future is not dropped yet, held until it is: the
/// tasks `block_on` cancels when it returns, not only the queued ones but
/// those whose waker a channel or a socket holds, or nobody.
#[derive(Default)]
struct Live {
    /// By spawn order, so that the end cancels the oldest first.
    tasks: BTreeMap<u64, Canceller>,
    next_id: u64,
}

/// Lives in a task's future: when the future is dropped (the task
/// finished, or was cancelled), takes the task off the list.
struct Deregister {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for Deregister {
    fn drop(&mut self) {
        lock(&self.shared.live).tasks.remove(&self.id);
    }
}
// ANCHOR_END: live

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

/// Runs `f` with this thread's timers, if it runs an executor and they
/// are not in use (for a `Sleep` dropped anywhere, at any time).
pub fn try_with_timers(f: impl FnOnce(&mut Timers)) {
    let _ = CURRENT.try_with(|current| {
        if let Ok(mut current) = current.try_borrow_mut()
            && let Some(current) = current.as_mut()
        {
            f(&mut current.timers);
        }
    });
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
    let mut live = lock(&shared.live);
    let id = live.next_id;
    live.next_id += 1;
    let deregister = Deregister {
        shared: shared.clone(),
        id,
    };
    let future = async move {
        let _deregister = deregister; // dropped with the future
        future.await
    };
    let for_wakes = shared.clone();
    let (runnable, handle) =
        task::spawn(future, move |runnable| for_wakes.push(runnable));
    live.tasks.insert(id, runnable.canceller());
    drop(live);
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
/// done, like `asyncio.run`. Then every task still unfinished is cancelled
/// (its future dropped, its `JoinHandle` giving `Cancelled`).
pub fn block_on<F: Future>(main: F) -> F::Output {
    let shared = Arc::new(Shared {
        queue: Mutex::new(Queue {
            ready: VecDeque::new(),
            closed: false,
        }),
        thread: thread::current(),
        live: Mutex::new(Live::default()),
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
                Some(deadline) => thread::park_timeout(
                    deadline.saturating_duration_since(Instant::now()),
                ),
                None => thread::park(),
            }
        }
    }
}
// ANCHOR_END: turn

// ANCHOR: shutdown
/// Installs the executor in `CURRENT`; on drop (a normal return or a
/// panic of the main future) closes it and cancels every live task.
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
        let live = mem::take(&mut lock(&shared.live).tasks);
        // Outside the locks: dropping a future may wake other tasks, and
        // those wakes are now refused (`Shared::push`); each is cancelled
        // here in its turn.
        for task in live.into_values() {
            task.cancel();
        }
        // All cancelled by now: the queue and the timers hold only
        // references to finished tasks.
        drop((ready, timers));
    }
}
// ANCHOR_END: shutdown
