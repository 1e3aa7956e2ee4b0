//! Wrong solution of exercise 2.3: sleeps with `std::thread::sleep`, which blocks the thread
//! Expect: `std::thread::sleep` blocks the whole thread

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
    let mut measured = Vec::new();
    for &(step, duration) in recipe {
        let ((), took) = timed(async { std::thread::sleep(duration) }).await;
        measured.push((step.to_string(), took));
    }
    measured
