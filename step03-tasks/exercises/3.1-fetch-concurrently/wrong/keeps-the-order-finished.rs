//! Wrong solution of exercise 3.1: collects the texts in the order the fetches finish
//! Expect: not in the order the fetches finished

//! Only what differs from solution.rs: // REGION n replaces its n-th student region, // EXTRA is appended.

// REGION 1
    let mut fetches: FuturesUnordered<_> =
        pages.iter().map(|&page| server.fetch(page)).collect();
    let mut texts = Vec::new();
    while let Some(result) = fetches.next().await {
        texts.push(result?);
    }
    Ok(texts)
// EXTRA

use futures::stream::{FuturesUnordered, StreamExt};
