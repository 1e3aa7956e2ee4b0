//! Wrong solution of exercise 3.3: waits for the fetch to end, then compares the time with the limit
//! Expect: instead of racing it against the limit

//! Only what differs from solution.rs: // REGION n replaces its n-th student region, // EXTRA is appended.

// REGION 1
    let start = Instant::now();
    let result = server.fetch(page).await;
    if start.elapsed() > limit {
        return Outcome::TimedOut;
    }
    match result {
        Ok(text) => Outcome::Fetched(text),
        Err(error) => Outcome::Failed(error),
    }
// EXTRA

use std::time::Instant;
