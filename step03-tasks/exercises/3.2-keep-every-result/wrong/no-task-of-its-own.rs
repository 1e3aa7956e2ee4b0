//! Wrong solution of exercise 3.2: joins the fetches in the calling task instead of spawning one task each
//! Expect: each fetch should run in a task of its own

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
    let fetches = pages.iter().map(|&page| server.fetch(page));
    let mut report = Report::default();
    for result in futures::future::join_all(fetches).await {
        match result {
            Ok(text) => report.texts.push(text),
            Err(error) => report.failed.push(error.page),
        }
    }
    report
}
