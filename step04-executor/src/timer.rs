//! The timer driver: every pending sleep of the executor, which the
//! `block_on` loop consults between turns, to wake what is due and to know
//! how long it may park. asyncio's loop keeps a `heapq` of its
//! `TimerHandle`s for the same two jobs.
//!
//! This is stage 4's driver, tuned in two ways the benchmark asked for:
//!
//! - A queue beside the heap. In the benchmark's sleep workload, where
//!   every task sleeps the same 100 ms, a profile of the heap-only driver
//!   (`perf record` on `bench --child step04`) put `BinaryHeap::pop` at
//!   the top: each of the many timers due at once cost O(log n) to remove.
//!   Deadlines of one length arrive in order, though, and a queue takes and
//!   gives them at O(1).
//! - The loop's clock. Stage 4's `Sleep` read the clock on every poll; here
//!   the loop reads it once per turn and sleeps compare against that.
//!
//! The parts the tuning left alone (the wakers by id, `Sleep` and its
//! `poll` and `drop`) read as they do in stage 4's
//! `examples/stages/timer.rs`, a copy kept on purpose: the stage is the
//! version to read, this the version to measure.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::executor::{try_with_timers, with_timers};

/// A timer's id, for [`Timers::replace_waker`] and [`Timers::cancel`].
pub type TimerId = std::num::NonZeroU64;

// ANCHOR: timers
/// Every pending deadline, and the waker to call.
///
/// Most timers in a program are timeouts of one length (every request gets
/// the same 30 s, every task of a benchmark sleeps 100 ms), so each new
/// deadline is usually the latest so far. Those wait in a plain queue, in
/// deadline order, at O(1) a timer; only a deadline earlier than the last
/// queued one goes into the heap, at O(log n). The earliest timer is at the
/// front of one or the other.
#[derive(Debug, Default)]
pub struct Timers {
    in_order: VecDeque<Entry>,
    heap: BinaryHeap<Reverse<Entry>>,
    /// The waker of each pending timer, by id. A `Sleep` dropped early
    /// takes its waker out at once, and with it its hold on the task; its
    /// entry stays in the queue or the heap and is skipped when it comes
    /// up (asyncio marks a cancelled `TimerHandle` the same way).
    wakers: HashMap<u64, Waker>,
    /// Breaks ties between equal deadlines: first registered, first woken.
    next_id: u64,
    /// When the loop last read the clock. Never ahead of the real time, so
    /// a sleep that trusts it can end late (by one turn), never early.
    now: Option<Instant>,
    /// Wakers let go of (a sleep dropped, or polled with a new waker),
    /// dropped by [`Timers::update`]'s caller once the timers are free.
    released: Vec<Waker>,
}

/// Ordered by deadline, then by id: the derived order compares the
/// fields one after the other, so equal deadlines fire in the order they
/// were set.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    deadline: Instant,
    id: u64,
}

impl Timers {
    // ANCHOR: in_order
    /// Remembers to call `waker` at `deadline`; returns the timer's id.
    pub fn add(&mut self, deadline: Instant, waker: Waker) -> TimerId {
        // From 1: a `Sleep` keeps an `Option<TimerId>` in 8 bytes, not 16.
        self.next_id += 1;
        let id = self.next_id;
        self.wakers.insert(id, waker);
        let entry = Entry { deadline, id };
        if self
            .in_order
            .back()
            .is_none_or(|last| last.deadline <= deadline)
        {
            self.in_order.push_back(entry);
        } else {
            self.heap.push(Reverse(entry));
        }
        TimerId::new(id).expect("ids count from 1")
    }
    // ANCHOR_END: in_order

    /// Runs `f` on the timers, and hands back with its result the wakers
    /// that `f` let go of, for the caller to drop once it has released the
    /// timers. Dropping a waker may free its task, and the task's output
    /// may hold a `Sleep`, whose drop comes back to the timers: under their
    /// lock, that is a deadlock.
    pub fn update<R>(&mut self, f: impl FnOnce(&mut Timers) -> R) -> (R, Vec<Waker>) {
        let result = f(self);
        (result, mem::take(&mut self.released))
    }

    /// Makes timer `id` wake `waker` instead; false if it already fired.
    pub fn replace_waker(&mut self, id: TimerId, waker: &Waker) -> bool {
        let Some(kept) = self.wakers.get_mut(&id.get()) else {
            return false;
        };
        if !kept.will_wake(waker) {
            self.released.push(mem::replace(kept, waker.clone()));
        }
        true
    }

    /// Forgets timer `id` (its `Sleep` was dropped), and lets go of its waker.
    pub fn cancel(&mut self, id: TimerId) {
        self.released.extend(self.wakers.remove(&id.get()));
        if self.wakers.is_empty() {
            // Only cancelled entries are left: drop them all now.
            self.in_order.clear();
            self.heap.clear();
        }
    }

    /// Wakes every timer due at `now`, earliest first, and returns the next
    /// deadline still pending: how long the loop may sleep.
    pub fn wake_expired(&mut self, now: Instant) -> Option<Instant> {
        let mut due = Vec::new();
        let next = self.take_expired(now, &mut due);
        due.into_iter().for_each(Waker::wake);
        next
    }

    /// Moves the waker of every timer due at `now` into `due`, earliest
    /// first, and returns the next deadline still pending. For a driver
    /// behind a lock (the multi-threaded executor's), which wakes them
    /// once the lock is released.
    pub fn take_expired(
        &mut self,
        now: Instant,
        due: &mut Vec<Waker>,
    ) -> Option<Instant> {
        while let Some(first) = self.earliest() {
            let cancelled = !self.wakers.contains_key(&first.id);
            if first.deadline > now && !cancelled {
                return Some(first.deadline);
            }
            if let Some(entry) = self.pop_earliest()
                && let Some(waker) = self.wakers.remove(&entry.id)
            {
                due.push(waker);
            }
        }
        None
    }

    /// Reads the clock for `has_passed`, unless no timer is pending
    /// (reading it costs more than the rest of a turn); returns the time
    /// read.
    pub fn read_clock(&mut self) -> Option<Instant> {
        if self.is_empty() {
            return None;
        }
        let now = Instant::now();
        self.now = Some(now);
        Some(now)
    }

    /// `wake_expired` for the current time; does not read the clock when
    /// there are no timers (reading it costs more than the rest of a turn).
    pub fn wake_due(&mut self) -> Option<Instant> {
        if self.is_empty() {
            return None;
        }
        let now = Instant::now();
        self.now = Some(now);
        self.wake_expired(now)
    }

    /// Whether `deadline` had passed when the loop last read the clock.
    pub fn has_passed(&self, deadline: Instant) -> bool {
        self.now.is_some_and(|now| now >= deadline)
    }

    /// The earliest pending timer: the front of the queue or the top of the heap.
    fn earliest(&self) -> Option<&Entry> {
        match (self.in_order.front(), self.heap.peek()) {
            (Some(queued), Some(Reverse(heaped))) => Some(queued.min(heaped)),
            (queued, heaped) => queued.or(heaped.map(|Reverse(entry)| entry)),
        }
    }

    /// Removes the earliest pending timer.
    fn pop_earliest(&mut self) -> Option<Entry> {
        let from_heap = match (self.in_order.front(), self.heap.peek()) {
            (Some(queued), Some(Reverse(heaped))) => heaped < queued,
            (queued, _) => queued.is_none(),
        };
        if from_heap {
            self.heap.pop().map(|Reverse(entry)| entry)
        } else {
            self.in_order.pop_front()
        }
    }

    /// How many timers are pending.
    pub fn len(&self) -> usize {
        self.wakers.len()
    }

    /// Whether no timer is pending.
    pub fn is_empty(&self) -> bool {
        self.wakers.is_empty()
    }
}
// ANCHOR_END: timers

// ANCHOR: sleep
/// Waits until `duration` has passed (asyncio: `await asyncio.sleep(s)`).
/// Must be polled inside `step04_executor::block_on`.
pub fn sleep(duration: Duration) -> Sleep {
    sleep_until(Instant::now() + duration)
}

/// The future returned by [`sleep`].
#[derive(Debug)]
pub struct Sleep {
    deadline: Instant,
    /// Its timer's id, once polled.
    timer: Option<TimerId>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let (deadline, timer) = (self.deadline, self.timer);
        // The loop's clock, not `Instant::now()`: one clock read per turn
        // instead of one per poll. Even a sleep of zero goes through the
        // timers once, like asyncio's `sleep(0)`, which yields once.
        let registered = with_timers(|timers| {
            if timers.has_passed(deadline) {
                return None;
            }
            // Polled again: the waker of the latest poll is the one to wake.
            match timer {
                Some(id) if timers.replace_waker(id, cx.waker()) => Some(id),
                _ => Some(timers.add(deadline, cx.waker().clone())),
            }
        });
        match registered {
            None => Poll::Ready(()),
            Some(id) => {
                self.timer = Some(id);
                Poll::Pending
            }
        }
    }
}

impl Drop for Sleep {
    /// A sleep dropped before its deadline (a timeout that did not fire)
    /// takes its timer out, so that its waker does not keep the task's
    /// allocation alive until then.
    fn drop(&mut self) {
        if let Some(id) = self.timer {
            try_with_timers(|timers| timers.cancel(id));
        }
    }
}
// ANCHOR_END: sleep

/// Waits until `deadline` (asyncio: `loop.call_at`, tokio: `sleep_until`).
///
/// [`sleep`] counts from the moment it is called, so sleeps created one
/// after the other count from slightly different moments. Sleeps that must
/// end in a set order count from one shared start instead:
/// `sleep_until(start + Duration::from_millis(10))`.
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep {
        deadline,
        timer: None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
    use std::sync::{Arc, Mutex};
    use std::task::Wake;

    use super::*;
    use crate::block_on;

    /// A waker that records its name in a shared log when woken.
    struct Named(&'static str, Arc<Mutex<Vec<&'static str>>>);

    impl Wake for Named {
        fn wake(self: Arc<Self>) {
            self.1.lock().unwrap().push(self.0);
        }
    }

    /// The shared log that [`Named`] wakers write into.
    type Log = Arc<Mutex<Vec<&'static str>>>;

    /// A timer driver holding `entries` (a deadline, in milliseconds after
    /// a common start, and the name its waker logs), with the log and the
    /// start.
    fn timers_with(entries: &[(u64, &'static str)]) -> (Timers, Log, Instant) {
        let log = Log::default();
        let start = Instant::now();
        let mut timers = Timers::default();
        for &(ms, name) in entries {
            let waker = Waker::from(Arc::new(Named(name, log.clone())));
            timers.add(start + Duration::from_millis(ms), waker);
        }
        (timers, log, start)
    }

    #[test]
    fn the_heap_wakes_due_timers_earliest_first_and_reports_the_next() {
        // b1 and b2 share a deadline: they wake in registration order.
        let (mut timers, log, start) =
            timers_with(&[(30, "c"), (10, "a"), (20, "b1"), (20, "b2"), (50, "d")]);
        let at = |ms| start + Duration::from_millis(ms);

        assert_eq!(timers.wake_expired(at(5)), Some(at(10)));
        assert!(log.lock().unwrap().is_empty());
        assert_eq!(timers.wake_expired(at(30)), Some(at(50)));
        assert_eq!(*log.lock().unwrap(), ["a", "b1", "b2", "c"]);
        assert_eq!(timers.len(), 1);
        assert_eq!(timers.wake_expired(at(60)), None);
        assert!(timers.is_empty());
    }

    #[test]
    fn in_order_and_out_of_order_timers_wake_in_one_deadline_order() {
        // Queued (each the latest so far) and heaped (earlier than the last
        // queued one) timers interleave, with ties across the two lists:
        // h10 ties with q10, registered later, so it wakes after it.
        let (mut timers, log, start) = timers_with(&[
            (10, "q10"),
            (20, "q20"),
            (5, "h5"),
            (10, "h10"),
            (15, "h15"),
            (20, "q20b"),
            (40, "q40"),
        ]);
        let at = |ms| start + Duration::from_millis(ms);
        assert_eq!((timers.in_order.len(), timers.heap.len()), (4, 3));

        assert_eq!(timers.wake_expired(at(20)), Some(at(40)));
        assert_eq!(
            *log.lock().unwrap(),
            ["h5", "q10", "h10", "h15", "q20", "q20b"]
        );
        assert_eq!(timers.wake_expired(at(40)), None);
        assert_eq!(log.lock().unwrap().last(), Some(&"q40"));
    }

    #[test]
    fn a_cancelled_timer_is_skipped_and_lets_go_of_its_waker() {
        let (mut timers, log, start) = timers_with(&[(10, "a"), (20, "b"), (30, "c")]);
        let at = |ms| start + Duration::from_millis(ms);
        let id = |n| TimerId::new(n).expect("ids count from 1");
        timers.cancel(id(2)); // "b"
        assert_eq!(timers.len(), 2);
        assert_eq!(timers.wake_expired(at(20)), Some(at(30)));
        assert_eq!(*log.lock().unwrap(), ["a"]);
        timers.cancel(id(3)); // "c"
        assert!(timers.is_empty());
        assert_eq!((timers.in_order.len(), timers.heap.len()), (0, 0));
    }

    #[test]
    fn polling_a_sleep_twice_with_one_waker_adds_one_timer() {
        let wakes = Arc::new(AtomicUsize::new(0));
        struct Count(Arc<AtomicUsize>);
        impl Wake for Count {
            fn wake(self: Arc<Self>) {
                self.0.fetch_add(1, AtomicOrdering::SeqCst);
            }
        }
        let timers_after = block_on(async {
            let waker = Waker::from(Arc::new(Count(wakes.clone())));
            let mut cx = Context::from_waker(&waker);
            let mut nap = std::pin::pin!(sleep(Duration::from_secs(60)));
            assert!(nap.as_mut().poll(&mut cx).is_pending());
            assert!(nap.as_mut().poll(&mut cx).is_pending());
            with_timers(|timers| timers.len())
        });
        assert_eq!(timers_after, 1);
        // The sleep was dropped before its deadline: nobody was woken.
        assert_eq!(wakes.load(AtomicOrdering::SeqCst), 0);
    }
}
