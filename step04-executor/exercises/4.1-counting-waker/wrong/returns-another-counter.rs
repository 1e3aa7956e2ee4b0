//! Wrong solution of exercise 4.1: returns a counter other than the one inside the waker
//! Expect: make the Waker from a clone of the same Arc

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 3
    // `Waker::from` takes the Arc, so a second counter is made to return:
    // but the waker counts into the first.
    let waker = Waker::from(Arc::new(WakeCounter::default()));
    (waker, Arc::new(WakeCounter::default()))
