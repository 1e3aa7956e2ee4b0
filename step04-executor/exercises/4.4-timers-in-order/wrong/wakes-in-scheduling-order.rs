//! Wrong solution of exercise 4.4: wakes the due timers in the order they were scheduled, not by deadline
//! Expect: earliest deadline first (a and a2 at 10 before b at 20)

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
        let (due, waiting): (Vec<Entry>, Vec<Entry>) =
            std::mem::take(&mut self.entries)
                .into_iter()
                .partition(|entry| entry.deadline <= now);
        self.entries = waiting;
        let fired = due.len();
        for entry in due {
            entry.waker.wake();
        }
        fired
