//! The macros a stage runs the suite with: [`executor!`](crate::executor!)
//! (or [`task!`](crate::task!)) and [`tests!`](crate::tests!).

/// Implements [`Executor`](crate::Executor) for a new unit struct `$name`
/// from the modules that hold the executor's parts: `executor` has
/// `block_on` and `spawn`; `task` has `JoinHandle` (with `cancel`) and
/// `JoinError` (`Panicked(String)` and `Cancelled`). Given a `timer` module
/// (with `sleep` and `sleep_until`), implements [`Timers`](crate::Timers)
/// too.
///
/// ```text
/// step04_behaviour::executor!(Stage4 {
///     executor: crate::executor,
///     task: crate::task,
///     timer: crate::timer,
/// });
/// ```
#[macro_export]
macro_rules! executor {
    ($name:ident {
        executor: $($executor:ident)::+,
        task: $($task:ident)::+
        $(, timer: $($timer:ident)::+)?
        $(,)?
    }) => {
        /// The executor under test, as the behaviour suite sees it.
        #[derive(Debug)]
        struct $name;

        impl $crate::Executor for $name {
            type JoinHandle<T: Send + 'static> = $($task)::+::JoinHandle<T>;
            type JoinError = $($task)::+::JoinError;

            fn block_on<F: ::std::future::Future>(future: F) -> F::Output {
                $($executor)::+::block_on(future)
            }

            fn spawn<F>(future: F) -> Self::JoinHandle<F::Output>
            where
                F: ::std::future::Future + Send + 'static,
                F::Output: Send + 'static,
            {
                $($executor)::+::spawn(future)
            }

            fn cancel<T: Send + 'static>(handle: &Self::JoinHandle<T>) {
                handle.cancel();
            }

            fn cancelled() -> Self::JoinError {
                $($task)::+::JoinError::Cancelled
            }

            fn panicked(message: &str) -> Self::JoinError {
                $($task)::+::JoinError::Panicked(message.to_string())
            }
        }

        $(
            impl $crate::Timers for $name {
                fn sleep(
                    duration: ::std::time::Duration,
                ) -> impl ::std::future::Future<Output = ()> + Send + 'static {
                    $($timer)::+::sleep(duration)
                }

                fn sleep_until(
                    deadline: ::std::time::Instant,
                ) -> impl ::std::future::Future<Output = ()> + Send + 'static {
                    $($timer)::+::sleep_until(deadline)
                }
            }
        )?
    };
}

/// Implements [`Task`](crate::Task) for a new unit struct `$name`: `task`
/// is the module with `JoinHandle` and `JoinError`, `runnable` the type
/// of its queue entries (with `run` and `canceller`), and `spawn_listed` a
/// function that spawns a future with a scheduler that sends each woken
/// task down a channel, and returns the first runnable, the handle and
/// the channel's receiver.
#[macro_export]
macro_rules! task {
    ($name:ident {
        task: $($task:ident)::+,
        runnable: $runnable:ty,
        spawn_listed: $spawn_listed:path
        $(,)?
    }) => {
        /// The task under test, as the behaviour suite sees it.
        #[derive(Debug)]
        struct $name;

        impl $crate::Task for $name {
            type Runnable = $runnable;
            type JoinHandle<T: Send + 'static> = $($task)::+::JoinHandle<T>;
            type JoinError = $($task)::+::JoinError;

            fn spawn_listed<F>(
                future: F,
            ) -> (
                Self::Runnable,
                Self::JoinHandle<F::Output>,
                ::std::sync::mpsc::Receiver<Self::Runnable>,
            )
            where
                F: ::std::future::Future + Send + 'static,
                F::Output: Send + 'static,
            {
                $spawn_listed(future)
            }

            fn run(runnable: Self::Runnable) {
                runnable.run();
            }

            fn cancel(runnable: Self::Runnable) {
                runnable.canceller().cancel();
            }

            fn cancelled() -> Self::JoinError {
                $($task)::+::JoinError::Cancelled
            }
        }
    };
}

/// Writes a module of `#[test]` functions for each group of promises
/// named, each calling the suite's function on `$executor`: `tests!(Stage3:
/// join, cancel)` makes `join::the_join_handle_gives_the_tasks_output`,
/// and so on. A group is a module of the suite, and its promises are every
/// `pub fn NAME<E: ...>()` in it (`build.rs` lists them): `join`,
/// `cancel`, `panic`, `wakes` (any [`Executor`](crate::Executor)),
/// `timers` (a [`Timers`](crate::Timers)), `sockets` (an executor with
/// timers, Unix only) and `task` (a [`Task`](crate::Task)).
#[macro_export]
macro_rules! tests {
    ($executor:ident: $($group:ident),+ $(,)?) => {
        $($crate::__group!($executor, $group);)+
    };
}

// `__group!`, one arm per module of promises, is written by the build
// script (`build.rs`) from the sources.
include!(concat!(env!("OUT_DIR"), "/groups.rs"));

/// A module `$group` with one `#[test]` per name, each calling
/// `step04_behaviour::$group::$name::<$executor>()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __tests {
    ($executor:ident, $group:ident: [$($name:ident),+ $(,)?]) => {
        mod $group {
            $(
                #[test]
                fn $name() {
                    $crate::$group::$name::<super::$executor>();
                }
            )+
        }
    };
}
