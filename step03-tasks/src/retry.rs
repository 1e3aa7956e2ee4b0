//! Retry with backoff, sleeping on a clock that is passed in, so that a test
//! can hand it a fake one and check every wait without waiting
//! (book: "Time in tests").

use std::future::Future;
use std::time::Duration;

use async_std::task;

// ANCHOR: clock
/// Something that can wait: the real timer in a program, a fake in a test.
pub trait Clock {
    /// Waits `duration` (or pretends to).
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;
}

/// async-std's timer: the clock of a real program.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealClock;

impl Clock for RealClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        task::sleep(duration)
    }
}
// ANCHOR_END: clock

// ANCHOR: retry
/// Runs `attempt` until it succeeds or has failed `tries` times; between
/// two attempts it sleeps on `clock`, `first_delay` and then twice as long
/// each time. Returns the first success or the last error.
pub async fn retry<T, E, Attempt, Fut>(
    clock: &impl Clock,
    tries: u32,
    first_delay: Duration,
    mut attempt: Attempt,
) -> Result<T, E>
where
    Attempt: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut delay = first_delay;
    for _ in 1..tries {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(_) => clock.sleep(delay).await,
        }
        delay *= 2;
    }
    attempt().await // the last try: its error is the answer
}
// ANCHOR_END: retry
