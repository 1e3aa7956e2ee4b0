//! Wrong solution of exercise 2.1: silences the warning with `let _ =` instead of awaiting
//! Expect: a future that is never awaited never runs

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
        let _ = greet(log, name);
