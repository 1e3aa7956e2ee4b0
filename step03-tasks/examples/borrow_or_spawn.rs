//! A spawned task cannot borrow a local; three ways out.
//! `cargo run -p step03-tasks --example borrow_or_spawn`

use std::sync::Arc;

use async_std::task;
use futures::future::join_all;

async fn count_words(page: &str) -> usize {
    task::yield_now().await; // stands for the I/O a real count would do
    page.split_whitespace().count()
}

// ANCHOR: fixes
/// First way: give each task data of its own, a clone, moved in.
async fn clone_into_each_task(pages: &[String]) -> Vec<usize> {
    let handles = pages.iter().map(|page| {
        let page = page.clone();
        task::spawn(async move { count_words(&page).await })
    });
    join_all(handles).await
}

/// Second way: share one copy. An `Arc` is owned by every task that holds
/// a clone of it.
async fn share_with_arc(pages: Arc<Vec<String>>) -> Vec<usize> {
    let handles = (0..pages.len()).map(|index| {
        let pages = Arc::clone(&pages);
        task::spawn(async move { count_words(&pages[index]).await })
    });
    join_all(handles).await
}

/// Third way: do not spawn. Futures polled in place by this task may
/// borrow, because they cannot outlive the call that awaits them.
async fn borrow_in_place(pages: &[String]) -> Vec<usize> {
    join_all(pages.iter().map(|page| count_words(page))).await
}
// ANCHOR_END: fixes

// ANCHOR: main
#[async_std::main]
async fn main() {
    let pages: Vec<String> = ["one two", "three four five", "six"]
        .map(String::from)
        .to_vec();
    println!(
        "clone into each task: {:?}",
        clone_into_each_task(&pages).await
    );
    let shared = Arc::new(pages.clone());
    println!("share with an Arc:    {:?}", share_with_arc(shared).await);
    println!("borrow, in place:     {:?}", borrow_in_place(&pages).await);
}
// ANCHOR_END: main
