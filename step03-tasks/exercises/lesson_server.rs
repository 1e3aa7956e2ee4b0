//! A pretend lesson server for the step 3 exercises. Given: read it, do not
//! change it (`cargo exercises` puts it back as it was).
//!
//! Each page takes its own time to serve (20 ms unless set otherwise) and
//! some pages fail. The server counts what happens, so the tests can see how
//! your code called it: how many requests were in flight at once, how many
//! finished, how many were cancelled (dropped before they finished), and
//! from how many different tasks the requests came.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why a page could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The page that failed.
    pub page: u32,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "page {} failed", self.page)
    }
}

impl std::error::Error for FetchError {}

/// The server. Cloning it is cheap and every clone shares the counters, so
/// a clone can be moved into a spawned task.
#[derive(Debug, Clone, Default)]
pub struct Server {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    pages: Mutex<HashMap<u32, Page>>,
    tasks: Mutex<HashSet<async_std::task::TaskId>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    started: AtomicUsize,
    finished: AtomicUsize,
    cancelled: AtomicUsize,
}

#[derive(Debug, Clone, Copy)]
struct Page {
    delay: Duration,
    broken: bool,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            delay: Duration::from_millis(20),
            broken: false,
        }
    }
}

impl Server {
    /// A server whose every page takes 20 ms and succeeds.
    pub fn new() -> Self {
        Server::default()
    }

    /// Serving `page` takes `delay`.
    pub fn with_delay(self, page: u32, delay: Duration) -> Self {
        self.page_mut(page, |setup| setup.delay = delay);
        self
    }

    /// `page` fails (after its delay).
    pub fn with_broken(self, page: u32) -> Self {
        self.page_mut(page, |setup| setup.broken = true);
        self
    }

    fn page_mut(&self, page: u32, change: impl FnOnce(&mut Page)) {
        let mut pages = self.shared.pages.lock().expect("not poisoned");
        change(pages.entry(page).or_default());
    }

    /// Fetches `page`: its text, `page <n>`, or an error if it is broken.
    pub async fn fetch(&self, page: u32) -> Result<String, FetchError> {
        let setup = self
            .shared
            .pages
            .lock()
            .expect("not poisoned")
            .get(&page)
            .copied()
            .unwrap_or_default();
        if let Some(task) = async_std::task::try_current() {
            let mut tasks = self.shared.tasks.lock().expect("not poisoned");
            tasks.insert(task.id());
        }
        let mut visit = Visit::begin(&self.shared);
        async_std::task::sleep(setup.delay).await;
        visit.finished = true;
        if setup.broken {
            Err(FetchError { page })
        } else {
            Ok(format!("page {page}"))
        }
    }

    /// The most requests that were in flight at the same time.
    pub fn most_in_flight(&self) -> usize {
        self.shared.most_in_flight.load(Ordering::SeqCst)
    }

    /// How many requests started.
    pub fn started(&self) -> usize {
        self.shared.started.load(Ordering::SeqCst)
    }

    /// How many requests ran to the end (successfully or not).
    pub fn finished(&self) -> usize {
        self.shared.finished.load(Ordering::SeqCst)
    }

    /// How many requests were dropped before they finished.
    pub fn cancelled(&self) -> usize {
        self.shared.cancelled.load(Ordering::SeqCst)
    }

    /// From how many different async-std tasks the requests came.
    pub fn tasks(&self) -> usize {
        self.shared.tasks.lock().expect("not poisoned").len()
    }
}

/// One request in flight. Dropping it before `finished` is set means the
/// request was cancelled.
struct Visit<'a> {
    shared: &'a Shared,
    finished: bool,
}

impl<'a> Visit<'a> {
    fn begin(shared: &'a Shared) -> Self {
        shared.started.fetch_add(1, Ordering::SeqCst);
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.most_in_flight.fetch_max(now, Ordering::SeqCst);
        Visit {
            shared,
            finished: false,
        }
    }
}

impl Drop for Visit<'_> {
    fn drop(&mut self) {
        self.shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        let counter = if self.finished {
            &self.shared.finished
        } else {
            &self.shared.cancelled
        };
        counter.fetch_add(1, Ordering::SeqCst);
    }
}
