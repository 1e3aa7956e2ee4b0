//! Wrong solution of exercise 4.4: wakes the due timers but leaves them in the list, so they fire again
//! Expect: fire_due must remove the timers it fires

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
        let mut due: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|entry| entry.deadline <= now)
            .collect();
        due.sort_by_key(|entry| (entry.deadline, entry.sequence));
        for entry in &due {
            entry.waker.wake_by_ref();
        }
        due.len()
