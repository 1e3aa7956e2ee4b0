//! Wrong solution of exercise 3.2: awaits each task right after spawning it, so they run in turn
//! Expect: the fetches ran one after the other

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
    let mut report = Report::default();
    for &page in pages {
        let server = server.clone();
        match async_std::task::spawn(async move { server.fetch(page).await }).await {
            Ok(text) => report.texts.push(text),
            Err(error) => report.failed.push(error.page),
        }
    }
    report
}
