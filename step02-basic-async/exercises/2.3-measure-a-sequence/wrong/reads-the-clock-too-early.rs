//! Wrong solution of exercise 2.3: reads the clock before awaiting the future, not after
//! Expect: start the clock before `future.await` and read it after

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    let start = Instant::now();
    let took = start.elapsed();
    (future.await, took)
