//! Wrong solution of exercise 3.2: joins the fetches in the calling task instead of spawning one task each
//! Expect: each fetch should run in a task of its own

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 1.1
    // Not tasks: the fetches themselves, which the join below runs in the calling task.
    let handles = pages.iter().map(|&page| server.fetch(page));
