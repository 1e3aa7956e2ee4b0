//! Wrong solution of exercise 3.3: puts the timeout on a spawned task, whose JoinHandle detaches when dropped
//! Expect: the slow request was not cancelled

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
    let server = server.clone();
    let handle = async_std::task::spawn(async move { server.fetch(page).await });
    // When the limit passes, `timeout` drops the handle, which does not
    // cancel the task: the request goes on in the background.
    match async_std::future::timeout(limit, handle).await {
        Ok(Ok(text)) => Outcome::Fetched(text),
        Ok(Err(error)) => Outcome::Failed(error),
        Err(_elapsed) => Outcome::TimedOut,
    }
