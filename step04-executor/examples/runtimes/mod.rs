//! One trait, [`Runtime`], and its adapters: the step04 executor (one
//! thread and stage 7's threads), tokio (current-thread and multi-thread),
//! async-executor, async-std and smol, each mapping the same three calls
//! (`block_on`, `spawn`, `sleep`) onto its runtime.
//!
//! Shared by the programs that run one piece of code on several runtimes:
//! `bench` (and `bench_threads`) and `finale` (each declares this folder as
//! its module `runtimes`). The adapters look alike on purpose: what differs
//! between them is all that differs between the runtimes, for this code.

use std::future::Future;
use std::time::Duration;

use futures::FutureExt;

// ANCHOR: runtime
/// What a workload needs from a runtime. Its implementations look alike
/// on purpose: each maps the same three calls onto one runtime.
pub trait Runtime {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T;
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static;
    /// A sleep whose clock starts at its first poll, on every runtime.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static;
}

pub struct Step04;

impl Runtime for Step04 {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        step04_executor::block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        // `map`, not an `async` block that awaits the handle: that would
        // hold the handle twice (the other runtimes' adapters do the same).
        step04_executor::spawn(future).map(|output| output.expect("tasks do not panic"))
    }
    // Not `async fn`: that would borrow `self`, and the future must be 'static.
    #[allow(clippy::manual_async_fn)]
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { step04_executor::sleep(duration).await }
    }
}
// ANCHOR_END: runtime

// ANCHOR: tokio_runtime
/// A tokio runtime: current-thread (`#[tokio::main(flavor =
/// "current_thread")]`) or multi-thread (`#[tokio::main]`). Either way
/// `block_on` polls the main future on the calling thread.
pub struct Tokio(tokio::runtime::Runtime);

impl Runtime for Tokio {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        self.0.block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        tokio::spawn(future).map(|output| output.expect("tasks do not panic"))
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { tokio::time::sleep(duration).await }
    }
}
// ANCHOR_END: tokio_runtime

impl Tokio {
    /// Every task on the thread that calls `block_on`.
    pub fn current_thread() -> Tokio {
        let builder = tokio::runtime::Builder::new_current_thread();
        Tokio::built(builder)
    }

    /// Tasks on `workers` worker threads; `None`: one per core, as
    /// `#[tokio::main]` starts it.
    pub fn multi_thread(workers: Option<usize>) -> Tokio {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        if let Some(workers) = workers {
            builder.worker_threads(workers);
        }
        Tokio::built(builder)
    }

    fn built(mut builder: tokio::runtime::Builder) -> Tokio {
        Tokio(
            builder
                .enable_time()
                .build()
                .expect("tokio's runtime starts"),
        )
    }
}

// ANCHOR: threaded_runtimes
/// step04's multi-threaded executor (stage 7) with this many workers.
pub struct Step04Threads(pub usize);

impl Runtime for Step04Threads {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        step04_executor::multi_thread::block_on_threads(self.0, future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        let handle = step04_executor::multi_thread::spawn(future);
        handle.map(|output| output.expect("tasks do not panic"))
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move { step04_executor::sleep(duration).await }
    }
}
// ANCHOR_END: threaded_runtimes

/// async-executor with async-io's reactor, run by this many threads
/// (the caller's among them): what `smol` does.
pub struct AsyncExecutor(pub async_executor::Executor<'static>, pub usize);

impl Runtime for AsyncExecutor {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        let executor = &self.0;
        std::thread::scope(|threads| {
            // Each helper thread runs the executor until its `stop` drops.
            let stops: Vec<_> = (1..self.1)
                .map(|_| {
                    let (stop, stopped) = futures::channel::oneshot::channel::<()>();
                    threads.spawn(move || async_io::block_on(executor.run(stopped)));
                    stop
                })
                .collect();
            let output = async_io::block_on(executor.run(future));
            drop(stops);
            output
        })
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        self.0.spawn(future)
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move {
            async_io::Timer::after(duration).await;
        }
    }
}

/// async-std as the lessons use it: a pool of worker threads.
pub struct AsyncStd;

impl Runtime for AsyncStd {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        async_std::task::block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        async_std::task::spawn(future)
    }
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async_std::task::sleep(duration) // an `async fn`: starts at its first poll
    }
}

// ANCHOR: smol_runtime
/// smol as its README starts it: `smol::block_on` polls the main future
/// on the calling thread, and `smol::spawn` puts tasks on its global
/// executor, which runs on threads of its own (one unless `SMOL_THREADS`
/// says more).
pub struct Smol;

impl Runtime for Smol {
    fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        smol::block_on(future)
    }
    fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        smol::spawn(future) // a `Task`: dropping it would cancel the task
    }
    #[allow(clippy::manual_async_fn)] // as above: the future must be 'static
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        async move {
            smol::Timer::after(duration).await; // a Timer's output is an Instant
        }
    }
}
// ANCHOR_END: smol_runtime
