//! Wrong solution of exercise 3.2: awaits each task right after spawning it, so they run in turn
//! Expect: the fetches ran one after the other

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    let mut report = Report::default();
    for &page in pages {
        let server = server.clone();
        match async_std::task::spawn(async move { server.fetch(page).await }).await {
            Ok(text) => report.texts.push(text),
            Err(error) => report.failed.push(error.page),
        }
    }
    report
