//! Wrong solution of exercise 3.1: makes every future first, then awaits them one by one
//! Expect: the fetches ran one after the other

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    // Futures are lazy: none of these requests starts until it is awaited.
    let fetches: Vec<_> = pages.iter().map(|&page| server.fetch(page)).collect();
    let mut texts = Vec::new();
    for fetch in fetches {
        texts.push(fetch.await?);
    }
    Ok(texts)
