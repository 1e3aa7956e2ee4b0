//! Wrong solution of exercise 1.3: awaits `a`, then `b`, so they run one after the other
//! Expect: awaits one after the other run in sequence

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    (a.await, b.await)
