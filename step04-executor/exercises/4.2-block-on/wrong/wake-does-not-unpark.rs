//! Wrong solution of exercise 4.2: `wake` sets `woken` but never unparks the thread
//! Expect: does wake() unpark the thread

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
        self.woken.store(true, Ordering::SeqCst);
