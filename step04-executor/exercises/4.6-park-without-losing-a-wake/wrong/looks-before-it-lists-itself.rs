//! Wrong solution of exercise 4.6: looks at the queues before it lists itself, so a push in between wakes nobody
//! Expect: the wake was lost

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 1.1
        // The last look, then the listing: a push in between finds no one.
        if has_work() {
            return;
        }
        self.list().push(thread::current());

// REGION 1.2
        thread::park();
        let me = thread::current().id();
        self.list().retain(|thread| thread.id() != me);
