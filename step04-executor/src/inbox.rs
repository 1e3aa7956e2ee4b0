//! `Inbox`, where other threads hand tasks to an executor: the queue that a
//! wake from another thread pushes to, until the executor ends and closes
//! it. The single-thread executor's remote queue and the multi-thread
//! executor's injector are both one, behind a mutex of their own. Both
//! let go of a task the closed inbox hands back, once their lock is
//! released, and leave its cancel to the end of `block_on` (see their
//! `push_remote` for why).

use std::collections::VecDeque;

/// Tasks handed in from other threads, in the order they came, and whether
/// the executor has ended.
pub(crate) struct Inbox<T> {
    queue: VecDeque<T>,
    /// Set by `close`, when `block_on` returns: nothing is queued after it.
    closed: bool,
}

impl<T> Inbox<T> {
    pub(crate) fn new() -> Self {
        Inbox {
            queue: VecDeque::new(),
            closed: false,
        }
    }

    /// Queues `task`; once the inbox is closed, hands it back instead:
    /// nobody will run it.
    pub(crate) fn push(&mut self, task: T) -> Result<(), T> {
        if self.closed {
            return Err(task);
        }
        self.queue.push_back(task);
        Ok(())
    }

    /// How many tasks wait.
    pub(crate) fn len(&self) -> usize {
        self.queue.len()
    }

    /// The `count` oldest tasks.
    pub(crate) fn take(&mut self, count: usize) -> Vec<T> {
        let count = count.min(self.queue.len());
        self.queue.drain(..count).collect()
    }

    /// Every task that waits.
    pub(crate) fn take_all(&mut self) -> VecDeque<T> {
        std::mem::take(&mut self.queue)
    }

    /// Refuses every later push, and returns what was still queued.
    pub(crate) fn close(&mut self) -> VecDeque<T> {
        self.closed = true;
        self.take_all()
    }
}

#[cfg(test)]
mod tests {
    use super::Inbox;

    #[test]
    fn tasks_come_out_in_the_order_they_went_in() {
        let mut inbox = Inbox::new();
        for task in 1..=5 {
            assert_eq!(inbox.push(task), Ok(()));
        }
        assert_eq!(inbox.take(2), [1, 2]);
        assert_eq!(inbox.len(), 3);
        assert_eq!(inbox.take(10), [3, 4, 5], "take gives at most what waits");
        assert_eq!(inbox.take_all(), []);
    }

    #[test]
    fn a_closed_inbox_hands_back_what_it_is_given() {
        let mut inbox = Inbox::new();
        inbox.push("queued").unwrap();
        assert_eq!(inbox.close(), ["queued"], "close returns what waited");
        assert_eq!(
            inbox.push("late"),
            Err("late"),
            "a task pushed after close must come back to the caller"
        );
        assert_eq!(inbox.len(), 0);
    }
}
