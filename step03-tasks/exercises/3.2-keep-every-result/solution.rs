//! Exercise 3.2: One failure must not lose the other results
//!
//! Instructions: the book, Step 3, "Exercises", "Exercise 3.2".
//! Check your work with `cargo exercises check 3.2`.

mod lesson_server;

pub use lesson_server::{FetchError, Server};

/// What a batch of fetches gave: the texts that arrived, in the order of
/// the pages asked, and the pages that failed, in the same order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub texts: Vec<String>,
    pub failed: Vec<u32>,
}

/// Fetches every page at the same time, each in a task of its own, and
/// waits for all of them, whatever fails: `asyncio.gather(...,
/// return_exceptions=True)`.
pub async fn fetch_report(server: &Server, pages: &[u32]) -> Report {
    // STUDENT: spawn a task per page, wait for every task, sort results into the report
    let handles: Vec<_> = pages
        .iter()
        .map(|&page| {
            let server = server.clone();
            async_std::task::spawn(async move { server.fetch(page).await })
        })
        .collect();
    // PART: wait for every task, sort the results into the report
    let mut report = Report::default();
    for result in futures::future::join_all(handles).await {
        match result {
            Ok(text) => report.texts.push(text),
            Err(error) => report.failed.push(error.page),
        }
    }
    report
    // END STUDENT
}
