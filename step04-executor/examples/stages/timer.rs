//! One timer driver for every sleep: a binary heap of deadlines that
//! the `block_on` loop consults between batches of tasks, to wake what
//! is due and to know how long it may park. asyncio's loop keeps a
//! `heapq` of its `TimerHandle`s for the same two jobs.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::executor::{try_with_timers, with_timers};

// ANCHOR: timers
/// Every pending deadline, earliest on top, and the waker to call.
#[derive(Default)]
pub struct Timers {
    heap: BinaryHeap<Reverse<Entry>>,
    /// The waker of each pending timer, by id. A cancelled timer (its
    /// `Sleep` was dropped) has none: its entry is skipped when due.
    wakers: HashMap<u64, Waker>,
    /// Breaks ties between equal deadlines: first set, first woken.
    next_id: u64,
}

/// Ordered by deadline, then by id: the derived order compares the
/// fields one after the other, so equal deadlines fire in the order they
/// were set.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    deadline: Instant,
    id: u64,
}
// ANCHOR_END: timers

// ANCHOR: timers_impl
impl Timers {
    /// Remembers to call `waker` at `deadline`; returns the timer's id.
    pub fn add(&mut self, deadline: Instant, waker: Waker) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.wakers.insert(id, waker);
        self.heap.push(Reverse(Entry { deadline, id }));
        id
    }

    /// Makes timer `id` wake `waker` instead; false if it already fired.
    pub fn replace_waker(&mut self, id: u64, waker: &Waker) -> bool {
        let kept = self.wakers.get_mut(&id);
        kept.map(|kept| kept.clone_from(waker)).is_some()
    }

    /// Forgets timer `id`, and lets go of its waker (and so of its task).
    pub fn cancel(&mut self, id: u64) {
        self.wakers.remove(&id);
    }

    /// Wakes every timer that is due, earliest first, and returns the
    /// next deadline still pending: how long the loop may park.
    pub fn wake_due(&mut self) -> Option<Instant> {
        let now = Instant::now();
        loop {
            let Reverse(earliest) = self.heap.peek()?;
            let cancelled = !self.wakers.contains_key(&earliest.id);
            if earliest.deadline > now && !cancelled {
                return Some(earliest.deadline);
            }
            let Reverse(due) = self.heap.pop()?;
            if let Some(waker) = self.wakers.remove(&due.id) {
                waker.wake();
            }
        }
    }
}
// ANCHOR_END: timers_impl

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
        timer: None,
    }
}

/// The future returned by [`sleep`].
pub struct Sleep {
    deadline: Instant,
    /// Its timer's id, once polled.
    timer: Option<u64>,
}
// ANCHOR_END: sleep

// ANCHOR: sleep_poll
impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        let (deadline, timer) = (self.deadline, self.timer);
        // The first poll adds a timer; a later one only makes sure that
        // the timer wakes the waker of the latest poll.
        let id = with_timers(|timers| match timer {
            Some(id) if timers.replace_waker(id, cx.waker()) => id,
            _ => timers.add(deadline, cx.waker().clone()),
        });
        self.timer = Some(id);
        Poll::Pending
    }
}

impl Drop for Sleep {
    /// A sleep dropped before its deadline (a timeout that did not fire)
    /// cancels its timer: the timer's waker would otherwise keep the
    /// task's whole allocation alive until the deadline.
    fn drop(&mut self) {
        if let Some(id) = self.timer {
            try_with_timers(|timers| timers.cancel(id));
        }
    }
}
// ANCHOR_END: sleep_poll
