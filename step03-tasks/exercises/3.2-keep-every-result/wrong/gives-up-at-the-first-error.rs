//! Wrong solution of exercise 3.2: waits with `try_join_all`, which gives up at the first error
//! Expect: the join gave up at the first error

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    let handles: Vec<_> = pages
        .iter()
        .map(|&page| {
            let server = server.clone();
            async_std::task::spawn(async move { server.fetch(page).await })
        })
        .collect();
    match futures::future::try_join_all(handles).await {
        Ok(texts) => Report {
            texts,
            failed: Vec::new(),
        },
        Err(error) => Report {
            texts: Vec::new(),
            failed: vec![error.page],
        },
    }
