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
