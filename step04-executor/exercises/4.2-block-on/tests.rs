use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use exercise::block_on;

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
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(5));
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

#[test]
fn a_ready_future_is_polled_once() {
    assert_eq!(block_on(async { 6 * 7 }), 42);
    let (future, polls) = countdown(0, false);
    assert_eq!(block_on(future), "done");
    assert_eq!(polls.load(Ordering::SeqCst), 1);
}

#[test]
fn a_future_woken_from_another_thread_is_polled_once_per_wake() {
    let (future, polls) = countdown(5, false);
    assert_eq!(block_on(future), "done");
    assert_eq!(
        polls.load(Ordering::SeqCst),
        6,
        "a future should be polled again only after it was woken, not in a busy loop"
    );
}

#[test]
fn a_wake_before_parking_is_not_lost() {
    // The waker is called during poll, before block_on parks: it must not
    // sleep forever waiting for a wake-up that already happened.
    let (future, polls) = countdown(3, true);
    assert_eq!(block_on(future), "done");
    assert_eq!(polls.load(Ordering::SeqCst), 4);
}

#[test]
fn async_blocks_with_awaits_run_to_the_end() {
    let output = block_on(async {
        let (first, _) = countdown(2, false);
        let (second, _) = countdown(1, true);
        format!("{} and {}", first.await, second.await)
    });
    assert_eq!(output, "done and done");
}
