//! Step 2: `async fn`, `.await`, sleeping, laziness and sequential timing.
//!
//! The functions here are the ones the chapter explains; `main.rs` and the
//! examples put them to work, and the tests below pin down their behaviour.
//!
//! The chapter's two ideas in one run: calling an `async fn` only builds a
//! future, which does nothing until it is awaited; and `.await` after
//! `.await` runs one thing after the other, so the waits add up:
//!
//! ```
//! use std::time::Duration;
//!
//! use step02_basic_async::{Stopwatch, say_after};
//!
//! async_std::task::block_on(async {
//!     let watch = Stopwatch::start();
//!     let hello = say_after(Duration::from_millis(100), "hello"); // a future: nothing runs yet
//!     let world = say_after(Duration::from_millis(200), "world");
//!     assert_eq!(hello.await, "hello", "awaiting runs it");
//!     assert_eq!(world.await, "world");
//!     assert!(
//!         watch.elapsed() >= Duration::from_millis(300),
//!         "in sequence, 100 ms then 200 ms: no less than 300 ms in all"
//!     );
//! });
//! ```

#![warn(missing_docs)]

use std::future::Future;
use std::time::{Duration, Instant};

use async_std::task;

// ANCHOR: say_after
/// Waits `delay` without blocking the thread, then returns `what`.
///
/// The twin of `say_after` in Python's asyncio documentation. It returns the
/// text instead of printing it so that the caller decides what to do with it.
pub async fn say_after(delay: Duration, what: &str) -> String {
    task::sleep(delay).await;
    what.to_string()
}
// ANCHOR_END: say_after

// ANCHOR: stopwatch
/// Measures time since it was started and prints lines stamped with it.
#[derive(Debug)]
pub struct Stopwatch {
    start: Instant,
}

impl Stopwatch {
    /// Starts measuring now.
    pub fn start() -> Self {
        Stopwatch {
            start: Instant::now(),
        }
    }

    /// Time since the stopwatch started.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// `message` prefixed with the elapsed time, e.g. `[1.0 s] hello`.
    pub fn stamp(&self, message: &str) -> String {
        format!("[{}] {message}", seconds(self.elapsed()))
    }
}

/// A duration rounded to a tenth of a second, e.g. `3.0 s`.
///
/// Rounding keeps the printed output the same from one run to the next, so
/// the book can show a real run and the tests can compare against it.
pub fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}
// ANCHOR_END: stopwatch

/// Step 2's program on any runtime: "hello" after 1 s, then "world" after
/// 2 s more, each line stamped. `say_after` is the runtime's own version of
/// [`say_after`] (the smol and tokio twins' timers are not async-std's).
pub async fn hello_then_world<F: Future<Output = String>>(
    say_after: impl Fn(Duration, &'static str) -> F,
) {
    let watch = Stopwatch::start();
    println!("{}", watch.stamp("started"));
    for (delay, what) in [(1, "hello"), (2, "world")] {
        let said = say_after(Duration::from_secs(delay), what).await;
        println!("{}", watch.stamp(&said));
    }
    println!(
        "{}",
        watch.stamp("finished: 1 s + 2 s, one after the other")
    );
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[async_std::test]
    async fn say_after_returns_its_text_after_the_delay() {
        let watch = Stopwatch::start();
        let text = say_after(Duration::from_millis(20), "hello").await;
        assert_eq!(text, "hello");
        assert!(watch.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn a_future_does_nothing_until_it_is_driven() {
        let ran = Cell::new(false);
        let future = async { ran.set(true) };
        assert!(!ran.get(), "creating the future must not run its body");
        futures::executor::block_on(future);
        assert!(ran.get(), "driving the future runs its body");
    }

    #[test]
    fn a_dropped_future_never_runs() {
        let ran = Cell::new(false);
        let future = async { ran.set(true) };
        drop(future);
        assert!(!ran.get());
    }

    #[test]
    fn seconds_round_to_a_tenth() {
        for (millis, shown) in [(2_960, "3.0 s"), (1_040, "1.0 s"), (140, "0.1 s")] {
            assert_eq!(
                seconds(Duration::from_millis(millis)),
                shown,
                "{millis} ms rounds to the nearest tenth of a second"
            );
        }
    }
}
