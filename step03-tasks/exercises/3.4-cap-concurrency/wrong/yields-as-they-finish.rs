//! Wrong solution of exercise 3.4: uses `buffer_unordered`, which yields the results as they finish
//! Expect: not in the order the fetches finished

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    use futures::stream::{self, StreamExt};
    stream::iter(pages)
        .map(|&page| server.fetch(page))
        .buffer_unordered(k)
        .collect()
        .await
