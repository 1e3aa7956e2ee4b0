//! Wrong solution of exercise 4.6: returns when it finds work but stays on the list, so a later wake goes to a worker that is not asleep
//! Expect: still listed as sleeping

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 1.2
        if has_work() {
            return; // still on the list
        }
        thread::park();
        let me = thread::current().id();
        self.list().retain(|thread| thread.id() != me);
