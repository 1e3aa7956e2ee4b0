//! Wrong solution of exercise 3.2: waits with `try_join_all`, which gives up at the first error
//! Expect: the join gave up at the first error

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
}
