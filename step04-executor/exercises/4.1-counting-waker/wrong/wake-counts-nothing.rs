//! Wrong solution of exercise 4.1: counts in `wake_by_ref` only; `wake` does nothing
//! Expect: `wake` must count too

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
        // Counts nothing: this wake-up is lost.
