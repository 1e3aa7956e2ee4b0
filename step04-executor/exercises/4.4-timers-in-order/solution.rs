//! Exercise 4.4: Make the timers fire in order
//!
//! Instructions: the book, Step 4, "Exercises", "Exercise 4.4".
//! Check your work with `cargo exercises check 4.4`.

use std::task::Waker;

/// The timer list of an executor, on a pretend clock counted in ticks so
/// that the tests need no real time. The executor registers a waker for
/// each sleeping task and, as its clock advances, fires the timers due.
#[derive(Debug, Default)]
pub struct Timers {
    /// Kept in the order they were scheduled; firing picks the due ones.
    entries: Vec<Entry>,
    next_sequence: u64,
}

#[derive(Debug)]
struct Entry {
    deadline: u64,
    /// Tells apart timers with the same deadline: the first scheduled fires first.
    sequence: u64,
    waker: Waker,
}

impl Timers {
    pub fn new() -> Self {
        Timers::default()
    }

    /// Wakes `waker` when the clock reaches `deadline`.
    pub fn schedule(&mut self, deadline: u64, waker: Waker) {
        self.entries.push(Entry {
            deadline,
            sequence: self.next_sequence,
            waker,
        });
        self.next_sequence += 1;
    }

    /// How many timers are waiting.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    // ANCHOR: student
    /// The earliest deadline still waiting: how far an idle executor may
    /// sleep before it has work again.
    pub fn next_deadline(&self) -> Option<u64> {
        // STUDENT: the smallest deadline among the entries, if there is any
        self.entries.iter().map(|entry| entry.deadline).min()
        // END STUDENT
    }

    /// Fires every timer whose deadline is at or before `now`, earliest
    /// deadline first and, for equal deadlines, in the order they were
    /// scheduled; removes them and returns how many fired.
    pub fn fire_due(&mut self, now: u64) -> usize {
        // STUDENT: take the due entries, sort by (deadline, sequence), wake in turn
        let (mut due, waiting): (Vec<Entry>, Vec<Entry>) =
            std::mem::take(&mut self.entries)
                .into_iter()
                .partition(|entry| entry.deadline <= now);
        self.entries = waiting;
        // PART: sort the due entries, wake each in turn
        due.sort_by_key(|entry| (entry.deadline, entry.sequence));
        let fired = due.len();
        for entry in due {
            entry.waker.wake();
        }
        fired
        // END STUDENT
    }
    // ANCHOR_END: student
}
