//! Wrong solution of exercise 2.2: reads the counter when the future is made, writes it when it runs
//! Expect: read the counter when the future runs

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    let count = visits.get() + 1;
    async move {
        visits.set(count);
        count
    }
