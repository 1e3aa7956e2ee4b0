//! The behaviour suite (crate `step04-behaviour`) on the library's
//! multi-threaded executor (stage 7, `step04_executor::multi_thread`),
//! with one, two and four workers.
//!
//! With one worker it is stage 6 again, and keeps every promise, the
//! order of tasks too. With more, it keeps every promise but that one
//! (two tasks run at the same time: which pushes first is a race), and
//! the promises of many threads (`threads`).

use std::future::Future;

use step04_executor::multi_thread;
use step04_executor::{JoinError, JoinHandle};

/// The multi-threaded executor with `N` workers, as the suite sees it.
#[derive(Debug)]
struct MultiThread<const N: usize>;

impl<const N: usize> step04_behaviour::Executor for MultiThread<N> {
    type JoinHandle<T: Send + 'static> = JoinHandle<T>;
    type JoinError = JoinError;

    fn block_on<F: Future>(future: F) -> F::Output {
        multi_thread::block_on_threads(N, future)
    }

    fn spawn<F>(future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        multi_thread::spawn(future)
    }

    fn cancel<T: Send + 'static>(handle: &JoinHandle<T>) {
        handle.cancel();
    }

    fn cancelled() -> JoinError {
        JoinError::Cancelled
    }

    fn panicked(message: &str) -> JoinError {
        JoinError::Panicked(message.to_string())
    }
}

impl<const N: usize> step04_behaviour::Timers for MultiThread<N> {
    fn sleep(
        duration: std::time::Duration,
    ) -> impl Future<Output = ()> + Send + 'static {
        step04_executor::sleep(duration)
    }

    fn sleep_until(
        deadline: std::time::Instant,
    ) -> impl Future<Output = ()> + Send + 'static {
        step04_executor::sleep_until(deadline)
    }
}

type OneWorker = MultiThread<1>;
type TwoWorkers = MultiThread<2>;
type FourWorkers = MultiThread<4>;

mod one_worker {
    use super::OneWorker;
    step04_behaviour::tests!(OneWorker: join, order, cancel, panic, wakes, timers, sockets);
}

mod two_workers {
    use super::TwoWorkers;
    step04_behaviour::tests!(TwoWorkers: join, cancel, panic, wakes, timers, sockets, threads);
}

mod four_workers {
    use super::FourWorkers;
    step04_behaviour::tests!(FourWorkers: join, cancel, panic, wakes, timers, sockets, threads);
}
