//! Wrong solution of exercise 4.2: polls again and again without ever parking
//! Expect: Polling again and again without waiting is a busy loop

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 2.2
        // No parking: poll again at once, woken or not.
    }
