//! Wrong solution of exercise 3.2: joins the fetches in the calling task instead of spawning one task each
//! Expect: each fetch should run in a task of its own

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    let fetches = pages.iter().map(|&page| server.fetch(page));
    let mut report = Report::default();
    for result in futures::future::join_all(fetches).await {
        match result {
            Ok(text) => report.texts.push(text),
            Err(error) => report.failed.push(error.page),
        }
    }
    report
