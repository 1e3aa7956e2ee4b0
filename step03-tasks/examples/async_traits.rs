//! Async functions in traits, `Send` bounds, `dyn`, async closures and
//! recursion. `cargo run -p step03-tasks --example async_traits`

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use async_std::task;
use futures::future::BoxFuture;

// ANCHOR: trait
/// A source of pages: `async fn` in a trait, as in any `impl` block.
trait Pages {
    async fn fetch(&self, page: u32) -> Result<String, String>;
}

/// Pages held in memory.
struct Memory(BTreeMap<u32, &'static str>);

impl Pages for Memory {
    async fn fetch(&self, page: u32) -> Result<String, String> {
        task::yield_now().await; // stands for I/O
        let text = self.0.get(&page).ok_or(format!("no page {page}"))?;
        Ok(text.to_string())
    }
}

/// Generic code awaits the method like any other async fn.
async fn first_two(
    pages: &impl Pages,
) -> (Result<String, String>, Result<String, String>) {
    futures::join!(pages.fetch(0), pages.fetch(1))
}
// ANCHOR_END: trait

// ANCHOR: send
/// For `task::spawn`, the future a method returns must be `Send`, and a
/// caller cannot say so about `async fn` (not on stable Rust). The trait
/// promises it instead; implementations may still write `async fn`.
trait SendPages: Send + Sync + 'static {
    fn fetch(&self, page: u32) -> impl Future<Output = Result<String, String>> + Send;
}

impl SendPages for Memory {
    async fn fetch(&self, page: u32) -> Result<String, String> {
        Pages::fetch(self, page).await
    }
}

/// Now a generic function can spawn the call.
async fn fetch_in_a_task<P: SendPages>(
    pages: Arc<P>,
    page: u32,
) -> Result<String, String> {
    task::spawn(async move { pages.fetch(page).await }).await
}

/// `dyn` needs one future type for every implementation: a boxed one.
trait DynPages: Send + Sync {
    fn fetch(&self, page: u32) -> BoxFuture<'_, Result<String, String>>;
}

/// Another source, with only the `Send` trait: it gets `DynPages` too.
struct Echo;

impl SendPages for Echo {
    async fn fetch(&self, page: u32) -> Result<String, String> {
        Ok(format!("page {page}, made up"))
    }
}

impl<P: SendPages> DynPages for P {
    fn fetch(&self, page: u32) -> BoxFuture<'_, Result<String, String>> {
        Box::pin(SendPages::fetch(self, page))
    }
}
// ANCHOR_END: send

// ANCHOR: closure
/// Calls `attempt` until it succeeds, `times` times at most. An async
/// closure may borrow from its captures in the future it returns, which an
/// `F: FnMut() -> Fut` bound cannot express.
pub async fn retry<T, E>(
    times: u32,
    mut attempt: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    let mut outcome = attempt().await;
    for _ in 1..times {
        if outcome.is_ok() {
            break;
        }
        outcome = attempt().await;
    }
    outcome
}
// ANCHOR_END: closure

// ANCHOR: recursion
/// How many pages the tree of links under `page` holds, itself included.
/// A recursive async fn must box the recursive call: a future that held
/// itself would be of infinite size.
pub async fn tree_size(links: &BTreeMap<u32, Vec<u32>>, page: u32) -> u32 {
    let mut count = 1;
    for &next in links.get(&page).into_iter().flatten() {
        count += Box::pin(tree_size(links, next)).await;
    }
    count
}
// ANCHOR_END: recursion

// ANCHOR: work_list
/// The same count with a list of the pages still to visit: one future, of
/// the same size however deep the tree, whose poll never recurses.
pub async fn tree_size_by_list(links: &BTreeMap<u32, Vec<u32>>, page: u32) -> u32 {
    let mut to_visit = vec![page];
    let mut count = 0;
    while let Some(page) = to_visit.pop() {
        task::yield_now().await; // stands for fetching the page: no deeper
        count += 1;
        to_visit.extend(links.get(&page).into_iter().flatten());
    }
    count
}
// ANCHOR_END: work_list

// ANCHOR: main
#[async_std::main]
async fn main() {
    let site = site_copy();
    println!("generic over a trait: {:?}", first_two(&site).await);
    let site = Arc::new(site);
    println!("spawned: {:?}", fetch_in_a_task(Arc::clone(&site), 1).await);
    let sources: [Box<dyn DynPages>; 2] = [Box::new(site_copy()), Box::new(Echo)];
    for source in &sources {
        println!("through dyn: {:?}", source.fetch(1).await);
    }

    let flaky = AtomicU32::new(2); // fails twice, then works
    let mut attempts = 0;
    let outcome = retry(3, async || {
        attempts += 1; // the closure borrows `attempts`, `flaky` and `site`
        match flaky
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        {
            Ok(_) => Err("flaky"),
            Err(_) => Pages::fetch(&*site, 0).await.map_err(|_| "missing"),
        }
    })
    .await;
    println!("retry: {outcome:?} after {attempts} attempts");

    let links = BTreeMap::from([(0, vec![1, 2]), (1, vec![3]), (2, vec![4, 5])]);
    println!(
        "pages in the tree under page 0: {}",
        tree_size(&links, 0).await
    );
    println!(
        "and with a work list: {}",
        tree_size_by_list(&links, 0).await
    );
}
// ANCHOR_END: main

fn site_copy() -> Memory {
    Memory(BTreeMap::from([(0, "home"), (1, "about")]))
}

/// `retry` takes an async closure that borrows and mutates its captures,
/// stops at the first success and gives up after `times` attempts; the
/// boxed recursion walks a deep tree, and the work list a chain far deeper
/// than recursion could. The tests live here, beside the code they check
/// (`test = true` in Cargo.toml runs them with the crate's):
/// `cargo test -p step03-tasks --example async_traits`
#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{retry, tree_size, tree_size_by_list};

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
}
