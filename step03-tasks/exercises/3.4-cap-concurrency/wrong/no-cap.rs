//! Wrong solution of exercise 3.4: starts every fetch at once with `join_all`, ignoring k
//! Expect: not all of them (`join_all`)

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    futures::future::join_all(pages.iter().map(|&page| server.fetch(page))).await
