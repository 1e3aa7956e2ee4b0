//! Wrong solution of exercise 4.2: parks once and polls again, without checking `woken`
//! Expect: block_on polled again after a spurious unpark

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 2.2
        // Any return from `park` is taken for a wake-up.
        thread::park();
    }
