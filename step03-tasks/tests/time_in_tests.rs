//! Time in tests (book: "Time in tests"): the retry of `src/retry.rs`
//! sleeps 1 s, 2 s, 4 s and 8 s, and these tests check every one of them
//! without waiting: once with a fake clock passed in, once with tokio's
//! paused clock. `cargo test -p step03-tasks --test time_in_tests`

use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use step03_tasks::retry::{Clock, retry};

// ANCHOR: fake_clock
/// A clock that never waits: each sleep moves its time forward at once,
/// and is written down.
#[derive(Debug, Default)]
struct FakeClock {
    now: Mutex<Duration>,
    sleeps: Mutex<Vec<Duration>>,
}

impl FakeClock {
    fn now(&self) -> Duration {
        *self.now.lock().unwrap()
    }
}

impl Clock for FakeClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        *self.now.lock().unwrap() += duration;
        self.sleeps.lock().unwrap().push(duration);
        std::future::ready(()) // done already: nothing to wait for
    }
}
// ANCHOR_END: fake_clock

fn secs(seconds: &[u64]) -> Vec<Duration> {
    seconds.iter().copied().map(Duration::from_secs).collect()
}

// ANCHOR: fake_test
#[async_std::test]
async fn backoff_doubles_and_stops_at_the_first_success() {
    let clock = FakeClock::default();
    let mut tried_at = Vec::new();
    let answer = retry(&clock, 5, Duration::from_secs(1), || {
        tried_at.push(clock.now());
        let failed = tried_at.len() < 5;
        async move { if failed { Err("refused") } else { Ok(42) } }
    })
    .await;
    assert_eq!(answer, Ok(42));
    assert_eq!(*clock.sleeps.lock().unwrap(), secs(&[1, 2, 4, 8]));
    assert_eq!(tried_at, secs(&[0, 1, 3, 7, 15]), "when each attempt ran");
}
// ANCHOR_END: fake_test

#[async_std::test]
async fn the_last_error_is_returned_with_no_sleep_after_it() {
    let clock = FakeClock::default();
    let answer: Result<u32, &str> =
        retry(&clock, 3, Duration::from_secs(1), || async { Err("down") }).await;
    assert_eq!(answer, Err("down"));
    assert_eq!(
        *clock.sleeps.lock().unwrap(),
        secs(&[1, 2]),
        "three tries have two waits between them, none after the last"
    );
}

/// tokio's timer as a `Clock`: paused in a test, real in a program.
struct TokioClock;

impl Clock for TokioClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(duration)
    }
}

// ANCHOR: paused
#[tokio::test(start_paused = true)]
async fn on_a_paused_clock_fifteen_seconds_pass_at_once() {
    let (virtual_start, real_start) =
        (tokio::time::Instant::now(), std::time::Instant::now());
    let mut tries = 0;
    let answer = retry(&TokioClock, 5, Duration::from_secs(1), || {
        tries += 1;
        let failed = tries < 5;
        async move { if failed { Err("refused") } else { Ok(42) } }
    })
    .await;
    assert_eq!(answer, Ok(42));
    // tokio's clock moved 1 + 2 + 4 + 8 s, jumping to each timer in turn...
    let waited = virtual_start.elapsed();
    assert!(waited >= Duration::from_secs(15) && waited < Duration::from_secs(16));
    // ...while the test itself did not wait for them.
    assert!(real_start.elapsed() < Duration::from_secs(15));
}
// ANCHOR_END: paused
