//! Wrong solution of exercise 4.2: clears `woken` after each poll, losing a wake that came during it
//! Expect: that wake-up was lost

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 2.2
        // Too late: a wake-up that came during the poll is forgotten here.
        signal.woken.store(false, Ordering::SeqCst);
        while !signal.woken.load(Ordering::SeqCst) {
            thread::park();
        }
    }
