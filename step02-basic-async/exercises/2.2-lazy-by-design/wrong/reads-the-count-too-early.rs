//! Wrong solution of exercise 2.2: reads the counter when the future is made, writes it when it runs
//! Expect: read the counter when the future runs

use std::cell::Cell;
use std::future::Future;

/// Returns a future that, when it runs, counts one visit and gives back the
/// new count. Making the future, or dropping it unrun, counts nothing.
#[allow(clippy::manual_async_fn)]
pub fn record_visit(visits: &Cell<u32>) -> impl Future<Output = u32> + '_ {
    let count = visits.get() + 1;
    async move {
        visits.set(count);
        count
    }
}
