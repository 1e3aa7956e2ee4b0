//! Async traits, closures and recursion (book: "Async traits, closures and
//! recursion"): the example's `retry` takes an async closure that borrows
//! and mutates its captures, stops at the first success and gives up after
//! `times` attempts; its boxed recursion walks a deep tree, and its work
//! list a chain far deeper than recursion could.
//! `cargo test -p step03-tasks --test async_traits`

#[path = "../examples/async_traits.rs"]
#[allow(dead_code)] // its main and traits are the example's, not the test's
mod async_traits;

use std::collections::BTreeMap;

use async_traits::{retry, tree_size, tree_size_by_list};

#[async_std::test]
async fn retry_stops_at_the_first_success() {
    let mut attempts = Vec::new();
    let outcome: Result<u32, &str> = retry(5, async || {
        attempts.push(attempts.len() + 1); // a mutable borrow of a local
        if attempts.len() < 3 {
            Err("not yet")
        } else {
            Ok(42)
        }
    })
    .await;
    assert_eq!(outcome, Ok(42));
    assert_eq!(attempts, [1, 2, 3], "no attempt after the first success");
}

#[async_std::test]
async fn retry_gives_up_after_times_attempts_with_the_last_error() {
    let mut attempts = 0;
    let outcome: Result<(), String> = retry(4, async || {
        attempts += 1;
        Err(format!("failure {attempts}"))
    })
    .await;
    assert_eq!(outcome, Err("failure 4".to_string()));
    assert_eq!(attempts, 4);
}

#[async_std::test]
async fn retry_once_means_one_attempt() {
    let mut attempts = 0;
    let _: Result<(), ()> = retry(1, async || {
        attempts += 1;
        Err(())
    })
    .await;
    assert_eq!(attempts, 1);
}

#[async_std::test]
async fn boxed_recursion_counts_a_deep_tree() {
    // A chain 0 -> 1 -> ... -> 999, and a leaf beside each link.
    let mut links = BTreeMap::new();
    for page in 0..999 {
        links.insert(page, vec![page + 1, 10_000 + page]);
    }
    assert_eq!(tree_size(&links, 0).await, 1000 + 999);
    assert_eq!(
        tree_size(&BTreeMap::new(), 7).await,
        1,
        "a page without links"
    );
}

#[async_std::test]
async fn the_work_list_counts_the_same_and_goes_deeper_than_recursion_could() {
    let tree = BTreeMap::from([(0, vec![1, 2]), (1, vec![3]), (2, vec![4, 5])]);
    assert_eq!(tree_size_by_list(&tree, 0).await, tree_size(&tree, 0).await);
    // A chain far deeper than a task's stack could hold one boxed level
    // of recursion per page for: the work list never recurses.
    let depth = 200_000;
    let chain: BTreeMap<u32, Vec<u32>> =
        (0..depth - 1).map(|page| (page, vec![page + 1])).collect();
    assert_eq!(tree_size_by_list(&chain, 0).await, depth);
}
