//! Going further, task groups: the first compiler error a Python developer
//! meets, a spawned task that borrows a local. The book shows the
//! compiler's error, kept in spawn_borrow.expected.

use async_std::task;
use futures::future::join_all;

// ANCHOR: borrowed
pub async fn word_counts(pages: Vec<String>) -> Vec<usize> {
    let mut handles = Vec::new();
    for page in &pages {
        handles.push(task::spawn(async move { page.split_whitespace().count() }));
    }
    join_all(handles).await
}
// ANCHOR_END: borrowed
