//! Wrong solution of exercise 4.5: queues the task on every wake, so a task woken twice runs twice
//! Expect: queued it twice

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
        // No check: every wake queues the task again.
        self.scheduled.store(true, Ordering::SeqCst);
        lock(&self.queue).push_back(Arc::clone(self));
