//! Exercise 4.2: Write block_on.
//!
//! The tests that `cargo exercises check 4.2` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use exercise::block_on;

// `watchdog::run_within`, a time limit for a test: in tests/watchdog/mod.rs,
// written by `cargo exercises` from tests/exercises-tool/test-support/.
mod watchdog;

/// How long a test waits for `block_on` before it fails. The futures here
/// are ready within milliseconds.
const WATCHDOG: Duration = Duration::from_secs(5);

/// What a test says when `block_on` did not return in time, unless the
/// test knows better.
const HUNG: &str = "block_on did not return within 5 s: does wake() unpark the thread, and \
     does block_on park only while no wake-up is pending?";

/// A future that waits for `remaining` events before it is ready. Each
/// event comes from another thread a little later, as a timer or a socket
/// would signal it, or (with `from_inside`) at once, during `poll`. Polled
/// before its event came, it only says Pending again: an executor that
/// polls without being woken wastes polls, and the test counts them.
struct Countdown {
    remaining: usize,
    waiting: bool,
    event: Arc<AtomicBool>,
    polls: Arc<AtomicUsize>,
    from_inside: bool,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.waiting {
            if !self.event.swap(false, Ordering::SeqCst) {
                return Poll::Pending;
            }
            self.waiting = false;
        }
        if self.remaining == 0 {
            return Poll::Ready("done");
        }
        self.remaining -= 1;
        self.waiting = true;
        let event = Arc::clone(&self.event);
        if self.from_inside {
            event.store(true, Ordering::SeqCst);
            cx.waker().wake_by_ref();
        } else {
            let waker = cx.waker().clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(5));
                event.store(true, Ordering::SeqCst);
                waker.wake();
            });
        }
        Poll::Pending
    }
}

fn countdown(remaining: usize, from_inside: bool) -> (Countdown, Arc<AtomicUsize>) {
    let polls = Arc::new(AtomicUsize::new(0));
    let future = Countdown {
        remaining,
        waiting: false,
        event: Arc::new(AtomicBool::new(false)),
        polls: Arc::clone(&polls),
        from_inside,
    };
    (future, polls)
}

/// Runs `countdown(remaining, from_inside)` with `block_on` under the
/// watchdog (failing with `if_hung` if it hangs), checks its output, and
/// says how many times it was polled.
fn polls_of_countdown(remaining: usize, from_inside: bool, if_hung: &str) -> usize {
    let (output, polls) = watchdog::run_within(WATCHDOG, if_hung, move || {
        let (future, polls) = countdown(remaining, from_inside);
        (block_on(future), polls.load(Ordering::SeqCst))
    });
    assert_eq!(output, "done", "block_on should return the future's output");
    polls
}

/// A future that is ready on its second poll, after one real wake-up from
/// another thread 50 ms later. Meanwhile its thread is unparked without
/// any wake: once during the first poll, then a few times by the other
/// thread. `park` returns for those, but they are not wake-ups.
struct StrayUnparks {
    polls: Arc<AtomicUsize>,
    event: Arc<AtomicBool>,
    started: bool,
}

impl Future for StrayUnparks {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.started {
            return if self.event.load(Ordering::SeqCst) {
                Poll::Ready(())
            } else {
                Poll::Pending
            };
        }
        self.started = true;
        let me = thread::current();
        me.unpark();
        let waker = cx.waker().clone();
        let event = Arc::clone(&self.event);
        thread::spawn(move || {
            for _ in 0..5 {
                thread::sleep(Duration::from_millis(10));
                me.unpark();
            }
            event.store(true, Ordering::SeqCst);
            waker.wake();
        });
        Poll::Pending
    }
}

#[test]
fn a_ready_future_is_polled_once() {
    let polls = polls_of_countdown(0, false, HUNG);
    assert_eq!(
        polls, 1,
        "a future that is ready at once was polled {polls} times: return its output after the \
         first poll"
    );
    let answer = watchdog::run_within(WATCHDOG, HUNG, || block_on(async { 6 * 7 }));
    assert_eq!(answer, 42, "block_on(async {{ 6 * 7 }}) should return 42");
}

#[test]
fn a_future_woken_from_another_thread_is_polled_once_per_wake() {
    let polls = polls_of_countdown(5, false, HUNG);
    assert_eq!(
        polls, 6,
        "a future woken 5 times was polled {polls} times; it should be polled 6 times, once at \
         the start and once per wake. Polling again and again without waiting is a busy loop: \
         park the thread while no wake-up is pending"
    );
}

#[test]
fn a_wake_during_poll_is_not_lost() {
    // The waker is called during poll, before block_on parks: it must not
    // sleep forever waiting for a wake-up that already happened.
    let polls = polls_of_countdown(
        3,
        true,
        "block_on did not return within 5 s, after the future woke itself during poll: that \
         wake-up was lost. It came before block_on parked; `woken` must remember it. Reset \
         `woken` when you take the wake-up (`swap(false, ..)` as you decide whether to park), \
         never after the poll",
    );
    assert_eq!(
        polls, 4,
        "a future that woke itself 3 times was polled {polls} times; it should be polled 4 \
         times, once at the start and once per wake"
    );
}

#[test]
fn a_stray_unpark_does_not_cause_a_poll() {
    let polls = watchdog::run_within(WATCHDOG, HUNG, || {
        let polls = Arc::new(AtomicUsize::new(0));
        block_on(StrayUnparks {
            polls: Arc::clone(&polls),
            event: Arc::new(AtomicBool::new(false)),
            started: false,
        });
        polls.load(Ordering::SeqCst)
    });
    assert_eq!(
        polls, 2,
        "the future was polled {polls} times, though it was woken only once: block_on polled \
         again after a spurious unpark, with no wake. `park` may return without a wake-up; \
         keep parking until `woken` is set"
    );
}

#[test]
fn async_blocks_with_awaits_run_to_the_end() {
    let output = watchdog::run_within(WATCHDOG, HUNG, || {
        block_on(async {
            let (first, _) = countdown(2, false);
            let (second, _) = countdown(1, true);
            format!("{} and {}", first.await, second.await)
        })
    });
    assert_eq!(
        output, "done and done",
        "block_on should run an async block through all its awaits and return its output"
    );
}
