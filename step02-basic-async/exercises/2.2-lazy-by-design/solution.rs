//! Exercise 2.2: Count when it runs, not when it is made
//!
//! Instructions: the book, Step 2, "Exercise 2.2".
//! Check your work with `cargo exercises check 2.2`.

use std::cell::Cell;
use std::future::Future;

/// Returns a future that, when it runs, counts one visit and gives back the
/// new count. Making the future, or dropping it unrun, counts nothing.
///
/// An `async fn` would be lazy by construction; this exercise writes the
/// future out by hand to see where the laziness comes from.
#[allow(clippy::manual_async_fn)]
pub fn record_visit(visits: &Cell<u32>) -> impl Future<Output = u32> + '_ {
    // STUDENT: this counts the visit too early: count it when the future runs
    // STARTER: visits.set(visits.get() + 1);
    // STARTER: let count = visits.get();
    // STARTER: async move { count }
    async move {
        visits.set(visits.get() + 1);
        visits.get()
    }
    // END STUDENT
}
