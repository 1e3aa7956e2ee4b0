//! Stage 5: stage 4's executor and a reactor, so that tasks can wait for
//! sockets; a TCP echo server and its clients run on it:
//! `cargo run -p step04-executor --example stage5_reactor`.
//!
//! A copy of `stage4_timers.rs` with a fourth module, `reactor`, which
//! talks to epoll/kqueue through the `polling` crate (so this one does not
//! run on the playground, and runs on Unix only). `diff stage4_timers.rs
//! stage5_reactor.rs` shows that the executor does not change at all: the
//! waker is the whole interface between the two.

// The modules are the whole executor; this demo does not call all of it
// (`yield_now`, for one).
#![allow(dead_code)]

#[cfg(unix)]
use {
    crate::executor::{block_on, spawn},
    crate::reactor::Async,
    crate::timer::sleep,
    futures::future::{Either, select},
    std::io,
    std::net::{SocketAddr, TcpListener, TcpStream},
    std::time::Duration,
};

// ANCHOR: echo
/// Serves `connections` clients, each in its own task, then stops.
#[cfg(unix)]
async fn serve(listener: Async<TcpListener>, connections: usize) -> io::Result<usize> {
    let mut handlers = Vec::new();
    for _ in 0..connections {
        let (stream, _peer) = listener.accept().await?;
        handlers.push(spawn(echo(stream)));
    }
    let mut bytes = 0;
    for handler in handlers {
        // A client that misbehaves ends its own handler, not the server.
        if let Ok(Ok(echoed)) = handler.await {
            bytes += echoed;
        }
    }
    Ok(bytes)
}

/// Sends back everything it reads until the client closes its side.
#[cfg(unix)]
async fn echo(stream: Async<TcpStream>) -> io::Result<usize> {
    let mut buffer = [0; 1024];
    let mut total = 0;
    loop {
        match stream.read(&mut buffer).await? {
            0 => return Ok(total),
            n => {
                stream.write_all(&buffer[..n]).await?;
                total += n;
            }
        }
    }
}
// ANCHOR_END: echo

// ANCHOR: client
#[cfg(unix)]
async fn client(address: SocketAddr, message: &'static str) -> io::Result<String> {
    let stream = Async::<TcpStream>::connect(address)?;
    stream.write_all(message.as_bytes()).await?;
    stream.shutdown_write()?; // "that is all": the server reads end of stream
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await?;
    Ok(String::from_utf8_lossy(&reply).into_owned())
}
// ANCHOR_END: client

// ANCHOR: main
#[cfg(unix)]
fn main() -> io::Result<()> {
    block_on(async {
        let listener = Async::<TcpListener>::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let server = spawn(serve(listener, 4));

        // One client connects and leaves without a word.
        drop(TcpStream::connect(address)?);
        let messages = ["hello", "from three", "clients at once"];
        let clients: Vec<_> = messages
            .into_iter()
            .map(|message| spawn(client(address, message)))
            .collect();
        for (message, handle) in messages.iter().zip(clients) {
            let reply = handle.await.expect("clients do not panic")?;
            println!("sent {message:?}, got back {reply:?}");
        }

        // Bounded in time too: a server that hangs is a bug, not a wait.
        let limit = std::pin::pin!(sleep(Duration::from_secs(10)));
        match select(server, limit).await {
            Either::Left((served, _)) => {
                let bytes = served.expect("the server does not panic")?;
                println!("the server echoed {bytes} bytes to 4 clients and stopped");
            }
            Either::Right(_) => println!("the server did not finish within 10 s"),
        }
        Ok(())
    })
}
// ANCHOR_END: main

#[cfg(not(unix))]
fn main() {
    println!("the stage 5 reactor uses epoll/kqueue and runs on Unix only");
}

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

#[cfg(unix)]
mod reactor {
    //! Stage 5: a reactor, so that tasks can wait for sockets. This file is
    //! also the `reactor` module of `examples/stage5_reactor.rs`, word for
    //! word (a test in `tests/stages.rs` keeps them equal).
    //!
    //! One thread waits in `epoll` (through the `polling` crate, the same
    //! wrapper async-io uses) for every socket a task is waiting on, and calls
    //! the waker each task left. The executor does not change at all: the
    //! waker is the whole interface between the two.

    use std::collections::HashMap;
    use std::io::{self, Read, Write};
    use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
    use std::os::fd::{AsFd, AsRawFd};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
    use std::task::{Poll, Waker};
    use std::thread;

    use polling::{Event, Events, Poller};

    // ANCHOR: reactor
    /// The epoll instance, and the wakers of every registered socket by key.
    struct Reactor {
        poller: Poller,
        sources: Mutex<HashMap<usize, Arc<Source>>>,
        next_key: AtomicUsize,
    }

    /// What the reactor knows about one socket: who waits to read, to write.
    #[derive(Default)]
    struct Source {
        wakers: Mutex<Wakers>,
    }

    #[derive(Default)]
    struct Wakers {
        reader: Option<Waker>,
        writer: Option<Waker>,
    }

    /// The one reactor, started with its thread on first use.
    fn reactor() -> &'static Reactor {
        static REACTOR: OnceLock<Reactor> = OnceLock::new();
        REACTOR.get_or_init(|| {
            thread::Builder::new()
                .name("step04-reactor".into())
                .spawn(|| reactor().run())
                .expect("the reactor thread starts");
            Reactor {
                poller: Poller::new().expect("the OS offers epoll or kqueue"),
                sources: Mutex::new(HashMap::new()),
                next_key: AtomicUsize::new(0),
            }
        })
    }
    // ANCHOR_END: reactor

    // ANCHOR: reactor_run
    impl Reactor {
        /// Waits for readiness events for ever, and wakes whoever waits.
        fn run(&self) {
            let mut events = Events::new();
            loop {
                events.clear();
                if self.poller.wait(&mut events, None).is_err() {
                    continue; // interrupted by a signal: wait again
                }
                for event in events.iter() {
                    let source = lock(&self.sources).get(&event.key).cloned();
                    if let Some(source) = source {
                        // Interest is one-shot: this event disarmed both
                        // directions, so wake both waiters. The one whose
                        // socket is not ready yet retries, finds `WouldBlock`
                        // and registers again: a spurious wake, harmless.
                        let mut wakers = lock(&source.wakers);
                        let woken = [wakers.reader.take(), wakers.writer.take()];
                        drop(wakers);
                        woken.into_iter().flatten().for_each(Waker::wake);
                    }
                }
            }
        }
    }
    // ANCHOR_END: reactor_run

    // ANCHOR: async_io
    /// A non-blocking socket registered with the reactor (async-io calls its
    /// twin `Async<T>` too).
    pub struct Async<T: AsFd + AsRawFd> {
        io: T,
        key: usize,
        source: Arc<Source>,
    }

    impl<T: AsFd + AsRawFd> Async<T> {
        /// Registers `io` (already in non-blocking mode) with the reactor.
        fn new(io: T) -> io::Result<Self> {
            let reactor = reactor();
            let key = reactor.next_key.fetch_add(1, Ordering::Relaxed);
            let source = Arc::new(Source::default());
            // SAFETY: `polling` requires the socket to be deleted from the
            // poller before it is closed. `Drop for Async` deletes it, and it
            // runs before the fields are dropped, so before `io` closes the
            // socket (tested by `a_dropped_socket_leaves_the_reactor`).
            #[allow(unsafe_code)]
            unsafe {
                reactor.poller.add(&io, Event::none(key))?;
            }
            lock(&reactor.sources).insert(key, source.clone());
            Ok(Async { io, key, source })
        }
        // ANCHOR_END: async_io

        // ANCHOR: retry
        /// Runs `operation` until it does not say `WouldBlock`; in between,
        /// waits until the reactor reports the socket ready.
        async fn retry<R>(
            &self,
            writing: bool,
            mut operation: impl FnMut(&T) -> io::Result<R>,
        ) -> io::Result<R> {
            loop {
                match operation(&self.io) {
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                        self.ready(writing).await?;
                    }
                    result => return result,
                }
            }
        }
        // ANCHOR_END: retry

        // ANCHOR: ready
        /// Pending once, after leaving the waker and arming interest; ready on
        /// the next poll, whatever woke it (the operation is then retried).
        async fn ready(&self, writing: bool) -> io::Result<()> {
            let mut armed = false;
            std::future::poll_fn(|cx| {
                if armed {
                    return Poll::Ready(Ok(()));
                }
                let mut wakers = lock(&self.source.wakers);
                let slot = if writing {
                    &mut wakers.writer
                } else {
                    &mut wakers.reader
                };
                *slot = Some(cx.waker().clone());
                let (read, write) = (wakers.reader.is_some(), wakers.writer.is_some());
                let interest = Event::new(self.key, read, write);
                // Arming re-checks the socket now, so data that arrived since
                // the `WouldBlock` is reported at once, not lost.
                reactor().poller.modify(&self.io, interest)?;
                armed = true;
                Poll::Pending
            })
            .await
        }
    }

    impl<T: AsFd + AsRawFd> Drop for Async<T> {
        fn drop(&mut self) {
            let reactor = reactor();
            let _ = reactor.poller.delete(&self.io);
            lock(&reactor.sources).remove(&self.key);
        }
    }
    // ANCHOR_END: ready

    // ANCHOR: tcp
    impl Async<TcpListener> {
        /// Binds a listening socket (asyncio: `asyncio.start_server`).
        pub fn bind(address: impl ToSocketAddrs) -> io::Result<Self> {
            let listener = TcpListener::bind(address)?;
            listener.set_nonblocking(true)?;
            Async::new(listener)
        }

        /// Waits for the next connection.
        pub async fn accept(&self) -> io::Result<(Async<TcpStream>, SocketAddr)> {
            let (stream, peer) = self.retry(false, |listener| listener.accept()).await?;
            stream.set_nonblocking(true)?;
            Ok((Async::new(stream)?, peer))
        }

        pub fn local_addr(&self) -> io::Result<SocketAddr> {
            self.io.local_addr()
        }
    }
    // ANCHOR_END: tcp

    // ANCHOR: tcp_stream
    impl Async<TcpStream> {
        /// Connects. (A blocking connect, which is immediate on loopback; a
        /// runtime starts a non-blocking one and waits until it is writable.)
        pub fn connect(address: SocketAddr) -> io::Result<Self> {
            let stream = TcpStream::connect(address)?;
            stream.set_nonblocking(true)?;
            Async::new(stream)
        }

        /// Reads what has arrived, waiting if nothing has; 0 means end of stream.
        pub async fn read(&self, buffer: &mut [u8]) -> io::Result<usize> {
            self.retry(false, |mut stream| stream.read(buffer)).await
        }

        /// Writes all of `bytes`, waiting whenever the send buffer is full.
        pub async fn write_all(&self, mut bytes: &[u8]) -> io::Result<()> {
            while !bytes.is_empty() {
                let written = self.retry(true, |mut stream| stream.write(bytes)).await?;
                if written == 0 {
                    return Err(io::ErrorKind::WriteZero.into());
                }
                bytes = &bytes[written..];
            }
            Ok(())
        }
        // ANCHOR_END: tcp_stream

        /// Reads until the peer closes its side.
        pub async fn read_to_end(&self, into: &mut Vec<u8>) -> io::Result<usize> {
            let mut buffer = [0; 1024];
            let before = into.len();
            loop {
                match self.read(&mut buffer).await? {
                    0 => return Ok(into.len() - before),
                    n => into.extend_from_slice(&buffer[..n]),
                }
            }
        }

        /// Closes our sending side: the peer reads end of stream.
        pub fn shutdown_write(&self) -> io::Result<()> {
            self.io.shutdown(Shutdown::Write)
        }
    }

    impl<T: AsFd + AsRawFd> std::fmt::Debug for Async<T> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "Async {{ key: {} }}", self.key)
        }
    }

    fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
        mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[cfg(test)]
    mod tests {
        use std::time::Duration;

        use futures::future::{Either, select};

        use super::*;
        // Paths that hold in this crate and in `examples/stage5_reactor.rs`,
        // which carries this whole file as its `reactor` module.
        use crate::executor::{block_on, spawn};
        use crate::timer::sleep;

        /// Echoes one connection until the client closes its side.
        async fn echo(stream: Async<TcpStream>) -> io::Result<()> {
            let mut buffer = [0; 256];
            loop {
                match stream.read(&mut buffer).await? {
                    0 => return Ok(()),
                    n => stream.write_all(&buffer[..n]).await?,
                }
            }
        }

        async fn round_trip(address: SocketAddr, message: Vec<u8>) -> io::Result<Vec<u8>> {
            let stream = Async::<TcpStream>::connect(address)?;
            stream.write_all(&message).await?;
            stream.shutdown_write()?;
            let mut reply = Vec::new();
            stream.read_to_end(&mut reply).await?;
            Ok(reply)
        }

        /// Runs `future` with a generous limit: a hang detector, not a timer.
        async fn within_30_s<T>(future: impl Future<Output = T>) -> T {
            let limit = std::pin::pin!(sleep(Duration::from_secs(30)));
            match select(std::pin::pin!(future), limit).await {
                Either::Left((output, _)) => output,
                Either::Right(_) => panic!("hung: no progress in 30 s"),
            }
        }

        #[test]
        fn many_clients_are_echoed_at_once() {
            let replies = block_on(within_30_s(async {
                let listener = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
                let address = listener.local_addr().unwrap();
                let server = spawn(async move {
                    let mut handlers = Vec::new();
                    for _ in 0..50 {
                        let (stream, _) = listener.accept().await.unwrap();
                        handlers.push(spawn(echo(stream)));
                    }
                    for handler in handlers {
                        handler.await.unwrap().unwrap();
                    }
                });
                let clients: Vec<_> = (0..50u8)
                    // Big enough (64 KiB) to fill socket buffers and make
                    // writers wait for writability too.
                    .map(|i| spawn(round_trip(address, vec![i; 64 * 1024])))
                    .collect();
                let mut replies = Vec::new();
                for client in clients {
                    replies.push(client.await.unwrap().unwrap());
                }
                server.await.unwrap();
                replies
            }));
            for (i, reply) in replies.iter().enumerate() {
                assert_eq!(reply, &vec![i as u8; 64 * 1024]);
            }
        }

        #[test]
        fn a_client_that_vanishes_does_not_stop_the_server() {
            let reply = block_on(within_30_s(async {
                let listener = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
                let address = listener.local_addr().unwrap();
                let server = spawn(async move {
                    for _ in 0..2 {
                        let (stream, _) = listener.accept().await.unwrap();
                        let _ = echo(stream).await; // an error ends only this one
                    }
                });
                drop(TcpStream::connect(address).unwrap()); // connects, leaves
                let reply = round_trip(address, b"still here".to_vec()).await;
                server.await.unwrap();
                reply.unwrap()
            }));
            assert_eq!(reply, b"still here");
        }

        #[test]
        fn a_dropped_socket_leaves_the_reactor() {
            let listener = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
            let key = listener.key;
            assert!(lock(&reactor().sources).contains_key(&key));
            drop(listener);
            assert!(!lock(&reactor().sources).contains_key(&key));
            // The socket is closed and deregistered: a new one may reuse its
            // file descriptor and is registered afresh.
            let again = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
            assert_ne!(again.key, key);
        }
    }
}
