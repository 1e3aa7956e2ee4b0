//! Wrong solution of exercise 4.4: fires the timers whose deadline is before `now`, not those due exactly at `now`
//! Expect: a deadline equal to `now` is due

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 2.1
        let (mut due, waiting): (Vec<Entry>, Vec<Entry>) =
            std::mem::take(&mut self.entries)
                .into_iter()
                .partition(|entry| entry.deadline < now);
        self.entries = waiting;
